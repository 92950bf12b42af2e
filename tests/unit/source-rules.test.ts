// Rules the product code keeps, checked on the source itself: one extension API (webextension-polyfill's
// `browser`), and no way for page text to become HTML.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.(ts|html)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const files = sourceFiles(srcDir).map((path) => ({ path: path.slice(srcDir.length + 1), text: readFileSync(path, 'utf8') }));

describe('product source', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('calls extension APIs through browser.*, never chrome.*', () => {
    const offenders = files.filter(({ text }) => /\bchrome\.[a-z]/.test(text.replace(/\/\/.*$/gm, ''))).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('never parses strings as HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
    const offenders = files.filter(({ text }) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('has no eval or remote code', () => {
    const offenders = files.filter(({ text }) => /\beval\(|new Function\(|import\(\s*['"`]https?:/.test(text)).map(({ path }) => path);
    expect(offenders).toEqual([]);
  });
});
