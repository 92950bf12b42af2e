// Starts every test server for real and checks what a browser would see.
import { get as httpsGet } from 'node:https';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SYNTHETIC_PATIENTS,
  freePort,
  makeDicomFiles,
  makeListingFolders,
  startApacheAutoindex,
  startCaddyBrowse,
  startHttpServer,
  startHttpsServer,
  startLighttpdDirlisting,
  startNginxAutoindex,
  startNpmHttpServer,
  startOrthanc,
  startProcess,
  startPythonHttpServer,
  waitForHttp,
  waitUntilReady,
  type RunningServer,
} from '../harness/servers/index.js';

const TIMEOUT = 60_000;

let dicomDir: string;
let dicomFiles: string[];

beforeAll(async () => {
  dicomDir = await mkdtemp(join(tmpdir(), 'portal-checkup-test-dicom-'));
  dicomFiles = await makeDicomFiles(dicomDir, SYNTHETIC_PATIENTS);
}, TIMEOUT);

afterAll(async () => {
  await rm(dicomDir, { recursive: true, force: true });
});

/** Runs `body` with a started server and always stops it; then checks the port is closed. */
async function withServer<T extends RunningServer>(start: Promise<T>, body: (server: T) => Promise<void>): Promise<void> {
  const server = await start;
  try {
    await body(server);
  } finally {
    await server.stop();
  }
  await expect(fetch(`${server.url}/`)).rejects.toThrow();
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('ports', () => {
  it('freePort gives a usable loopback port and waitForHttp times out on it', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1023);
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 500 })).rejects.toThrow(/no acceptable answer/);
  });
});

describe('processes', () => {
  it('reports the log tail when a server dies during startup', { timeout: TIMEOUT }, async () => {
    const handle = startProcess('sh', ['-c', 'echo "boom: config broken" >&2; exit 3'], { name: 'broken-server' });
    await expect(
      waitUntilReady(handle, (signal) => waitForHttp('http://127.0.0.1:9/', { timeoutMs: 20_000, signal })),
    ).rejects.toThrow(/broken-server exited with code 3[\s\S]*boom: config broken/);
  });

  it('stop() kills a process that ignores SIGTERM and removes its temp dir', { timeout: TIMEOUT }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portal-checkup-test-proc-'));
    const handle = startProcess('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 0.1; done'], { tempDirs: [dir] });
    await expect.poll(() => handle.output()).toContain('ready');
    await handle.stop();
    expect((await handle.exited).signal).toBe('SIGKILL');
    await expect(access(dir)).rejects.toThrow();
  });
});

describe('dicom', () => {
  it('makes one DICOM Part 10 file per synthetic patient', async () => {
    expect(dicomFiles).toHaveLength(3);
    for (const file of dicomFiles) {
      const bytes = await readFile(file);
      expect(bytes.subarray(128, 132).toString('ascii')).toBe('DICM');
    }
  });
});

describe('Orthanc', () => {
  it('without auth lists the uploaded patients', { timeout: TIMEOUT }, async () => {
    await withServer(startOrthanc({ authentication: false }), async (orthanc) => {
      expect(orthanc.url).toBe(`http://127.0.0.1:${orthanc.port}`);
      expect(await orthanc.upload(dicomFiles)).toHaveLength(3);

      const response = await fetch(`${orthanc.url}/patients?expand`);
      expect(response.status).toBe(200);
      const patients = (await response.json()) as { MainDicomTags: { PatientName: string; PatientID: string } }[];
      expect(patients.map((p) => p.MainDicomTags.PatientName).sort()).toEqual(
        SYNTHETIC_PATIENTS.map((p) => p.name).sort(),
      );
      expect(patients.map((p) => p.MainDicomTags.PatientID).sort()).toEqual(SYNTHETIC_PATIENTS.map((p) => p.id).sort());
    });
  });

  it('with auth answers 401 + Basic challenge without credentials, 200 with them', { timeout: TIMEOUT }, async () => {
    await withServer(startOrthanc({ authentication: true, users: { alice: 'secret-pw' } }), async (orthanc) => {
      const anonymous = await fetch(`${orthanc.url}/patients`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);

      const wrong = await fetch(`${orthanc.url}/patients`, { headers: { Authorization: basic('alice', 'nope') } });
      expect(wrong.status).toBe(401);

      const authorised = await fetch(`${orthanc.url}/patients`, { headers: { Authorization: basic('alice', 'secret-pw') } });
      expect(authorised.status).toBe(200);
      expect(await authorised.json()).toEqual([]);

      await orthanc.upload(dicomFiles.slice(0, 1));
      const after = await fetch(`${orthanc.url}/patients`, { headers: orthanc.headers });
      expect(await after.json()).toHaveLength(1);
    });
  });
});

