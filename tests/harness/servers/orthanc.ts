// A throw-away Orthanc (Debian's /usr/sbin/Orthanc 1.10.1) with its own config and storage.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { freePort, waitForHttp, type RunningServer } from './ports.js';
import { makeTempDir, startProcess, waitUntilReady } from './processes.js';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';

export interface OrthancOptions {
  authentication: boolean;
  /** user → password. With authentication and no users, `orthanc`/`orthanc` is registered. */
  users?: Record<string, string>;
  /** Startup limit; default 20 s. */
  timeoutMs?: number;
  /**
   * Plugins to load: absolute paths of their .so files (default none). With findDicomWebPlugin() listed,
   * Orthanc answers DICOMweb (QIDO-RS, WADO-RS) at /dicom-web/; see findDicomWebPlugin().
   */
  plugins?: string[];
}

export interface OrthancServer extends RunningServer {
  /** The first registered user, or null without authentication. */
  credentials: { user: string; password: string } | null;
  /** Headers to send on every request (Basic auth when enabled, else empty). */
  headers: Record<string, string>;
  /** POSTs each file to /instances, checks the patients appear; returns the instance IDs. */
  upload(files: string[]): Promise<string[]>;
}

/** Where Debian's orthanc-dicomweb package puts its plugin (the first is a link to the second). */
export const DICOMWEB_PLUGIN_CANDIDATES = ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so', '/usr/lib/orthanc/libOrthancDicomWeb.so.1.7'];

/** The DICOMweb plugin's .so, or an error that says which Debian package brings it. */
export function findDicomWebPlugin(): string {
  const found = DICOMWEB_PLUGIN_CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(`Orthanc's DICOMweb plugin not found (looked at ${DICOMWEB_PLUGIN_CANDIDATES.join(', ')}): apt-get install orthanc-dicomweb`);
  return found;
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function startOrthanc(options: OrthancOptions): Promise<OrthancServer> {
  for (const plugin of options.plugins ?? []) {
    if (!plugin.startsWith('/') || !existsSync(plugin)) throw new Error(`startOrthanc: plugin ${plugin} is not an existing absolute path`);
  }
  const dir = await makeTempDir('orthanc');
  const port = await freePort();
  const users = options.authentication ? (options.users ?? { orthanc: 'orthanc' }) : (options.users ?? {});
  const config = {
    Name: `PortalCheckupTest-${basename(dir)}`,
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: port,
    // As the open archives of 2019 were set up (and as the issue asks): remote access on.
    // Orthanc 1.10.1 has no bind-address option, so it listens on all interfaces for the
    // test's lifetime; the data is synthetic and every test request goes to 127.0.0.1.
    RemoteAccessAllowed: true,
    AuthenticationEnabled: options.authentication,
    RegisteredUsers: users,
    // Only the plugins asked for, never all of Debian's /usr/share/orthanc/plugins: faster, predictable startup.
    Plugins: options.plugins ?? [],
    // Read only when the DICOMweb plugin is loaded. Root as in Debian's default; the plugin builds the
    // absolute URLs in its answers (BulkDataURI) from the request's Host header, so behind a proxy
    // that passes Host on they point at the proxy.
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: true, WadoRoot: '/wado', Ssl: false },
    // No DICOM listener at all; the port is still set so the default 4242 is never used.
    DicomServerEnabled: false,
    DicomPort: await freePort(),
    SaveJobs: false,
    ConcurrentJobs: 1,
    HttpThreadsCount: 10,
  };
  const configPath = join(dir, 'orthanc.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const logFile = join(dir, 'orthanc.log');
  const handle = startProcess(ORTHANC_BINARY, [`--logfile=${logFile}`, configPath], {
    name: 'Orthanc',
    cwd: dir,
    tempDirs: [dir],
    logFiles: [logFile],
  });

  const url = `http://127.0.0.1:${port}`;
  const [first] = Object.entries(users);
  const credentials = options.authentication && first ? { user: first[0], password: first[1] } : null;
  const headers: Record<string, string> = credentials
    ? { Authorization: basicAuthHeader(credentials.user, credentials.password) }
    : {};

  await waitUntilReady(handle, (signal) =>
    waitForHttp(`${url}/system`, { timeoutMs: options.timeoutMs ?? 20_000, acceptStatus: [200], headers, signal }),
  );

  async function upload(files: string[]): Promise<string[]> {
    const ids: string[] = [];
    const patientIds = new Set<string>();
    for (const file of files) {
      const response = await fetch(`${url}/instances`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/dicom' },
        body: await readFile(file),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Orthanc upload of ${file} failed: ${response.status} ${text}`);
      const answer = JSON.parse(text) as { ID: string; ParentPatient: string; Status: string };
      ids.push(answer.ID);
      patientIds.add(answer.ParentPatient);
    }
    const response = await fetch(`${url}/patients`, { headers });
    const known = (await response.json()) as string[];
    const missing = [...patientIds].filter((id) => !known.includes(id));
    if (missing.length > 0) throw new Error(`Orthanc upload: patients missing after upload: ${missing.join(', ')}`);
    return ids;
  }

  return { url, port, credentials, headers, upload, stop: () => handle.stop() };
}
