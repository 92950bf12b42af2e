// The no-login re-check makes the answer's HTML into a document a piece at a time
// (src/snapshot/parse-in-slices.ts), so that no task of the extension is long (issue 15). The pieces must
// give exactly the tree DOMParser gives in one go: checked in real Chromium and Firefox ESR (happy-dom's
// parser does not take input in pieces), on every fixture page and the benchmark's large pages, cut into
// small pieces that split tags, entities, comments and characters outside the BMP.

import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_KINDS } from '../../bench/pages.js';
import { bundleForPage } from '../harness/bundle-for-page.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/chromium.js';
import { FIREFOX_PATH } from '../harness/firefox.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const TRICKY = `<!DOCTYPE html><html><head><title>Études &amp; Befunde</title></head><body><!-- a comment <b>with markup</b> -->
<table><tr><th>Patient Name</th><th>ID</th></tr><tr><td>MÜLLER^HANS 😀</td><td>PID&#49;23&nbsp;</td></tr><tr><td>𝔗𝔢𝔰𝔱^𝔓𝔞𝔱</td><td>X</td></table>
<p>unclosed <em>emphasis <div>block</p><script>document.title = 'ran'</script><pre>Index of /
<a href="IM000001.dcm">IM000001.dcm</a></pre></body></html>`;

type Compared = { name: string; same: boolean; pieces: number };

// Runs in the page: both ways, the tree and the snapshot compared.
async function compareInPage(inputs: Array<{ name: string; html: string }>): Promise<Compared[]> {
  const api = (globalThis as unknown as { portalCheckupParse: { parseHtmlInSlices(html: string, piece: number, pause: () => Promise<void>): Promise<Document>; readPage(doc: Document, url: string): unknown } })
    .portalCheckupParse;
  const results: Compared[] = [];
  for (const { name, html } of inputs) {
    const whole = new DOMParser().parseFromString(html, 'text/html');
    let pieces = 1;
    const sliced = await api.parseHtmlInSlices(html, 997, async () => {
      pieces++;
    });
    const same =
      whole.documentElement.outerHTML === sliced.documentElement.outerHTML &&
      JSON.stringify(api.readPage(whole, 'http://127.0.0.1/answer')) === JSON.stringify(api.readPage(sliced, 'http://127.0.0.1/answer'));
    results.push({ name, same, pieces });
  }
  return results;
}

describe('an answer parsed in pieces', () => {
  let script: string;
  let server: RunningServer;
  let inputs: Array<{ name: string; html: string }>;

  beforeAll(async () => {
    script = await bundleForPage({ parseHtmlInSlices: 'src/snapshot/parse-in-slices.ts', readPage: 'src/snapshot/read-page.ts' }, 'portalCheckupParse');
    const pagesDir = join(root, 'tests/fixtures/pages');
    const fixtures = (await readdir(pagesDir)).filter((name) => name.endsWith('.html'));
    inputs = [
      { name: 'tricky', html: TRICKY },
      ...(await Promise.all(fixtures.map(async (name) => ({ name, html: await readFile(join(pagesDir, name), 'utf8') })))),
      ...(['study-list', 'directory-listing'] as const).map((kind) => ({ name: `${kind} 10,000`, html: PAGE_KINDS[kind](10_000) })),
    ];
    server = await startHttpServer({ '/blank': '<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  // The same page in each browser, with the bundle added: its results, then the browser closed.
  const BROWSERS: Record<string, () => Promise<{ page: { goto(url: string): Promise<unknown>; addScriptTag(options: { content: string }): Promise<unknown>; evaluate: (fn: typeof compareInPage, arg: typeof inputs) => Promise<Compared[]> }; close(): Promise<void> }>> = {
    Chromium: async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      return { page: await browser.newPage(), close: () => browser.close() };
    },
    'Firefox ESR': async () => {
      const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
      return { page: await browser.newPage(), close: () => browser.close() };
    },
  };

  it.each(Object.keys(BROWSERS))('gives the same tree and snapshot as DOMParser in %s', async (name) => {
    const { page, close } = await BROWSERS[name]!();
    try {
      await page.goto(`${server.url}/blank`);
      await page.addScriptTag({ content: script });
      const results = await page.evaluate(compareInPage, inputs);
      expect(results.filter((result) => !result.same).map((result) => result.name)).toEqual([]);
      expect(results.length).toBe(inputs.length);
      // Cut into many pieces: the large pages in hundreds (Firefox ESR parses with DOMParser, see parse-in-slices.ts).
      if (name === 'Chromium') expect(results.find((result) => result.name === 'study-list 10,000')!.pieces).toBeGreaterThan(100);
    } finally {
      await close();
    }
  });
});
