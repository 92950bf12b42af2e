// Caddy's file server with browsing on, fully self-contained in a temp dir.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { makeTempDir, startWebServerProcess } from './processes.js';

export const CADDY_BINARY = '/usr/bin/caddy';

/** Caddyfile tokens: double-quoted, with " and \ escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export async function startCaddyBrowse(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const dir = await makeTempDir('caddy');
  const port = await freePort();
  // What `caddy file-server --browse` does, written out so nothing reaches the network:
  // no admin endpoint, no automatic HTTPS (no certificates, no ACME, no OCSP), plain http on
  // 127.0.0.1 only, and Caddy's storage and config autosave in `dir`, not in $HOME.
  const caddyfile = `{
  admin off
  auto_https off
  storage file_system ${quote(join(dir, 'data'))}
  log {
    output file ${quote(join(dir, 'caddy.log'))}
  }
}
http://127.0.0.1:${port} {
  bind 127.0.0.1
  root * ${quote(resolve(rootDir))}
  file_server browse
}
`;
  const confPath = join(dir, 'Caddyfile');
  await writeFile(confPath, caddyfile);
  return startWebServerProcess(CADDY_BINARY, ['run', '--config', confPath, '--adapter', 'caddyfile'], {
    name: 'caddy',
    cwd: dir,
    // Why: Caddy keeps data and config under $XDG_DATA_HOME / $XDG_CONFIG_HOME (default: $HOME).
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
    tempDirs: [dir],
    logFiles: [join(dir, 'caddy.log')],
  }, port, options.timeoutMs);
}
