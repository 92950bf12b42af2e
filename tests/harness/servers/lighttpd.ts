// lighttpd serving a directory with mod_dirlisting, fully self-contained in a temp dir.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { makeTempDir, startWebServerProcess } from './processes.js';

export const LIGHTTPD_BINARY = '/usr/sbin/lighttpd';

/** lighttpd config strings: double-quoted, with " and \ escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export async function startLighttpdDirlisting(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const dir = await makeTempDir('lighttpd');
  const port = await freePort();
  // The listing settings are Debian's conf-available/10-dir-listing.conf; everything else points
  // into `dir` (no /etc/lighttpd include), and the server binds to loopback only.
  const conf = `
server.modules = ( "mod_dirlisting" )
server.document-root = ${quote(resolve(rootDir))}
server.bind = "127.0.0.1"
server.port = ${port}
server.pid-file = ${quote(join(dir, 'lighttpd.pid'))}
server.errorlog = ${quote(join(dir, 'error.log'))}
server.upload-dirs = ( ${quote(dir)} )
index-file.names = ( "index.html" )
mimetype.assign = ( ".html" => "text/html", ".txt" => "text/plain", ".jpg" => "image/jpeg", ".pdf" => "application/pdf", ".zip" => "application/zip", ".dcm" => "application/dicom" )
dir-listing.encoding = "utf-8"
server.dir-listing = "enable"
`;
  const confPath = join(dir, 'lighttpd.conf');
  await writeFile(confPath, conf);
  // -D: stay in the foreground (no fork), so SIGTERM reaches the server itself.
  return startWebServerProcess(LIGHTTPD_BINARY, ['-D', '-f', confPath], {
    name: 'lighttpd',
    cwd: dir,
    tempDirs: [dir],
    logFiles: [join(dir, 'error.log')],
  }, port, options.timeoutMs);
}
