// Test servers for the real-browser tests. Every server listens on 127.0.0.1 only
// (Orthanc: see the note in orthanc.ts), on a free port, and is stopped by the caller.
export * from './ports.js';
export * from './processes.js';
export * from './dicom.js';
export * from './orthanc.js';
export * from './nginx.js';
export * from './python-http.js';
export * from './static-https.js';
export * from './apache.js';
export * from './lighttpd.js';
export * from './caddy.js';
export * from './http-server.js';
export * from './listing-folders.js';
export * from './ohif.js';
export * from './demo-portal.js';
