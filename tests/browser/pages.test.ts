// Pages served on 127.0.0.1 by the test's own node servers: a login page over HTTPS (self-signed
// certificate, accepted by a browser flag), a news article about a leak, pages the extension cannot
// check, and the report's life cycle (navigation, tab close).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, readBadge, readReport, tabIdOf, waitForReport, type ExtensionBrowser } from '../harness/browser.js';
import { startHttpServer, startHttpsServer, type RunningServer } from '../harness/servers/index.js';

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../fixtures/pages', name), 'utf8');

let browser: ExtensionBrowser;
let https: RunningServer;
let http: RunningServer;

beforeAll(async () => {
  https = await startHttpsServer({ '/login': fixture('portal-login-en.html') });
  http = await startHttpServer({
    '/news': fixture('news-pacs-leak-en.html'),
    '/study-list': fixture('ohif-worklist-en.html'),
  });
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await https?.stop();
  await http?.stop();
});

describe('pages on 127.0.0.1', () => {
  it('a patient-portal login form over HTTPS is a medical portal but not danger', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${https.url}/login`);
    const tabId = await tabIdOf(browser, page);
    const report = await waitForReport(browser, tabId);
    expect(report.pageOrigin).toMatch(/^https:/);
    expect(report.verdict).not.toBe('danger');
    expect(report.verdict).not.toBe('not-medical');
    expect(report.findings.map((finding) => finding.id)).not.toContain('plain-http');
    await page.close();
  });

  it('a news article about a medical data leak is not-medical, with an empty badge', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${http.url}/news`);
    const tabId = await tabIdOf(browser, page);
    const report = await waitForReport(browser, tabId);
    expect(report.verdict).toBe('not-medical');
    expect(report.findings).toEqual([]);
    expect(report.loginCheck).toBeNull();
    expect((await readBadge(browser, tabId)).text).toBe('');
    const popup = await openPopup(browser, tabId);
    expect(popup.verdict).toBe('not-medical');
    expect(popup.findings).toEqual([]);
    await popup.page.close();
    await page.close();
  });

  it('a browser page the extension cannot run in gets a clear "cannot be checked" popup', async () => {
    const page = await browser.context.newPage();
    await page.goto('chrome://version');
    const tabId = await tabIdOf(browser, page);
    const popup = await openPopup(browser, tabId);
    expect(popup.verdict).toBe('cannot-check');
    expect(popup.text).toMatch(/can.?t check|cannot check|can not check/i);
    await popup.page.close();
    await page.close();
  });

  it('navigating away replaces the report, and closing the tab removes it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${http.url}/study-list`);
    const tabId = await tabIdOf(browser, page);
    await waitForReport(browser, tabId, (report) => report.verdict === 'danger');
    await page.goto(`${http.url}/news`);
    await waitForReport(browser, tabId, (report) => report.verdict === 'not-medical');
    await page.close();
    const deadline = Date.now() + 5_000;
    while ((await readReport(browser, tabId)) !== null && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(await readReport(browser, tabId)).toBeNull();
  });

  it('moving from a checked page to a page that cannot be checked leaves no stale verdict', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${http.url}/study-list`);
    const tabId = await tabIdOf(browser, page);
    await waitForReport(browser, tabId, (report) => report.verdict === 'danger');
    await page.goto('chrome://version');
    const popup = await openPopup(browser, tabId);
    expect(popup.verdict).toBe('cannot-check');
    expect((await readBadge(browser, tabId)).text).toBe('');
    await popup.page.close();
    await page.close();
  });

  it('a corrupted stored report is discarded and the page is checked again when the popup opens', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${http.url}/study-list`);
    const tabId = await tabIdOf(browser, page);
    await waitForReport(browser, tabId, (report) => report.verdict === 'danger');
    await browser.worker.evaluate(async (id) => {
      await chrome.storage.session.set({ [`report:${id}`]: { version: 0, verdict: 'ok', findings: 'corrupted' } });
    }, tabId);
    const popup = await openPopup(browser, tabId);
    await popup.page.waitForSelector('#popup[data-verdict="danger"]', { timeout: 10_000 });
    expect(await popup.page.$$eval('[data-finding]', (nodes) => nodes.length)).toBeGreaterThan(0);
    const report = await waitForReport(browser, tabId, (candidate) => candidate.version === 1);
    expect(report.verdict).toBe('danger');
    await popup.page.close();
    await page.close();
  });

  it('a same-page navigation (hash change) keeps the tab reported', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${http.url}/study-list`);
    const tabId = await tabIdOf(browser, page);
    await waitForReport(browser, tabId, (report) => report.verdict === 'danger');
    await page.evaluate(() => {
      location.hash = '#studies-page-2';
    });
    await new Promise((done) => setTimeout(done, 1_500));
    const report = await waitForReport(browser, tabId, (candidate) => candidate.verdict === 'danger', 10_000);
    expect(report.findings.map((finding) => finding.id)).toContain('many-patients');
    await page.close();
  });
});
