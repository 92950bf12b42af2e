// nginx serving a directory with autoindex, fully self-contained in a temp dir.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, waitForHttp, type RunningServer } from './ports.js';
import { makeTempDir, startProcess, waitUntilReady } from './processes.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

/** nginx config strings: double-quoted, with " and \ escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export async function startNginxAutoindex(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const dir = await makeTempDir('nginx');
  const port = await freePort();
  const at = (name: string): string => quote(join(dir, name));
  // Why so many paths: Debian's build defaults point at /etc/nginx, /var/log/nginx,
  // /var/lib/nginx and /run; every one is overridden so nothing outside `dir` is touched.
  // Why master_process off: one process that runs as the caller (no user switch,
  // no worker to orphan), and SIGTERM stops it directly.
  const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${at('nginx.pid')};
lock_file ${at('nginx.lock')};
error_log ${at('error.log')} info;
events { worker_connections 64; }
http {
  access_log ${at('access.log')};
  client_body_temp_path ${at('client_body')};
  proxy_temp_path ${at('proxy')};
  fastcgi_temp_path ${at('fastcgi')};
  uwsgi_temp_path ${at('uwsgi')};
  scgi_temp_path ${at('scgi')};
  # No "include /etc/nginx/mime.types": a few types are enough here.
  types { text/html html htm; text/plain txt; application/dicom dcm; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    location / { root ${quote(resolve(rootDir))}; autoindex on; }
  }
}
`;
  const confPath = join(dir, 'nginx.conf');
  await writeFile(confPath, conf);
  const errorLog = join(dir, 'error.log');
  // -e: the error log used before the config is read (default would be Debian's build default).
  const handle = startProcess(NGINX_BINARY, ['-p', `${dir}/`, '-c', confPath, '-e', errorLog], {
    name: 'nginx',
    cwd: dir,
    tempDirs: [dir],
    logFiles: [errorLog],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(handle, (signal) => waitForHttp(`${url}/`, { timeoutMs: options.timeoutMs ?? 20_000, signal }));
  return { url, port, stop: () => handle.stop() };
}
