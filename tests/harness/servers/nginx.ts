// nginx serving a directory with autoindex, fully self-contained in a temp dir.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { makeTempDir, startWebServerProcess } from './processes.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

/** nginx config strings: double-quoted, with " and \ escaped. */
export function quoteForNginx(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The start of a self-contained nginx config, up to inside `http {`: every path nginx would default to
 * (Debian's build points at /etc/nginx, /var/log/nginx, /var/lib/nginx and /run) is in `dir`, so nothing
 * outside it is touched; master_process off: one process that runs as the caller (no user switch, no
 * worker to orphan), and SIGTERM stops it directly.
 */
export function nginxPrelude(dir: string, workerConnections: number): string {
  const at = (name: string): string => quoteForNginx(join(dir, name));
  return `daemon off;
master_process off;
worker_processes 1;
pid ${at('nginx.pid')};
lock_file ${at('nginx.lock')};
error_log ${at('error.log')} info;
events { worker_connections ${workerConnections}; }
http {
  access_log ${at('access.log')};
  client_body_temp_path ${at('client_body')};
  proxy_temp_path ${at('proxy')};
  fastcgi_temp_path ${at('fastcgi')};
  uwsgi_temp_path ${at('uwsgi')};
  scgi_temp_path ${at('scgi')};`;
}

export async function startNginxAutoindex(rootDir: string, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const dir = await makeTempDir('nginx');
  const port = await freePort();
  const conf = `
${nginxPrelude(dir, 64)}
  # No "include /etc/nginx/mime.types": a few types are enough here.
  types { text/html html htm; text/plain txt; application/dicom dcm; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    location / { root ${quoteForNginx(resolve(rootDir))}; autoindex on; }
  }
}
`;
  const confPath = join(dir, 'nginx.conf');
  await writeFile(confPath, conf);
  const errorLog = join(dir, 'error.log');
  // -e: the error log used before the config is read (default would be Debian's build default).
  return startWebServerProcess(NGINX_BINARY, ['-p', `${dir}/`, '-c', confPath, '-e', errorLog], {
    name: 'nginx',
    cwd: dir,
    tempDirs: [dir],
    logFiles: [errorLog],
  }, port, options.timeoutMs);
}
