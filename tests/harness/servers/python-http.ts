// Python's built-in directory-listing server: the classic "quick share" of a DICOM folder.
import { resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { startWebServerProcess } from './processes.js';

export async function startPythonHttpServer(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  // -u: unbuffered, so its log lines reach the captured output before a crash.
  return startWebServerProcess(
    'python3',
    ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', resolve(rootDir)],
    { name: 'python3 http.server' }, port, options.timeoutMs);
}
