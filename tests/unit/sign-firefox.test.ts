// `npm run sign:firefox` without the organisation's API keys: it names what is missing and where to get the
// keys, fails, and does nothing else. The script runs in its own node with a preload that records (and
// refuses) every network connection, name lookup and started program, in it and in any node it starts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'portal-checkup-sign-firefox-'));
const attemptsLog = join(workDir, 'attempts.log');
const guard = join(workDir, 'no-network.mjs');
writeFileSync(
  guard,
  `import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(import.meta.url);
const refuse = (what) => { appendFileSync(${JSON.stringify(attemptsLog)}, what + '\\n'); throw new Error('refused by the test: ' + what); };
const net = require('node:net');
net.Socket.prototype.connect = function () { refuse('connect'); };
const dns = require('node:dns');
dns.lookup = () => refuse('dns.lookup');
dns.promises.lookup = async () => refuse('dns.lookup');
dns.resolve = () => refuse('dns.resolve');
globalThis.fetch = async (url) => refuse('fetch ' + url);
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = (file) => refuse(name + ' ' + file);
}
syncBuiltinESMExports();
`,
);

function signWith(keys: Record<string, string>): { status: number | null; stderr: string; stdout: string; attempts: string[] } {
  rmSync(attemptsLog, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...keys, NODE_OPTIONS: `--import=${guard}` };
  for (const name of ['WEB_EXT_API_KEY', 'WEB_EXT_API_SECRET']) if (!(name in keys)) delete env[name];
  const result = spawnSync(process.execPath, [join(root, 'scripts/sign-firefox.mjs')], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
  let attempts: string[] = [];
  try {
    attempts = readFileSync(attemptsLog, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    // No attempt was made: the log was never written.
  }
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, attempts };
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