describe('directory listings', () => {
  it('nginx autoindex lists the .dcm files', { timeout: TIMEOUT }, async () => {
    await withServer(startNginxAutoindex(dicomDir), async (nginx) => {
      const response = await fetch(`${nginx.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('server')).toMatch(/^nginx/);
      const html = await response.text();
      expect(html).toContain('Index of /');
      for (const patient of SYNTHETIC_PATIENTS) expect(html).toContain(`${patient.id}-1.dcm`);

      const file = await fetch(`${nginx.url}/${SYNTHETIC_PATIENTS[0]!.id}-1.dcm`);
      expect(file.headers.get('content-type')).toBe('application/dicom');
      expect(Buffer.from(await file.arrayBuffer()).subarray(128, 132).toString('ascii')).toBe('DICM');
    });
  });

  it('python http.server lists the .dcm files', { timeout: TIMEOUT }, async () => {
    await withServer(startPythonHttpServer(dicomDir), async (python) => {
      const response = await fetch(`${python.url}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Directory listing for');
      for (const patient of SYNTHETIC_PATIENTS) expect(html).toContain(`${patient.id}-1.dcm`);
    });
  });
});

/** The local addresses listening on `port` (IPv4 and IPv6), from /proc/net/tcp{,6}. */
async function listeningAddresses(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) found.push(local.slice(0, -5));
    }
  }
  return found;
}

describe('listing servers of issue 13 (apache2, lighttpd, caddy, npm http-server)', () => {
  let base: string;
  let folders: Awaited<ReturnType<typeof makeListingFolders>>;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'portal-checkup-test-listing-'));
    folders = await makeListingFolders(base);
  }, TIMEOUT);
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('makeListingFolders writes DICOM files, a DICOMDIR made by dcmmkdir, and ordinary files of their real types', async () => {
    const magic = async (path: string, at: number, length: number) => (await readFile(path)).subarray(at, at + length);
    expect((await magic(join(folders.dicom, `${SYNTHETIC_PATIENTS[0]!.id}-1.dcm`), 128, 4)).toString('ascii')).toBe('DICM');
    expect((await magic(join(folders.dicomdir, 'DICOMDIR'), 128, 4)).toString('ascii')).toBe('DICM');
    expect((await magic(join(folders.dicomdir, 'DICOM/PA000003/ST000001/SE000001/IM000001'), 128, 4)).toString('ascii')).toBe('DICM');
    expect([...(await magic(join(folders.ordinary, 'IMG_2041.jpg'), 0, 3))]).toEqual([0xff, 0xd8, 0xff]);
    expect((await magic(join(folders.ordinary, 'photos.zip'), 0, 2)).toString('ascii')).toBe('PK');
    expect((await magic(join(folders.ordinary, 'Rechnung-2024-03.pdf'), 0, 5)).toString('ascii')).toBe('%PDF-');
  });

  it.each([
    ['apache2 FancyIndexing', () => startApacheAutoindex(folders.dicom, { style: 'fancy' }), /^Apache\/2\.4/, /<table>/],
    ['apache2 plain', () => startApacheAutoindex(folders.dicom, { style: 'plain' }), /^Apache\/2\.4/, /<ul>/],
    ['lighttpd', () => startLighttpdDirlisting(folders.dicom), /^lighttpd\//, /Index of \//],
    ['caddy', () => startCaddyBrowse(folders.dicom), /^Caddy$/, /<title>\/<\/title>/],
    ['npm http-server', () => startNpmHttpServer(folders.dicom), null, /Index of \//],
  ] as const)('%s lists the .dcm files, serves them, and listens on 127.0.0.1 only', { timeout: TIMEOUT }, async (_name, start, serverHeader, shape) => {
    await withServer(start(), async (server) => {
      expect(await listeningAddresses(server.port)).toEqual(['0100007F']);
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(200);
      if (serverHeader) expect(response.headers.get('server')).toMatch(serverHeader);
      const html = await response.text();
      expect(html).toMatch(shape);
      for (const patient of SYNTHETIC_PATIENTS) expect(html).toContain(`${patient.id}-1.dcm`);
      const file = await fetch(`${server.url}/${SYNTHETIC_PATIENTS[0]!.id}-1.dcm`);
      expect(Buffer.from(await file.arrayBuffer()).subarray(128, 132).toString('ascii')).toBe('DICM');
    });
  });

  it('apache2 says clearly why it did not start', { timeout: TIMEOUT }, async () => {
    await expect(startApacheAutoindex(join(base, 'no-such-folder'), { timeoutMs: 5_000 })).rejects.toThrow(/apache2 \(fancy index\) did not start: .*exited with code 1[\s\S]*DocumentRoot/);
  });
});

