// The store packages and the Firefox linter: `npm run package` writes zips that load in their browser,
// and Mozilla's web-ext lint finds nothing in the Firefox build.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitForReport, type BrowserName } from '../harness/browser.js';
import { makeTempDir, startHttpServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const packagePath = (kind: string): string => join(root, 'packages', `portal-checkup-${kind}-${version}.zip`);
const zipEntries = (zip: string): string[] =>
  execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip], { encoding: 'utf8' }).trim().split('\n');

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts/package.mjs')], { cwd: root, stdio: 'pipe' });
});

describe('web-ext lint', () => {
  it('finds 0 errors and 0 warnings in the Firefox build', () => {
    const output = execFileSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(root, 'dist/firefox'), '--output', 'json'], { encoding: 'utf8' });
    const result = JSON.parse(output.slice(output.indexOf('{'))) as { summary: { errors: number; warnings: number }; errors: unknown[]; warnings: unknown[] };
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe('npm run package', () => {
  it('the source zip holds the sources and build files, not the build or node_modules', () => {
    const entries = zipEntries(packagePath('source'));
    const prefix = `portal-checkup-source-${version}/`;
    for (const file of ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'README.md', 'src/content/content-script.ts']) expect(entries).toContain(prefix + file);
    expect(entries.some((entry) => entry.includes('node_modules/') || entry.includes('/dist/'))).toBe(false);
  });

  it.each<[BrowserName, string]>([
    ['chromium', 'chrome'],
    ['firefox', 'firefox'],
  ])('the %s zip loads in its browser and checks a page', async (browserName, kind) => {
    const zip = packagePath(kind);
    const manifest = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())', zip], { encoding: 'utf8' })) as { version: string };
    expect(manifest.version).toBe(version);
    const extensionDir = await makeTempDir(`unpacked-${kind}`);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, extensionDir]);
    const server = await startHttpServer({ '/': readFileSync(join(root, 'tests/fixtures/pages/ohif-worklist-en.html'), 'utf8') });
    const browser = await launchBrowser(browserName, { extensionDir });
    try {
      const tab = await browser.open(`${server.url}/`);
      const report = await waitForReport(browser, tab.tabId);
      expect(report.verdict).toBe('danger');
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
