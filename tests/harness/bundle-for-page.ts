// Some of the extension's own modules, bundled into one classic script a test can add to a real page
// (page.addScriptTag): the real reader and parser, run where a page's own script runs.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/**
 * `exports` maps each name to the module (path from the project's root) that exports it; the script
 * puts them on `globalThis[globalName]`.
 */
export async function bundleForPage(exports: Record<string, string>, globalName: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-checkup-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, Object.entries(exports).map(([name, path]) => `export { ${name} } from '${join(root, path)}';\n`).join(''));
    const output = await build({ configFile: false, logLevel: 'silent', root, build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: globalName, fileName: 'bundle' } } });
    const [result] = Array.isArray(output) ? output : [output];
    return (result as { output: Array<{ code: string }> }).output[0]!.code;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
