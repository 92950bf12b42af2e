// The live page is read in slices with the page's own tasks in between (slices.ts, issue 15); every
// other reader runs the same steps in one go. The result must be the same: here on every fixture page
// and the benchmark's large pages, pausing at every step the reader offers.
// The no-login re-check reads its copy of a page for records only (ReadPurpose 'records'): it must find
// the same records as a whole read, also where the text's node budget runs out.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS } from '../../bench/pages.js';
import { analysePage, analysePageInSteps } from '../../src/analysis/analyse-page.js';
import { LINKS_PER_STEP } from '../../src/analysis/directory-index.js';
import { PRODUCTS } from '../../src/analysis/products.js';
import { CHECKS } from '../../src/checks/index.js';
import { columnLabel, findPatientRecords, RECORD_STEP } from '../../src/patient-data/patient-records.js';
import { readPage, readPageInSteps } from '../../src/snapshot/read-page.js';
import { runInSlices } from '../../src/snapshot/slices.js';
import { SNAPSHOT_LIMITS } from '../../src/snapshot/snapshot.js';
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
    // A pause inside the facts (before each product's signs, after the product, the records, the directory
    // index) and before each check; inside the records before each table header, before every RECORD_STEP
    // rows of a table they read (one with a column label outside a known viewer) and after every
    // RECORD_STEP label/value pairs; inside the directory index after every LINKS_PER_STEP links and, on a
    // listing, entries.
    const tablesRead = snapshot.tables.filter((table) => sliced.facts.product !== null || table.headers.some((header) => columnLabel(header) !== null));
    const headerPauses = snapshot.tables.reduce((sum, table) => sum + table.headers.length, 0);
    const recordPauses = headerPauses + tablesRead.reduce((sum, table) => sum + Math.ceil(table.rows.length / RECORD_STEP.rows), 0) + Math.floor(snapshot.labelValues.length / RECORD_STEP.labelValues);
    if (kind === 'study-list') expect(recordPauses).toBeGreaterThanOrEqual(5);
    const directoryIndexPauses = Math.floor(snapshot.links.length / LINKS_PER_STEP) + Math.floor((sliced.facts.directoryIndex?.entries ?? 0) / LINKS_PER_STEP);
    // The article's and the listing's links are enough to pause inside the directory index several times.
    if (kind !== 'study-list') expect(directoryIndexPauses).toBeGreaterThanOrEqual(4);
    expect(pauses).toBe(PRODUCTS.length + 3 + CHECKS.length + recordPauses + directoryIndexPauses);
  });
});

describe('reading a page for its records only', () => {
  const url = 'http://203.0.113.9/page';
  const recordsBothWays = (html: string): { whole: unknown; recordsOnly: unknown; records: number } => {
    const whole = readPage(loadDocument(html, url), url);
    const recordsOnly = readPage(loadDocument(html, url), url, [], 'records');
    const pick = (snapshot: typeof whole): unknown => ({ tables: snapshot.tables, labelValues: snapshot.labelValues, json: snapshot.json, records: findPatientRecords(snapshot) });
    return { whole: pick(whole), recordsOnly: pick(recordsOnly), records: findPatientRecords(whole).length };
  };

  it('finds the same tables, label/value pairs and records as a whole read on every fixture page', () => {
    let withRecords = 0;
    for (const file of htmlFiles(fixtures)) {
      const { whole, recordsOnly, records } = recordsBothWays(readFileSync(file, 'utf8'));
      expect(recordsOnly, relative(fixtures, file)).toEqual(whole);
      if (records > 0) withRecords++;
    }
    // Not a comparison of empty results: many fixtures hold patient records.
    expect(withRecords).toBeGreaterThan(5);
  });

  // Text that is no record, then records of a heading and a "Label: value" line, of which the node budget
  // (SNAPSHOT_LIMITS.nodes, less the elements a whole read visits for their marks) reaches only the first.
  it.each([
    ['of many elements', Array.from({ length: SNAPSHOT_LIMITS.nodes - SNAPSHOT_LIMITS.markerElements - 100 }, (_, index) => `<p>line ${index}</p>`).join('')],
    // Comments split text into nodes: 18,800 text nodes in one element; a whole read visits ~900 elements.
    ['of few elements and many text nodes', `<div>${'x<!--c-->'.repeat(18_800)}</div>`],
  ])('reads as many label/value pairs as a whole read where the node budget ends among the records, in a page %s', (_, filler) => {
    const items = Array.from({ length: 300 }, (_, index) => `<li><h3>TESTPERSON^NUMBER${index}</h3><p>Patient ID: P${index}</p></li>`).join('');
    const html = `<html><head><title>Patients</title></head><body>${filler}<ul>${items}</ul></body></html>`;
    const whole = readPage(loadDocument(html, url), url);
    expect(whole.truncated, 'the page is larger than the node budget').toBe(true);
    expect(whole.labelValues.length, 'the budget ends among the records').toBeGreaterThan(10);
    expect(whole.labelValues.length, 'the budget ends among the records').toBeLessThan(SNAPSHOT_LIMITS.labelValues);
    const { whole: picked, recordsOnly } = recordsBothWays(html);
    expect(recordsOnly).toEqual(picked);
  });
});
