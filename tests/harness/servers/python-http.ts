// Python's built-in directory-listing server: the classic "quick share" of a DICOM folder.
import { resolve } from 'node:path';
import { freePort, waitForHttp, type RunningServer } from './ports.js';
import { startProcess, waitUntilReady } from './processes.js';

export async function startPythonHttpServer(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  // -u: unbuffered, so its log lines reach the captured output before a crash.
  const handle = startProcess(
    'python3',
    ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', resolve(rootDir)],
    { name: 'python3 http.server' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(handle, (signal) => waitForHttp(`${url}/`, { timeoutMs: options.timeoutMs ?? 20_000, signal }));
  return { url, port, stop: () => handle.stop() };
}
