// The last word is the right one (issue 13, sections 3 and 4), in Chromium and Firefox with the built
// extension: a page that changes its address after it has reported (as single-page routers do) keeps its
// report and badge, load after load; a study list inside a frame, from another origin or the same one,
// makes the tab dangerous, says which frame it came from, and puts the bar on the top page; and a new page
// in the tab leaves nothing of the frames before.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report.js';
import { findingIds, launchBrowser, waitForReport, type BrowserName, type ExtensionBrowser } from '../harness/browser.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';
import { untilBarVisible } from '../harness/warning-bar-pixels.js';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');
const STUDY_LIST = fixture('ohif-worklist-en.html');
const NEWS = fixture('news-pacs-leak-en.html');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// A router's start: the address is rewritten a few times after the list is shown, the last well after the
// page's load event (when the content script has already sent its snapshot).
const ROUTER_START = `<script>
  addEventListener('load', () => {
    for (const [index, delay] of [0, 30, 150, 400, 900, 1600].entries()) {
      setTimeout(() => history.replaceState({ step: index }, '', '/router-list?step=' + index), delay);
    }
  });
</script>`;

const portalAround = (frameUrl: string): string => `<!DOCTYPE html><html lang="en"><head><title>Clinic portal</title></head>
<body><h1>Your images</h1><p>Your clinic shows your images below.</p>
<iframe src="${frameUrl}" width="900" height="600" title="Image viewer"></iframe></body></html>`;

describe.each<BrowserName>(['chromium', 'firefox'])('%s: the last word is the right one', (browserName) => {
  let browser: ExtensionBrowser;
  let portal: RunningServer;
  let viewer: RunningServer;

  beforeAll(async () => {
    // Two origins: the viewer (study list) on one port, the portal page that frames it on another.
    viewer = await startHttpServer({ '/list': STUDY_LIST, '/plain': '<!DOCTYPE html><title>Weather</title><p>Sunny, 21 degrees.</p>' });
    portal = await startHttpServer({
      '/router-list': STUDY_LIST.replace('</body>', `${ROUTER_START}</body>`),
      '/list': STUDY_LIST,
      '/portal-cross': portalAround(`${viewer.url}/list`),
      '/portal-same': portalAround('/list'),
      '/news': NEWS,
      '/news-with-frames': NEWS.replace('</body>', `<iframe src="${viewer.url}/plain" title="a"></iframe><iframe src="/plain" title="b"></iframe></body>`),
    });
    browser = await launchBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([portal?.stop(), viewer?.stop()]);
  });

  it('a study list that rewrites its address after reporting keeps its report and badge, 10 loads of 10', async () => {
    const tab = await browser.open('about:blank');
    const missed: string[] = [];
    for (let load = 0; load < 10; load++) {
      await tab.goto(`${portal.url}/router-list`);
      // Past the router's last rewrite, then the report must be there (and stay there).
      await sleep(2_000);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.verdict === 'danger', 15_000).catch(() => null);
      const badge = await browser.readBadge(tab.tabId);
      if (!report || badge.text !== '!') missed.push(`load ${load + 1}: report ${report?.verdict ?? 'none'}, badge "${badge.text}"`);
    }
    await tab.close();
    expect(missed).toEqual([]);
  }, 240_000);

  it('an open study list in a frame from another origin: danger, the finding names the frame, the bar is on the top page', async () => {
    const tab = await browser.open(`${portal.url}/portal-cross`);
    const report = await waitForReport(browser, tab.tabId, (candidate) => findingIds(candidate).includes('no-login'), 30_000);
    expect(report.verdict).toBe('danger');
    expect(report.pageOrigin).toBe(portal.url);
    const noLogin = report.findings.find((finding) => finding.id === 'no-login')!;
    // The frame's origin only, never its path.
    expect(noLogin.frame).toBe(viewer.url);
    expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'many-patients', 'plain-http']));
    expect((await browser.readBadge(tab.tabId)).text).toBe('!');
    expect(await untilBarVisible(tab)).toBe(true);
    const popup = await browser.openPopup(tab.tabId);
    try {
      expect(popup.verdict).toBe('danger');
      expect(popup.text).toContain(viewer.url);
    } finally {
      await popup.close();
    }
    await tab.close();
  });

  it('an open study list in a frame from the same origin: danger', async () => {
    const tab = await browser.open(`${portal.url}/portal-same`);
    const report = await waitForReport(browser, tab.tabId, (candidate) => findingIds(candidate).includes('no-login'), 30_000);
    expect(report.verdict).toBe('danger');
    expect(report.findings.find((finding) => finding.id === 'no-login')?.frame).toBe(portal.url);
    expect(await untilBarVisible(tab)).toBe(true);
    await tab.close();
  });

  it('frames that are not medical send nothing: only the top page is kept', async () => {
    const tab = await browser.open(`${portal.url}/news-with-frames`);
    const report = await waitForReport(browser, tab.tabId, () => true, 15_000);
    await sleep(2_500);
    expect(report.verdict).toBe('not-medical');
    const frameIds = await browser.withExtensionApi(async (api, tabId) => Object.keys(((await api.storage.session.get(`frames:${tabId}`))[`frames:${tabId}`] ?? {}) as object), tab.tabId);
    expect(frameIds).toEqual(['0']);
    await tab.close();
  });

  it('a new page in the tab leaves nothing of the frames before', async () => {
    const tab = await browser.open(`${portal.url}/portal-cross`);
    await waitForReport(browser, tab.tabId, (candidate) => candidate.verdict === 'danger', 30_000);
    await tab.goto(`${portal.url}/news`);
    await sleep(2_500);
    const report: Report = await waitForReport(browser, tab.tabId, (candidate) => candidate.verdict === 'not-medical', 15_000);
    expect(report.findings).toEqual([]);
    expect((await browser.readBadge(tab.tabId)).text).toBe('');
    await tab.close();
  });
});
