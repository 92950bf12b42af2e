// Real products in real browsers (issue 13, section 5), in Chromium and in Firefox with the built extension:
//  - OHIF Viewer v3 (npm @ohif/app, pinned, its static dist/ served by nginx) over an open Orthanc's
//    DICOMweb on the same origin, three synthetic patients: the study list, the viewer link of one study,
//    the study list opened again and again, and the viewer loaded many times, cached and uncached.
//  - Frames: a clinic portal page framing the open Orthanc Explorer patient list from another port, and
//    pages framing a study list on their own origin.
// Every server is started here on 127.0.0.1 (OHIF's uncached loads use other loopback addresses, 127.0.0.N:
// another origin has nothing in the HTTP cache) and stopped at the end. Each wait for a report is bounded
// (30 s), and every failure says what was expected and what the extension reported instead.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, Verdict } from '../../src/shared/report.js';
import { findingIds, launchBrowser, type BrowserName, type ExtensionBrowser, type OpenedTab } from '../harness/browser.js';
import { startHttpServer, startOhif, type OhifServer, type RunningServer } from '../harness/servers/index.js';
import { untilBarVisible } from '../harness/warning-bar-pixels.js';
import { localeText } from '../harness/locale-text.js';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The longest a test waits for one report. */
const REPORT_WAIT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------
// Reading reports, badges and the bar.

/** A report in a few words, for failure messages: never patient data (reports hold none). */
function describeReport(report: Report | null): string {
  if (!report) return 'no report';
  return `${report.verdict} [${findingIds(report).join(', ')}] product=${report.product ?? 'none'} loginCheck=${report.loginCheck ?? 'none'} origin=${report.pageOrigin}`;
}

/**
 * Polls the tab's report until `until` holds or `timeoutMs` passed; returns the last report seen (or null)
 * and how long it took, so that the test can say what came instead of what it expected.
 */
async function settle(
  browser: ExtensionBrowser,
  tabId: number,
  until: (report: Report) => boolean,
  timeoutMs = REPORT_WAIT_MS,
): Promise<{ report: Report | null; ms: number; met: boolean }> {
  const start = Date.now();
  let last: Report | null = null;
  while (Date.now() - start < timeoutMs) {
    last = await browser.readReport(tabId);
    if (last && until(last)) return { report: last, ms: Date.now() - start, met: true };
    await sleep(200);
  }
  return { report: last, ms: Date.now() - start, met: false };
}

const hasAll = (ids: string[]) => (report: Report): boolean => ids.every((id) => findingIds(report).includes(id));
const isDangerWith = (ids: string[]) => (report: Report): boolean => report.verdict === 'danger' && hasAll(ids)(report);

/** What the badge shows for a verdict (src/background/badge.ts): its mark and its title. */
const BADGE_MARK: Record<Verdict, string> = { danger: '!', warning: '?', ok: '✓', 'not-medical': '' };
const badgeTitle = (verdict: Verdict): string => localeText('en', `badge_title_${verdict.replace('-', '_')}`);

/**
 * The badge agrees with the tab's report (within 3 s); returns a sentence saying how it does not, or null.
 * The background sets the badge just before it stores each report, so while a newer report (the re-check's
 * result, say) is being stored, the badge may be one step ahead of the report read before: each try
 * compares the badge with the tab's newest report.
 */
async function badgeMismatch(browser: ExtensionBrowser, tabId: number, report: Report): Promise<string | null> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const badge = await browser.readBadge(tabId);
    const newest = (await browser.readReport(tabId)) ?? report;
    if (badge.text === BADGE_MARK[newest.verdict] && badge.title === badgeTitle(newest.verdict)) return null;
    if (Date.now() > deadline) {
      return `badge ${JSON.stringify(badge)} for a ${newest.verdict} report (expected mark ${JSON.stringify(BADGE_MARK[newest.verdict])}, title ${JSON.stringify(badgeTitle(newest.verdict))})`;
    }
    await sleep(200);
  }
}

/**
 * A clinic's portal page: its own header across the top (white, so the bar's red at the top-left can only
 * be the bar of the top page, never one inside the frame), and the framed page below it.
 */
