// In-process node servers for fixture pages: plain HTTP (optionally with Basic auth)
// and HTTPS with a fresh self-signed certificate for 127.0.0.1.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningServer } from './ports.js';
import { makeTempDir } from './processes.js';

const run = promisify(execFile);

export interface PageSpec {
  body: string | Buffer;
  /** Default: text/html; charset=utf-8 */
  contentType?: string;
  /** Default: 200 */
  status?: number;
  headers?: Record<string, string>;
}

/** Path (e.g. '/', '/viewer/index.html', '/a?b=1') → HTML string or full spec. */
export type Pages = Record<string, string | PageSpec>;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface StaticServerOptions {
  /** When set, every request needs these Basic credentials (401 + WWW-Authenticate otherwise). */
  basicAuth?: { user: string; password: string; realm?: string };
  /** Path (without query) → custom handler; checked before `pages`. */
  routes?: Record<string, RouteHandler>;
}

export interface HttpsServer extends RunningServer {
  /** The self-signed certificate (PEM); pass as `ca` to trust it in a client. */
  certificate: string;
}

function isAuthorised(req: IncomingMessage, auth: NonNullable<StaticServerOptions['basicAuth']>): boolean {
  const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return decoded === `${auth.user}:${auth.password}`;
}

function handler(pages: Pages, options: StaticServerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (options.basicAuth && !isAuthorised(req, options.basicAuth)) {
        const realm = options.basicAuth.realm ?? 'Portal Checkup Test';
        res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}"`, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Authentication required');
        return;
      }
      const rawUrl = req.url ?? '/';
      const path = new URL(rawUrl, 'http://127.0.0.1').pathname;
      const route = options.routes?.[path];
      if (route) {
        await route(req, res);
        return;
      }
      // Exact URL first (so a query can select a page), then the bare path.
      const page = pages[rawUrl] ?? pages[path];
      if (page === undefined) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      const spec: PageSpec = typeof page === 'string' ? { body: page } : page;
      const body = typeof spec.body === 'string' ? Buffer.from(spec.body, 'utf8') : spec.body;
      res.writeHead(spec.status ?? 200, {
        'Content-Type': spec.contentType ?? 'text/html; charset=utf-8',
        'Content-Length': String(body.length),
        ...spec.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Test server error: ${(error as Error).message}`);
    }
  };
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<RunningServer> {
  // Port 0 on 127.0.0.1: the OS picks a free port, no race as with freePort().
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Why: close() alone waits for idle keep-alive sockets (fetch keeps them open).
      server.closeAllConnections();
    });
    return stopping;
  };
  return { url: `${scheme}://127.0.0.1:${port}`, port, stop };
}

export function startHttpServer(pages: Pages, options: StaticServerOptions = {}): Promise<RunningServer> {
  return listen(createHttpServer(handler(pages, options)), 'http');
}

/** A self-signed certificate for CN/SAN 127.0.0.1, valid one day. */
export async function makeSelfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await makeTempDir('tls');
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', keyPath, '-out', certPath,
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    // The PEMs are in memory now; nothing needs to stay on disk.
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startHttpsServer(pages: Pages, options: StaticServerOptions = {}): Promise<HttpsServer> {
  const { key, cert } = await makeSelfSignedCertificate();
  const server = createHttpsServer({ key, cert }, handler(pages, options));
  return { ...(await listen(server, 'https')), certificate: cert };
}
