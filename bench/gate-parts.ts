// `npx tsx bench/gate-parts.ts` (after a build): what each part of the gate's duties costs a page that is
// not medical, measured the way the bench measures the whole extension (added ScriptDuration, medians,
// arms taking turns; variants.ts). Each arm is a minimal extension doing one more of the things Portal
// Checkup must do on every page, so the table shows how much of the article's added script time is the
// price of those duties in this browser, and how much is our quick look:
//   empty        a content script that does nothing, injected at document_start like ours: what the
//                browser's injection alone costs (it delays the load event too);
//   main-world   the page-world request noter alone (note-request-methods.iife.js, as built);
//   api          a listener for the extension's messages (check-again, report-again, page-warning);
//   api-dom      that, and the first touch of the document (its content type);
//   after-load   that, and a listener that runs when the page has loaded (pageshow, as the gate) and
//                reads the title: where the gate's look runs;
//   skeleton     that, and the watch for later changes (a MutationObserver, hashchange and popstate
//                listeners): the gate without its look;
//   gate         the built gate script alone;
//   extension    the whole built extension (dist/chrome).
// ROUNDS (default 11) sets the pairs; the page is the 10,000-element article.

import { spawnSync } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../tests/harness/servers/index.js';

const BUILT = resolve(import.meta.dirname, '../dist/chrome');
const DOCUMENT_START = { matches: ['http://*/*', 'https://*/*'], run_at: 'document_start' } as const;

const API = 'browser.runtime.onMessage.addListener(() => {});';
const API_DOM = `${API} void document.contentType;`;
const AFTER_LOAD = `${API_DOM} addEventListener('pageshow', () => { void document.title; }, { once: true });`;
const WATCH = `new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true, characterData: true }); addEventListener('hashchange', () => {}); addEventListener('popstate', () => {});`;
const SKELETON = `${API_DOM} addEventListener('pageshow', () => { void document.title; ${WATCH} }, { once: true });`;

async function writeArm(name: string, scripts: Array<{ file: string; source?: string; world?: 'MAIN' }>): Promise<string> {
  const directory = await makeTempDir(`gate-part-${name}`);
  for (const script of scripts) {
    if (script.source === undefined) await copyFile(join(BUILT, 'src/content', script.file), join(directory, script.file));
    else await writeFile(join(directory, script.file), `${script.source}\n`);
  }
  await writeFile(join(directory, 'worker.js'), '\n');
  const manifest = {
    manifest_version: 3,
    name: `Gate part: ${name}`,
    version: '1.0',
    background: { service_worker: 'worker.js' },
    content_scripts: scripts.map((script) => ({ ...DOCUMENT_START, js: [script.file], ...(script.world ? { world: script.world } : {}) })),
  };
  await writeFile(join(directory, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return directory;
}

const built = JSON.parse(await readFile(join(BUILT, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ js: string[]; world?: string }> };
const builtFile = (world?: string): string => built.content_scripts.find((script) => script.world === world)!.js[0]!.split('/').pop()!;
const arms: Record<string, string> = {
  empty: await writeArm('empty', [{ file: 'content.js', source: 'void 0;' }]),
  'main-world': await writeArm('main-world', [{ file: builtFile('MAIN'), world: 'MAIN' }]),
  api: await writeArm('api', [{ file: 'content.js', source: API }]),
  'api-dom': await writeArm('api-dom', [{ file: 'content.js', source: API_DOM }]),
  'after-load': await writeArm('after-load', [{ file: 'content.js', source: AFTER_LOAD }]),
  skeleton: await writeArm('skeleton', [{ file: 'content.js', source: SKELETON }]),
  gate: await writeArm('gate', [{ file: builtFile(undefined) }]),
  extension: BUILT,
};
try {
  const run = spawnSync('npx', ['tsx', join(import.meta.dirname, 'variants.ts'), ...Object.entries(arms).map(([name, dir]) => `${name}=${dir}`)], {
    stdio: 'inherit',
    env: { ...process.env, KINDS: 'article', ROUNDS: process.env.ROUNDS ?? '11' },
  });
  process.exitCode = run.status ?? 1;
} finally {
  for (const [name, dir] of Object.entries(arms)) if (name !== 'extension') await rm(dir, { recursive: true, force: true });
}