function portalPage(frameSrc: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clinic portal</title>
<style>body { margin: 0; font-family: sans-serif; background: #fff; } header { height: 80px; padding: 12px 24px; background: #fff; border-bottom: 1px solid #ccc; }
iframe { display: block; width: 100%; height: 760px; border: 0; }</style></head>
<body><header><h1>Clinic portal</h1></header>
<iframe src="${frameSrc}" title="Images"></iframe>
</body></html>`;
}

// ---------------------------------------------------------------------------------------------------------
// Servers shared by both browsers.

/** Loopback addresses for uncached loads: each a new origin, so nothing of it is in the HTTP cache. */
const UNCACHED_ADDRESSES = Array.from({ length: 50 }, (_, index) => `127.0.0.${index + 2}`);

let ohif: OhifServer;
let portal: RunningServer;

beforeAll(async () => {
  ohif = await startOhif({
    extraAddresses: UNCACHED_ADDRESSES,
    // A portal page on OHIF's own origin that frames its study list.
    extraPages: { '/portal.html': { body: portalPage('/') } },
  });
  portal = await startHttpServer({
    // Another port than Orthanc's: the framed patient list is cross-origin.
    '/': portalPage(`${ohif.orthanc.url}/app/explorer.html#find-patients`),
    // A study list and the page framing it, from one server.
    '/studies': fixture('ohif-worklist-en.html'),
    '/same-origin': portalPage('/studies'),
  });
}, 180_000);

afterAll(async () => {
  await Promise.all([ohif?.stop(), portal?.stop()]);
});

// ---------------------------------------------------------------------------------------------------------

