// `npm run sign:firefox` without the organisation's API keys: it names what is missing and where to get the
// keys, fails, and does nothing else. The script runs in its own node with a preload that records (and
// refuses) every network connection, name lookup and started program, in it and in any node it starts.
// With the keys, it hands dist/firefox to `web-ext sign` for the unlisted channel, signed with those keys:
// shown against a stand-in for the add-on store's upload address on 127.0.0.1, which refuses the upload.
import { createHmac } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'portal-checkup-sign-firefox-'));
const attemptsLog = join(workDir, 'attempts.log');
/**
 * A preload that records and refuses every network connection and name lookup (and, unless allowed, every
 * program started), in the script and in any node it starts (NODE_OPTIONS is inherited). With
 * `loopbackPort`, a connection to 127.0.0.1 on that port alone is let through.
 */
function writeGuard(name: string, allow: { loopbackPort?: number; programs?: boolean } = {}): string {
  const path = join(workDir, name);
  writeFileSync(
    path,
    `import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(import.meta.url);
const refuse = (what) => { appendFileSync(${JSON.stringify(attemptsLog)}, what + '\\n'); throw new Error('refused by the test: ' + what); };
const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (${allow.loopbackPort ?? -1} > 0 && target.host === '127.0.0.1' && Number(target.port) === ${allow.loopbackPort ?? -1}) return connect.apply(this, args);
  refuse('connect ' + (target.path ?? target.host + ':' + target.port));
};
const dns = require('node:dns');
dns.lookup = (host) => refuse('dns.lookup ' + host);
dns.promises.lookup = async (host) => refuse('dns.lookup ' + host);
dns.resolve = (host) => refuse('dns.resolve ' + host);
${allow.programs ? '' : `const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = (file) => refuse(name + ' ' + file);
}`}
syncBuiltinESMExports();
`,
  );
  return path;
}
const guard = writeGuard('no-network.mjs');

function attemptsMade(): string[] {
  try {
    return readFileSync(attemptsLog, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    // No attempt was made: the log was never written.
    return [];
  }
}

function signWith(keys: Record<string, string>): { status: number | null; stderr: string; stdout: string; attempts: string[] } {
  rmSync(attemptsLog, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...keys, NODE_OPTIONS: `--import=${guard}` };
  for (const name of ['WEB_EXT_API_KEY', 'WEB_EXT_API_SECRET']) if (!(name in keys)) delete env[name];
  const result = spawnSync(process.execPath, [join(root, 'scripts/sign-firefox.mjs')], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, attempts: attemptsMade() };
}

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('npm run sign:firefox without the API keys', () => {
  it('the guard does refuse a connection (so its silence below means something)', () => {
    const env = { ...process.env, NODE_OPTIONS: `--import=${guard}` };
    rmSync(attemptsLog, { force: true });
    const result = spawnSync(process.execPath, ['-e', "require('node:net').connect(9, '127.0.0.1')"], { env, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(readFileSync(attemptsLog, 'utf8')).toContain('connect');
  });

  it('with neither key: names both, says where to get them, fails, and touches no network and starts nothing', () => {
    const result = signWith({});
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain('WEB_EXT_API_KEY and WEB_EXT_API_SECRET are not set');
    expect(result.stderr).toContain('addons.mozilla.org');
    expect(result.stderr).toContain('Manage API Keys');
    expect(result.stderr).toContain('docs/administrators/firefox-install.md');
    expect(result.attempts).toEqual([]);
    expect(result.stdout).toBe('');
  });

  it('with only the key, or a blank secret: names the secret alone', () => {
    const cases: Record<string, string>[] = [{ WEB_EXT_API_KEY: 'user:1:2' }, { WEB_EXT_API_KEY: 'user:1:2', WEB_EXT_API_SECRET: '  ' }];
    for (const keys of cases) {
      const result = signWith(keys);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('WEB_EXT_API_SECRET is not set');
      expect(result.stderr).not.toContain('WEB_EXT_API_KEY and');
      expect(result.attempts).toEqual([]);
    }
  });

  it('with only the secret: names the key alone', () => {
    const result = signWith({ WEB_EXT_API_SECRET: 'secret' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('WEB_EXT_API_KEY is not set');
    expect(result.attempts).toEqual([]);
  });
});

describe('npm run sign:firefox with the API keys', () => {
  it('uploads dist/firefox for the unlisted channel, with a token signed by the secret, to the store address it is given (here 127.0.0.1)', async () => {
    expect(existsSync(join(root, 'dist/firefox/manifest.json')), 'npm run build first').toBe(true);
    const uploads: Array<{ method: string; url: string; authorization: string; body: Buffer }> = [];
    const store = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        uploads.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization ?? '', body: Buffer.concat(chunks) });
        response.writeHead(401, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ detail: 'Refused by the test\'s stand-in for the add-on store.' }));
      });
    });
    await new Promise<void>((done) => store.listen(0, '127.0.0.1', done));
    const { port } = store.address() as AddressInfo;
    const signedDir = join(root, 'packages/signed');
    const signedDirExisted = existsSync(signedDir);
    rmSync(attemptsLog, { force: true });
    try {
      const guardForStore = writeGuard('only-the-store.mjs', { loopbackPort: port, programs: true });
      const child = spawn(process.execPath, [join(root, 'scripts/sign-firefox.mjs'), '--no-build'], {
        cwd: root,
        env: {
          ...process.env,
          WEB_EXT_API_KEY: 'user:12345:67',
          WEB_EXT_API_SECRET: 'the-test-secret',
          WEB_EXT_AMO_BASE_URL: `http://127.0.0.1:${port}/api/v5/`,
          NODE_OPTIONS: `--import=${guardForStore}`,
        },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((done) => child.on('close', done));

      expect(status, stderr).toBe(1);
      expect(stderr).toContain('nothing was signed');
      expect(attemptsMade()).toEqual([]);
      expect(uploads.map((upload) => `${upload.method} ${upload.url}`)).toEqual(['POST /api/v5/addons/upload/']);
      const [upload] = uploads;
      // The JWT: issued by the key, signed (HS256) with the secret.
      const [scheme, token] = upload!.authorization.split(' ');
      expect(scheme).toBe('JWT');
      const [header, payload, signature] = token!.split('.');
      expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ iss: 'user:12345:67' });
      expect(createHmac('sha256', 'the-test-secret').update(`${header}.${payload}`).digest('base64url')).toBe(signature);
      // The form: the unlisted channel, and a zip of dist/firefox (its file names are stored as they are).
      const form = upload!.body.toString('latin1');
      expect(form).toMatch(/name="channel"\r\n\r\nunlisted\r\n/);
      expect(form).toContain('PK\x03\x04');
      expect(form).toContain('manifest.json');
      expect(form).toContain('service-worker-loader.js');
    } finally {
      store.close();
      if (!signedDirExisted) rmSync(signedDir, { recursive: true, force: true });
    }
  });
});
