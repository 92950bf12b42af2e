// The extension's service worker sleeps through the pages that are not medical (issue 15;
// src/background/tab-events.ts), in Chromium with the built extension: once Chromium has stopped it, page
// loads in tabs where nothing was ever checked do not start it again. A tab where a full check reported
// does: when it loads another page the worker starts, forgets the old report and clears the badge. Once
// that tab is closed the worker sleeps through ordinary pages again.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_COPY_KEY } from '../../src/shared/managed-policy.js';
import { launch, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import { watchServiceWorker, type ServiceWorkerState } from '../harness/service-worker-state.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const STUDY_LIST = readFileSync(join(root, 'tests/fixtures/pages/ohif-worklist-en.html'), 'utf8');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const ordinary = (title: string): string => `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1><p>Sunny, 21 degrees, a light wind from the west.</p></body></html>`;

describe('the service worker and the pages that are not medical (Chromium)', () => {
  let browser: ChromiumExtensionBrowser;
  let server: RunningServer;
  // An extension page: reads the extension's storage and badges without the worker, and watches the worker.
  let learn: Page;
  let worker: ServiceWorkerState;

  beforeAll(async () => {
    server = await startHttpServer({ '/weather': ordinary('Weather'), '/recipes': ordinary('Recipes'), '/sport': ordinary('Sport'), '/list': STUDY_LIST });
    browser = await launch();
    learn = await browser.context.newPage();
    await learn.goto(browser.extensionUrl('src/learn/learn.html'));
    worker = await watchServiceWorker(await browser.context.newCDPSession(learn), browser.extensionUrl(''));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Loads each address in a new tab, as a person browsing would, and leaves the tabs open. */
  async function browse(paths: string[]): Promise<Page[]> {
    const pages: Page[] = [];
    for (const path of paths) {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${path}`);
      pages.push(page);
    }
    return pages;
  }

  /** The id of the tab `page` shows, asked from the extension page (the worker may be stopped). */
  async function tabIdOf(page: Page): Promise<number> {
    await page.bringToFront();
    return learn.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
  }

  const storedReport = (tabId: number): Promise<{ verdict: string } | null> =>
    learn.evaluate(async (id) => ((await chrome.storage.session.get(`report:${id}`))[`report:${id}`] as { verdict: string } | undefined) ?? null, tabId);
  const badgeText = (tabId: number): Promise<string> => learn.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await sleep(200);
    }
  }

  /** Stops the worker, loads `paths` in new tabs and waits; returns the worker's statuses meanwhile. */
  async function statusesWhileBrowsing(paths: string[]): Promise<string[]> {
    await worker.stop();
    const from = worker.statuses.length;
    const pages = await browse(paths);
    // One page navigates on, as links do.
    await pages[0]!.goto(`${server.url}/sport`);
    await sleep(3_000);
    for (const page of pages) await page.close();
    return worker.statuses.slice(from);
  }

  it('ordinary pages do not start the stopped worker; a checked tab does when it loads another page, and loses its report and badge', async () => {
    // The worker started with the browser; it needs no tab events while nothing was checked. Chromium
    // gives a new profile's policy seconds after the start, and the worker keeps a copy of it: once that
    // copy is there, nothing but tabs would start the worker.
    await until(() => learn.evaluate(async (key) => key in (await chrome.storage.local.get(key)), POLICY_COPY_KEY), (kept) => kept, 'the copy of the policy');
    await sleep(500);
    expect(await statusesWhileBrowsing(['/weather', '/recipes', '/sport'])).toEqual([]);

    // A study list: its full check reports, which starts the worker.
    const [list] = await browse(['/list']);
    const listTab = await tabIdOf(list!);
    await until(() => storedReport(listTab), (report) => report?.verdict === 'danger', 'the study list report');
    expect(await badgeText(listTab)).toBe('!');

    // Stopped again, the worker must wake when that tab loads another page: the old report would lie.
    await worker.stop();
    const stoppedAt = worker.statuses.length;
    await list!.goto(`${server.url}/weather`);
    await until(() => storedReport(listTab), (report) => report === null, 'the study list report after the tab loaded the weather');
    expect(await badgeText(listTab)).toBe('');
    expect(worker.statuses.slice(stoppedAt)).toContain('running');

    // Closed, nothing needs the tab events: ordinary pages leave the worker asleep again.
    await list!.close();
    await sleep(1_500);
    expect(await statusesWhileBrowsing(['/recipes', '/weather'])).toEqual([]);
  }, 120_000);
});
