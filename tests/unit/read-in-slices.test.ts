// The live page is read in slices with the page's own tasks in between (slices.ts, issue 15); every
// other reader runs the same steps in one go. The result must be the same: here on every fixture page
// and the benchmark's large pages, pausing at every step the reader offers.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS } from '../../bench/pages.js';
import { analysePage, analysePageInSteps } from '../../src/analysis/analyse-page.js';
import { CHECKS } from '../../src/checks/index.js';
import { readPage, readPageInSteps } from '../../src/snapshot/read-page.js';
import { runInSlices } from '../../src/snapshot/slices.js';
import { loadDocument } from './fixture-page.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });

async function readBothWays(html: string, url: string): Promise<{ whole: unknown; sliced: unknown; pauses: number }> {
  const whole = readPage(loadDocument(html, url), url);
  let pauses = 0;
  // A slice of 0 ms: a pause at every point the reader offers one.
  const sliced = await runInSlices(readPageInSteps(loadDocument(html, url), url, []), 0, { ms: 0 }, async () => {
    pauses++;
  });
  return { whole, sliced, pauses };
}

describe('reading a page in slices', () => {
  it.each(htmlFiles(fixtures).map((path) => relative(fixtures, path)))('gives the same snapshot as one pass: %s', async (file) => {
    const { whole, sliced } = await readBothWays(readFileSync(join(fixtures, file), 'utf8'), 'http://203.0.113.9/page');
    expect(sliced).toEqual(whole);
  });

  it.each(['article', 'study-list', 'directory-listing'] as const)('gives the same snapshot on a 5,000-element %s, in many slices', async (kind) => {
    const { whole, sliced, pauses } = await readBothWays(PAGE_KINDS[kind](5_000), 'http://203.0.113.9/list');
    expect(sliced).toEqual(whole);
    // The large page offers many pauses: no part of the read runs as one long piece.
    expect(pauses).toBeGreaterThan(20);
  });
});

describe('analysing a snapshot in slices', () => {
  it.each(['article', 'study-list', 'directory-listing'] as const)('gives the same facts, findings and verdict as one pass on a 5,000-element %s', async (kind) => {
    const url = 'http://203.0.113.9/list';
    const snapshot = readPage(loadDocument(PAGE_KINDS[kind](5_000), url), url);
    let pauses = 0;
    const sliced = await runInSlices(analysePageInSteps(snapshot), 0, { ms: 0 }, async () => {
      pauses++;
    });
    expect(sliced).toEqual(analysePage(snapshot));
    // A pause inside the facts (after the product, the records, the directory index) and before each check.
    expect(pauses).toBe(3 + CHECKS.length);
  });
});