describe('node servers', () => {
  it('https server answers over TLS with a certificate for 127.0.0.1', { timeout: TIMEOUT }, async () => {
    const pages = { '/': '<!doctype html><title>Portal</title><h1>Login</h1>' };
    await withServer(startHttpsServer(pages), async (server) => {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
      // Trusting exactly this certificate (instead of rejectUnauthorized: false)
      // also proves the SAN matches 127.0.0.1.
      const { status, contentType, body, encrypted } = await new Promise<{
        status?: number;
        contentType?: string;
        body: string;
        encrypted: boolean;
      }>((resolve, reject) => {
        httpsGet(`${server.url}/`, { ca: server.certificate, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              contentType: res.headers['content-type'],
              body,
              encrypted: 'encrypted' in res.socket && res.socket.encrypted === true,
            }),
          );
        }).on('error', reject);
      });
      expect(status).toBe(200);
      expect(contentType).toBe('text/html; charset=utf-8');
      expect(body).toContain('<h1>Login</h1>');
      expect(encrypted).toBe(true);

      // Without trusting it, the certificate is rejected as self-signed.
      await expect(fetch(`${server.url}/`)).rejects.toThrow();
    });
  });

  it('http server serves page specs, custom routes and Basic auth', { timeout: TIMEOUT }, async () => {
    const auth = { user: 'doc', password: 'pw' };
    const server = startHttpServer(
      {
        '/': '<p>home</p>',
        '/data.json': { body: '{"ok":true}', contentType: 'application/json', status: 201, headers: { 'X-Test': '1' } },
      },
      { basicAuth: auth, routes: { '/echo': (req, res) => void res.end(`method=${req.method}`) } },
    );
    await withServer(server, async ({ url }) => {
      const anonymous = await fetch(`${url}/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

      const headers = { Authorization: basic(auth.user, auth.password) };
      const home = await fetch(`${url}/`, { headers });
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await home.text()).toBe('<p>home</p>');

      const json = await fetch(`${url}/data.json?x=1`, { headers });
      expect(json.status).toBe(201);
      expect(json.headers.get('x-test')).toBe('1');
      expect(await json.json()).toEqual({ ok: true });

      expect(await (await fetch(`${url}/echo`, { method: 'POST', headers })).text()).toBe('method=POST');
      expect((await fetch(`${url}/missing`, { headers })).status).toBe(404);
    });
  });
});
