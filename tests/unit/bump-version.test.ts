// npm run version:bump / version:check (scripts/bump-version.mjs), on a copy of the files that hold the
// version, and the check on the repository itself.

import { execFile } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../harness/servers/index.js';
import { ROOT } from '../harness/signed-package.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts/bump-version.mjs');
const HOLDERS = ['package.json', 'package-lock.json', 'CHANGELOG.md'];

async function version(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('node', [SCRIPT, ...args]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

const readJson = async (path: string): Promise<{ version: string; packages: Record<string, { version?: string }> }> =>
  JSON.parse(await readFile(path, 'utf8')) as { version: string; packages: Record<string, { version?: string }> };

describe('version:check on the repository', () => {
  it('package.json, package-lock.json and the CHANGELOG agree', async () => {
    const { version: current } = await readJson(join(ROOT, 'package.json'));
    expect(await version(['--check'])).toEqual({ code: 0, output: `Version ${current} in every place.\n` });
  });
});

describe('version:bump on a copy', () => {
  let root: string;
  let current: string;

  beforeEach(async () => {
    root = await makeTempDir('bump-version');
    for (const file of HOLDERS) await copyFile(join(ROOT, file), join(root, file));
    current = (await readJson(join(root, 'package.json'))).version;
    const changelog = await readFile(join(root, 'CHANGELOG.md'), 'utf8');
    await writeFile(join(root, 'CHANGELOG.md'), changelog.replace(/^## /m, '## Unreleased\n\n- Something new.\n\n## '));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('sets the version in package.json, both places of package-lock.json and the Unreleased heading, then checks', async () => {
    const next = current.replace(/^(\d+)\.(\d+)\.\d+$/, (_all, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);
    const result = await version([next, '--root', root]);
    expect(result.code, result.output).toBe(0);
    expect((await readJson(join(root, 'package.json'))).version).toBe(next);
    const lock = await readJson(join(root, 'package-lock.json'));
    expect([lock.version, lock.packages['']?.version]).toEqual([next, next]);
    const changelog = await readFile(join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## ${next.replace(/\./g, '\\.')} — \\d{4}-\\d{2}-\\d{2}\\n\\n- Something new\\.`, 'm'));
    expect(changelog).not.toMatch(/^## Unreleased/m);
    // Only the version lines changed in package.json.
    const before = (await readFile(join(ROOT, 'package.json'), 'utf8')).split('\n');
    const after = (await readFile(join(root, 'package.json'), 'utf8')).split('\n');
    expect(after.filter((line, index) => line !== before[index])).toEqual([`  "version": "${next}",`]);
    expect(await version(['--check', '--root', root])).toEqual({ code: 0, output: `Version ${next} in every place.\n` });
  });

  it('refuses a version browsers would not take or not update to, and a CHANGELOG without Unreleased', async () => {
    for (const [next, message] of [
      ['1.0', 'is not a version both browsers accept'],
      ['1.0.0-beta', 'is not a version both browsers accept'],
      ['1.70000.0', 'is not a version both browsers accept'],
      [current, `is not higher than the current ${current}`],
      ['0.0.9', `is not higher than the current ${current}`],
    ] as const) {
      const result = await version([next, '--root', root]);
      expect(result.code, next).toBe(1);
      expect(result.output).toContain(message);
    }
    expect((await readJson(join(root, 'package.json'))).version).toBe(current);
    await copyFile(join(ROOT, 'CHANGELOG.md'), join(root, 'CHANGELOG.md'));
    expect((await version(['9.0.0', '--root', root])).output).toContain('CHANGELOG.md has no "## Unreleased" section');
  });

  it('check names each place that disagrees', async () => {
    const lock = await readJson(join(root, 'package-lock.json'));
    await writeFile(join(root, 'package-lock.json'), JSON.stringify({ ...lock, packages: { ...lock.packages, '': { ...lock.packages[''], version: '7.7.7' } } }));
    const result = await version(['--check', '--root', root]);
    expect(result.code).toBe(1);
    expect(result.output).toBe(`version: the versions disagree: package-lock.json packages[""] has 7.7.7, package.json has ${current}\n`);
    expect((await version(['9.0.0', '--root', root])).output).toContain('the versions disagree already, fix them first');
  });
});