describe.each<BrowserName>(['chromium', 'firefox'])('%s', (browserName) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the url in a new tab, waits for a report that meets `until`, checks the badge; closes the tab. */
  async function expectReport(url: string, expected: string, until: (report: Report) => boolean): Promise<Report> {
    const tab = await browser.open(url);
    try {
      const { report, met, ms } = await settle(browser, tab.tabId, until);
      expect(met, `${browserName} ${url}: expected ${expected}; got ${describeReport(report)} after ${ms} ms`).toBe(true);
      const badge = await badgeMismatch(browser, tab.tabId, report!);
      expect(badge, `${browserName} ${url}: ${badge}`).toBeNull();
      return report!;
    } finally {
      await tab.close();
    }
  }

  describe('OHIF Viewer v3 over an open Orthanc (DICOMweb on the same origin, plain http)', () => {
    it('the study list is danger with no-login, plain-http and many-patients', async () => {
      const ids = ['no-login', 'plain-http', 'many-patients'];
      const report = await expectReport(ohif.studyListUrl, `danger with ${ids.join(', ')}`, isDangerWith(ids));
      // The report holds no patient data.
      const stored = JSON.stringify(report);
      for (const { patient } of ohif.studies) {
        expect(stored).not.toContain(patient.id);
        expect(stored).not.toContain(patient.name.split('^')[0]);
      }
    }, 60_000);

    it("the viewer link of one study is danger with no-login and plain-http", async () => {
      const ids = ['no-login', 'plain-http'];
      await expectReport(ohif.viewerUrl(ohif.studies[0]!.studyInstanceUid), `danger with ${ids.join(', ')}`, isDangerWith(ids));
    }, 60_000);

    it('the study list opened five times in a row gets a report and its badge every time', async () => {
      const visits: string[] = [];
      let lost = 0;
      for (let visit = 1; visit <= 5; visit++) {
        const tab = await browser.open(ohif.studyListUrl);
        const { report, ms } = await settle(browser, tab.tabId, () => true);
        const badge = report ? await badgeMismatch(browser, tab.tabId, report) : null;
        if (!report || badge) lost += 1;
        visits.push(`visit ${visit}: ${report ? `${describeReport(report)} after ${ms} ms${badge ? `, but ${badge}` : ''}` : `no report within ${ms} ms`}`);
        await tab.close();
      }
      expect(lost, `${browserName}: expected a report and a matching badge on each of 5 visits; got:\n${visits.join('\n')}`).toBe(0);
    }, 5 * (REPORT_WAIT_MS + 10_000));

    // Loads of one tab alternate between OHIF at 127.0.0.1 (cached after the first load) and OHIF at a
    // fresh loopback address (nothing cached). Each load must get its own report: one of its origin, made
    // after the load started. The loop stops early after 5 lost reports, or when the time budget is spent.
    // Measured here (2 cores, shared): a load with its report takes about 2.5 s in Chromium, 3.8 s in Firefox.
    const LOADS = browserName === 'chromium' ? 100 : 60;
    const BUDGET_MS = browserName === 'chromium' ? 12 * 60_000 : 8 * 60_000;
    it(`a single-page viewer loaded ${LOADS} times in one tab, cached and uncached in turn, gets a report every time`, async () => {
      const misses: string[] = [];
      const durations: number[] = [];
      const started = Date.now();
      let tab: OpenedTab | undefined;
      let loads = 0;
      let slowNavigations = 0;
      try {
        for (let load = 0; load < LOADS && misses.length < 5 && Date.now() - started < BUDGET_MS; load++) {
          const cached = load % 2 === 0;
          const origin = cached ? ohif.url : ohif.urlFor(UNCACHED_ADDRESSES[Math.floor(load / 2) % UNCACHED_ADDRESSES.length]!);
          const loadStarted = Date.now();
          // A navigation the browser does not finish in 30 s (seen once in Firefox on a loaded CI machine,
          // OHIF's scripts still loading) is the browser's or the server's slowness, not a lost verdict:
          // it is counted, and the report of the load is still awaited below.
          try {
            if (!tab) tab = await browser.open(`${origin}/`);
            else await tab.goto(`${origin}/`);
          } catch (error) {
            if (!tab || !/timeout/i.test(String(error))) throw error;
            slowNavigations += 1;
          }
          const { report, ms } = await settle(browser, tab.tabId, (candidate) => candidate.pageOrigin === origin && candidate.checkedAt >= loadStarted - 1_000);
          loads += 1;
          const own = report && report.pageOrigin === origin && report.checkedAt >= loadStarted - 1_000 ? report : null;
          const badge = own ? await badgeMismatch(browser, tab.tabId, own) : null;
          if (!own || badge) misses.push(`load ${load + 1} (${cached ? 'cached' : 'uncached'}, ${origin}): ${own ? badge : `no report of this load within ${ms} ms (last: ${describeReport(report)})`}`);
          else durations.push(Date.now() - loadStarted);
        }
      } finally {
        await tab?.close();
      }
      const elapsed = Math.round((Date.now() - started) / 1000);
      const sorted = [...durations].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      console.log(`${browserName}: ${loads} loads in ${elapsed} s, ${misses.length} without a report, median load-to-report ${median} ms, ${slowNavigations} navigations not finished in 30 s`);
      expect(misses, `${browserName}: expected a report for each of ${LOADS} loads; ${loads} loads done in ${elapsed} s, ${misses.length} lost:\n${misses.join('\n')}`).toEqual([]);
      expect(loads, `${browserName}: only ${loads} of ${LOADS} loads fitted in the ${BUDGET_MS / 60_000} min budget`).toBe(LOADS);
    }, (browserName === 'chromium' ? 12 : 8) * 60_000 + 60_000);
  });

  describe('frames', () => {
    it('control: the open Orthanc Explorer patient list on its own is danger with no-login', async () => {
      await expectReport(`${ohif.orthanc.url}/app/explorer.html#find-patients`, 'danger with no-login', isDangerWith(['no-login']));
    }, 60_000);

    it('a portal page framing the open Orthanc Explorer patient list from another port is danger with no-login, with the bar on the top page', async () => {
      const tab = await browser.open(`${portal.url}/`);
      try {
        const { report, met, ms } = await settle(browser, tab.tabId, isDangerWith(['no-login']));
        expect(met, `${browserName} portal framing ${ohif.orthanc.url}: expected danger with no-login; got ${describeReport(report)} after ${ms} ms`).toBe(true);
        expect(report!.pageOrigin, 'the report is the top page’s').toBe(portal.url);
        // The finding says it came from the frame, by the frame's origin only.
        expect(report!.findings.find((finding) => finding.id === 'no-login')?.frame).toBe(ohif.orthanc.url);
        const badge = await badgeMismatch(browser, tab.tabId, report!);
        expect(badge, `${browserName}: ${badge}`).toBeNull();
        expect(await untilBarVisible(tab, 10_000), `${browserName}: expected the warning bar at the top of the portal page`).toBe(true);
      } finally {
        await tab.close();
      }
    }, 60_000);

    it('control: the study list on its own is danger', async () => {
      await expectReport(`${portal.url}/studies`, 'danger', (report) => report.verdict === 'danger');
    }, 60_000);

    it('a page framing a study list from its own server is danger, with the bar on the top page', async () => {
      const tab = await browser.open(`${portal.url}/same-origin`);
      try {
        const { report, met, ms } = await settle(browser, tab.tabId, (candidate) => candidate.verdict === 'danger');
        expect(met, `${browserName} page framing ${portal.url}/studies: expected danger; got ${describeReport(report)} after ${ms} ms`).toBe(true);
        expect(await untilBarVisible(tab, 10_000), `${browserName}: expected the warning bar at the top of the framing page`).toBe(true);
      } finally {
        await tab.close();
      }
    }, 60_000);

    it("a portal page on OHIF's own origin framing OHIF's study list is danger with no-login", async () => {
      await expectReport(`${ohif.url}/portal.html`, 'danger with no-login', isDangerWith(['no-login']));
    }, 60_000);
  });
});
