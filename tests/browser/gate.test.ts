// Issue 15: on a page that looks like nothing medical (almost every page a person opens) the extension
// runs only its small gate script (src/content/gate.iife.ts): no module loaded, no settings read, no
// message sent. The page gets its report only when the popup asks. A page that may be a portal loads the
// full content script and reports by itself. In Chromium and Firefox with the built extension.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, reportWhenPopupAsks, waitForReport, type BrowserName, type ExtensionBrowser } from '../harness/browser.js';
import type { ChromiumExtensionBrowser } from '../harness/chromium.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const STUDY_LIST = readFileSync(join(root, 'tests/fixtures/pages/ohif-worklist-en.html'), 'utf8');
const WEATHER = '<!DOCTYPE html><html lang="en"><head><title>Weather</title></head><body><h1>Weather</h1><p>Sunny, 21 degrees.</p></body></html>';
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
// A page that writes itself anew once loaded (document.open and document.write, as older viewers do): the
// window and the document stay, their root element is replaced by the study list's.
const WRITES_ITSELF_ANEW = `<!DOCTYPE html><html lang="en"><head><title>Loading</title></head><body><p>Please wait.</p><script>
addEventListener('load', () => setTimeout(() => { document.open(); document.write(${JSON.stringify(STUDY_LIST).replaceAll('</', '<\\/')}); document.close(); }, 300));
</script></body></html>`;

describe.each<BrowserName>(['chromium', 'firefox'])('%s: the gate script', (browserName) => {
  let browser: ExtensionBrowser;
  let server: RunningServer;

  beforeAll(async () => {
    server = await startHttpServer({ '/weather': WEATHER, '/list': STUDY_LIST, '/written-anew': WRITES_ITSELF_ANEW });
    browser = await launchBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a page that looks like nothing medical says nothing by itself; when the popup asks, it is not-medical', async () => {
    const tab = await browser.open(`${server.url}/weather`);
    // Longer than the content script's wait for the load event and its first pass.
    await sleep(2_500);
    expect(await browser.readReport(tab.tabId)).toBeNull();
    expect((await browser.readBadge(tab.tabId)).text).toBe('');
    const report = await reportWhenPopupAsks(browser, tab.tabId);
    expect(report.verdict).toBe('not-medical');
    expect(report.findings).toEqual([]);
    await tab.close();
  });

  it('the popup opened on such a page says it is checking, then not-medical: never "cannot be checked" on the way', async () => {
    const tab = await browser.open(`${server.url}/weather`);
    await sleep(1_500);
    expect(await browser.readReport(tab.tabId)).toBeNull();
    // openPopup waits for the first verdict the popup shows.
    const popup = await browser.openPopup(tab.tabId);
    expect(popup.verdict).toBe('not-medical');
    await popup.close();
    await tab.close();
  });

  it('a study list reports by itself, and a plain page opened after it in the same tab leaves no report of it', async () => {
    const tab = await browser.open(`${server.url}/list`);
    expect((await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger')).verdict).toBe('danger');
    await tab.goto(`${server.url}/weather`);
    await sleep(2_500);
    expect(await browser.readReport(tab.tabId)).toBeNull();
    expect((await browser.readBadge(tab.tabId)).text).toBe('');
    await tab.close();
  });

  it('a plain page that writes a study list over itself after its load reports it by itself', async () => {
    const tab = await browser.open(`${server.url}/written-anew`);
    expect((await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger')).verdict).toBe('danger');
    await tab.close();
  });

  it.runIf(browserName === 'chromium')('loads no file of the extension into a page that looks like nothing medical, and the full content script into a study list', async () => {
    const { context } = browser as ChromiumExtensionBrowser;
    const extensionFilesLoadedBy = async (path: string): Promise<string[]> => {
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      const loaded: string[] = [];
      session.on('Network.requestWillBeSent', (event: { request: { url: string } }) => {
        if (event.request.url.startsWith('chrome-extension://')) loaded.push(new URL(event.request.url).pathname);
      });
      await session.send('Network.enable');
      await page.goto(`${server.url}${path}`);
      await sleep(2_500);
      await page.close();
      return loaded;
    };
    expect(await extensionFilesLoadedBy('/weather')).toEqual([]);
    expect(await extensionFilesLoadedBy('/list')).toContainEqual(expect.stringMatching(/^\/assets\/content-script\.ts-[\w-]+\.js$/));
  });

  // The background asks a loaded tab's frames to report again only where a full content script has
  // reported (the page itself, or one the tab may go back to): that message alone cost every plain page
  // about 1.4 ms of script. Seen from the service worker, whose tabs.sendMessage is watched here.
  it.runIf(browserName === 'chromium')('asks a plain tab for no report on load; a tab that showed a study list is still asked, and back on the list it has its report', async () => {
    const { context } = browser as ChromiumExtensionBrowser;
    const reportRequestsTo = (tabId: number): Promise<number> =>
      browser.withExtensionApi(async (_api, id) => {
        const seen = globalThis as unknown as { reportRequests?: Record<number, number>; chrome: typeof chrome };
        if (!seen.reportRequests) {
          seen.reportRequests = {};
          const original = seen.chrome.tabs.sendMessage.bind(seen.chrome.tabs) as (...args: unknown[]) => Promise<unknown>;
          (seen.chrome.tabs as { sendMessage: unknown }).sendMessage = (target: number, message: { type?: string }, ...rest: unknown[]) => {
            if (message?.type === 'report-again') seen.reportRequests![target] = (seen.reportRequests![target] ?? 0) + 1;
            return original(target, message, ...rest);
          };
        }
        return seen.reportRequests[id] ?? 0;
      }, tabId);
    const tab = await browser.open(`${server.url}/weather`);
    await reportRequestsTo(tab.tabId);
    await tab.goto(`${server.url}/weather?again`);
    await sleep(2_500);
    expect(await reportRequestsTo(tab.tabId)).toBe(0);
    await tab.goto(`${server.url}/list`);
    await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
    await tab.goto(`${server.url}/weather`);
    await sleep(1_500);
    expect(await reportRequestsTo(tab.tabId)).toBeGreaterThanOrEqual(1);
    const page = context.pages().find((candidate) => candidate.url() === `${server.url}/weather`)!;
    await page.goBack();
    expect((await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger')).verdict).toBe('danger');
    await tab.close();
  });
});
