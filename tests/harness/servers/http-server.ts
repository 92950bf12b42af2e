// npm's http-server (a devDependency, pinned in package.json), run with this node on 127.0.0.1 only.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { startWebServerProcess } from './processes.js';

/** The http-server command line script of the installed package. */
export function httpServerScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('http-server/package.json')), 'bin', 'http-server');
}

export async function startNpmHttpServer(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  // -a: bind address (default would be all interfaces); -c-1: no caching, so every visit is read
  // again; no -o (it would start a browser). Directory listings (-d) are on by default.
  return startWebServerProcess(process.execPath, [httpServerScript(), resolve(rootDir), '-a', '127.0.0.1', '-p', String(port), '-c-1'], {
    name: 'npm http-server',
  }, port, options.timeoutMs);
}
