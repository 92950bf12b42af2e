// The warning bar inside dangerous pages (issue 9), in real browsers with the built extension, against real
// Orthanc, nginx and node servers on 127.0.0.1.
//  - In Chromium and Firefox: whether a person sees the bar, read from screenshots (the bar's red at the
//    top-left corner), on real pages and on pages that try to hide it.
//  - In Chromium, up close through the DevTools protocol, which sees into the closed shadow root the page
//    cannot: the words, the alert a screen reader announces, the keyboard, the buttons, the password note,
//    the settings; screenshots for a person to look at in test-results/screenshots/warning-bar-*.png.
//  - axe-core cannot enter a closed shadow root, so the bar's markup (the same code, warning-view.ts) is
//    also rendered in an open shadow root of an ordinary page and checked there.

import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_LIMIT } from '../../src/content/shielded-host.js';
import { POLICY_COPY_KEY } from '../../src/shared/managed-policy.js';
import { HIDDEN_SITES_KEY } from '../../src/shared/page-warning.js';
import type { Report } from '../../src/shared/report.js';
import { launchBrowser, waitForReport, type BrowserName, type ExtensionBrowser, type OpenedTab } from '../harness/browser.js';
import { launch as launchChromium, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import { untilBarVisible, barVisible } from '../harness/warning-bar-pixels.js';
import {
  makeDicomFiles,
  makeSelfSignedCertificate,
  makeTempDir,
  startHttpServer,
  startHttpsServer,
  startNginxAutoindex,
  startOrthanc,
  type OrthancServer,
  type RunningServer,
} from '../harness/servers/index.js';
import { alertsInAccessibilityTree, focusedInAccessibilityTree, shadowElements, type ShadowElement } from '../harness/warning-bar-view.js';
import { LANGUAGES, localeText, type Language } from '../harness/locale-text.js';

const root = resolve(import.meta.dirname, '../..');
const screenshots = join(root, 'test-results/screenshots');
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');
const say = (key: string, language: Language = 'en'): string => localeText(language, key);
/** The bar's words as a screen reader gets them: the label, a space, the sentence. */
const barSentence = (findingKey: string): string => `${say('warning_bar_label')} ${say(`warning_bar_${findingKey}_body`)}`;
/** The same as DevTools' DOM gives them: it leaves out text nodes that are only whitespace. */
const barWords = (findingKey: string): string => barSentence(findingKey).replace(`${say('warning_bar_label')} `, say('warning_bar_label'));
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------------------
// Pages that try to hide the bar. Each is the nginx DICOM listing fixture (danger: directory-listing) with
// one attack added. Scripts run in the page, as a hostile or careless portal's own scripts would.

const listing = fixture('dir-nginx-dicom.html');
const withHead = (extra: string): string => listing.replace('</head>', `${extra}</head>`);
const withBody = (extra: string): string => listing.replace('</body>', `${extra}</body>`);
/** The elements the page did not write itself, as a page's script finds them: children of <html> besides head and body. */
const FIND_ADDED = `const added = () => [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body);`;
const removeRootAdditions = (limit: number): string =>
  withBody(`<script>
    ${FIND_ADDED}
    window.removals = 0;
    new MutationObserver(() => {
      for (const el of added()) if (window.removals < ${limit}) { el.remove(); window.removals += 1; }
    }).observe(document.documentElement, { childList: true });
  </script>`);

const HOSTILE_PAGES: Record<string, string> = {
  'hide-all': withHead('<style>* { display: none !important }</style>'),
  overlay: withBody('<div style="position: fixed; inset: 0; z-index: 2147483647; background: #123456"></div>'),
  // Like an "anti-adblock" script: whatever is not the page's own goes from <body>, at once and every 50 ms.
  'empty-body': withBody(`<script>
    const own = new Set(document.body.children);
    const clean = () => { for (const el of [...document.body.children]) if (!own.has(el)) el.remove(); };
    new MutationObserver(clean).observe(document.body, { childList: true });
    setInterval(clean, 50);
  </script>`),
  'remove-three-times': removeRootAdditions(3),
  'remove-forever': removeRootAdditions(Number.MAX_SAFE_INTEGER),
  // Hides the bar's element with every tool a script has on it, as soon as it appears.
  restyle: withBody(`<script>
    ${FIND_ADDED}
    window.attacks = 0;
    const attack = () => {
      const host = added()[0];
      if (!host) return void setTimeout(attack, 50);
      host.style.setProperty('display', 'none', 'important');
      host.setAttribute('hidden', '');
      host.setAttribute('inert', '');
      try { host.hidePopover(); } catch {}
      window.attacks += 1;
    };
    attack();
  </script>`),
};

// ---------------------------------------------------------------------------------------------------------
// Servers shared by every test in the file.

let orthanc: OrthancServer;
let orthancWithLogin: OrthancServer;
let orthancWithLoginOverTls: RunningServer;
let nginx: RunningServer;
let http: RunningServer;
let https: RunningServer;
let firstSeriesId: string;
const CLINIC_LOGIN = { username: 'clinic', password: 'clinic-secret' };

/**
 * Orthanc behind a TLS-terminating reverse proxy, as clinics run it: https: to the browser, Orthanc's own
 * HTTP (with its HTTP Basic login) behind it. Orthanc 1.10 can serve TLS itself, but then the test's own
 * uploads would need to trust a self-signed certificate; the proxy keeps them plain.
 */
async function startTlsProxy(target: string): Promise<RunningServer> {
  const { key, cert } = await makeSelfSignedCertificate();
  const server = createHttpsServer({ key, cert }, (incoming, outgoing) => {
    const forward = httpRequest(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const dicom = await makeTempDir('warning-bar-dicom');
  const files = await makeDicomFiles(dicom, undefined, { instancesPerStudy: 3 });
  await writeFile(join(dicom, 'DICOMDIR'), 'not a real DICOMDIR, only its name matters to a listing');
  [orthanc, orthancWithLogin, nginx] = await Promise.all([
    startOrthanc({ authentication: false }),
    startOrthanc({ authentication: true, users: { [CLINIC_LOGIN.username]: CLINIC_LOGIN.password } }),
    startNginxAutoindex(dicom),
  ]);
  await Promise.all([orthanc.upload(files), orthancWithLogin.upload(files)]);
  firstSeriesId = ((await (await fetch(`${orthanc.url}/series`)).json()) as string[])[0]!;
  orthancWithLoginOverTls = await startTlsProxy(orthancWithLogin.url);
  http = await startHttpServer({
    '/news': fixture('news-pacs-leak-en.html'),
    '/listing': listing,
    '/study-list': fixture('ohif-worklist-en.html'),
    '/pacs-login': fixture('gxd5-pacs-connexion.html'),
    // A viewer-like page in dark colours: the Stone Web Viewer fixture with a dark stylesheet of its own.
    '/stone-webviewer/index.html': fixture('stone-webviewer-study.html'),
    '/stone-webviewer/css/styles.css': {
      contentType: 'text/css',
      body: `body { margin: 0; background: #0b0d10; color: #d8dee9; font: 14px system-ui, sans-serif; }
        #wv { display: flex; height: 100vh; } .wvLayoutLeft { width: 300px; background: #16191e; padding: 12px; }
        .wvStudyIsland__header { border-left: 4px solid #3b7ddd; padding: 8px; } span { display: block; }
        .wvSerieslist { list-style: none; padding: 0; } .wvSerieslist__picture { width: 96px; height: 96px; background: #333; }
        .wvLayoutMain, main { flex: 1; background: #000; }`,
    },
    '/csp': { body: listing, headers: { 'Content-Security-Policy': "default-src 'none'" } },
    ...Object.fromEntries(Object.entries(HOSTILE_PAGES).map(([name, page]) => [`/hostile/${name}`, page])),
  });
  https = await startHttpsServer({ '/login': fixture('portal-login-en.html') });
});

afterAll(async () => {
  await Promise.all([orthanc?.stop(), orthancWithLogin?.stop(), orthancWithLoginOverTls?.stop(), nginx?.stop(), http?.stop(), https?.stop()]);
});

// ---------------------------------------------------------------------------------------------------------
/** The check has settled on this verdict, and the page had time to show whatever the answer asked for. */
async function settled(browser: ExtensionBrowser, tabId: number, until: (report: Report) => boolean): Promise<Report> {
  const report = await waitForReport(browser, tabId, until);
  await sleep(1_500);
  return report;
}

describe.each<BrowserName>(['chromium', 'firefox'])('%s: a person sees the bar', (browserName) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on the open Orthanc patient list', async () => {
    const tab = await browser.open(`${orthanc.url}/app/explorer.html#find-patients`);
    expect(await untilBarVisible(tab)).toBe(true);
    expect((await waitForReport(browser, tab.tabId)).verdict).toBe('danger');
    await tab.close();
  });

  it('on a DICOM directory listing from nginx', async () => {
    const tab = await browser.open(`${nginx.url}/`);
    expect(await untilBarVisible(tab)).toBe(true);
    await tab.close();
  });

  it('not on a news article about a leak, nor on an HTTPS patient-portal login', async () => {
    for (const [url, verdict] of [
      [`${http.url}/news`, 'not-medical'],
      [`${https.url}/login`, 'ok'],
    ] as const) {
      const tab = await browser.open(url);
      await settled(browser, tab.tabId, (report) => report.verdict === verdict);
      expect(await barVisible(tab), url).toBe(false);
      await tab.close();
    }
  });

  it.each(['hide-all', 'overlay', 'empty-body', 'remove-three-times', 'restyle'])('on a page that tries to hide it: %s', async (name) => {
    const tab = await browser.open(`${http.url}/hostile/${name}`);
    expect(await untilBarVisible(tab)).toBe(true);
    // Still there a moment later: the page's attacks are over or keep failing.
    await sleep(1_000);
    expect(await barVisible(tab)).toBe(true);
    await tab.close();
  });

  it("on a page whose Content-Security-Policy forbids every style and script of its own", async () => {
    const tab = await browser.open(`${http.url}/csp`);
    expect(await untilBarVisible(tab)).toBe(true);
    await tab.close();
  });
});

describe.each<BrowserName>(['chromium', 'firefox'])('%s: Orthanc with a login (the browser has the password)', (browserName) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchBrowser(browserName, { httpCredentials: CLINIC_LOGIN });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('over https (behind a TLS proxy), it is a warning, and no bar', async () => {
    const tab = await browser.open(`${orthancWithLoginOverTls.url}/app/explorer.html#find-patients`);
    const report = await settled(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
    expect(report.loginCheck).toBe('login-required');
    expect(report.verdict).toBe('warning');
    expect(await barVisible(tab)).toBe(false);
    await tab.close();
  });

  it('over plain http it is still danger (the patient data travels unencrypted), and gets the bar', async () => {
    const tab = await browser.open(`${orthancWithLogin.url}/app/explorer.html#find-patients`);
    expect(await untilBarVisible(tab)).toBe(true);
    expect((await waitForReport(browser, tab.tabId, (report) => report.loginCheck !== null)).verdict).toBe('danger');
    await tab.close();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Chromium, up close.

describe('chromium: the bar up close', () => {
  let browser: ChromiumExtensionBrowser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Each test starts from the defaults: no hidden sites, no settings.
  afterEach(async () => {
    await browser.withExtensionApi(async (api) => {
      await Promise.all([api.storage.local.clear(), api.storage.sync.clear()]);
    }, 0);
  });

  async function openPage(url: string, options: { width?: number; height?: number; scheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; tabId: number }> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
    if (options.scheme) await page.emulateMedia({ colorScheme: options.scheme });
    await page.goto(url);
    await page.bringToFront();
    const tabId = await browser.withExtensionApi(async (api) => (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1, 0);
    return { page, tabId };
  }

  async function untilBars(page: Page, count: number, until: (bar: ShadowElement) => boolean = () => true, className = 'bar'): Promise<ShadowElement[]> {
    const deadline = Date.now() + 20_000;
    let bars: ShadowElement[] = [];
    while (Date.now() < deadline) {
      bars = await shown(page, className);
      if (bars.length === count && bars.every(until)) return bars;
      await sleep(250);
    }
    throw new Error(`expected ${count} ${className}(s), found: ${JSON.stringify(bars.map((bar) => bar.text))}`);
  }

  /** Those rendered: the password note stays attached, closed, between focuses. */
  const shown = async (page: Page, className = 'bar'): Promise<ShadowElement[]> => (await shadowElements(page, className)).filter((element) => element.box !== null);

  const clickButton = async (page: Page, bar: ShadowElement, text: string): Promise<void> => {
    const box = bar.buttons.find((button) => button.text === text)?.box;
    if (!box) throw new Error(`no button ${text}`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };

  const setWarningBar = (setting: 'danger' | 'danger-and-warning' | 'off'): Promise<void> =>
    browser.withExtensionApi(async (api, index) => {
      await api.storage.sync.set({ warningBar: ['danger', 'danger-and-warning', 'off'][index] });
    }, ['danger', 'danger-and-warning', 'off'].indexOf(setting));

  it('on the open Orthanc patient list: one sentence about what was found, announced as an alert, out of the page’s reach', async () => {
    const { page } = await openPage(`${orthanc.url}/app/explorer.html#find-patients`);
    const [bar] = await untilBars(page, 1, (candidate) => candidate.text.startsWith(barWords('no_login')));
    expect(bar!.text).toBe(`${barWords('no_login')}${say('warning_bar_explain')}${say('warning_bar_hide_on_site')}${say('warning_bar_close')}`);
    expect(bar!.closedRootOnHtml).toBe(true);
    expect(bar!.onTop).toBe(true);
    expect(bar!.box).toMatchObject({ x: 0, y: 0, width: 1280 });
    expect(await alertsInAccessibilityTree(page)).toEqual([barSentence('no_login')]);
    // The page sees an element, but neither its inside nor its words.
    const seenByPage = await page.evaluate((sentence) => {
      const added = [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body);
      return { added: added.length, shadowRoot: added[0]?.shadowRoot ?? null, readable: document.documentElement.innerText.includes(sentence) || (document.documentElement.textContent ?? '').includes(sentence) };
    }, say('warning_bar_no_login_body'));
    expect(seenByPage).toEqual({ added: 1, shadowRoot: null, readable: false });
    await page.screenshot({ path: join(screenshots, 'warning-bar-orthanc.png') });
    await page.close();
  });

  it('in the Orthanc viewer (a series shown as images) and at 200% zoom, the bar stays readable and its buttons within the window', async () => {
    const { page } = await openPage(`${orthanc.url}/app/explorer.html#series?uuid=${firstSeriesId}`);
    await untilBars(page, 1, (candidate) => candidate.text.startsWith(barWords('no_login')));
    await page.click('#series-preview');
    await page.waitForSelector('#lbImage', { state: 'visible' });
    await sleep(500);
    await page.screenshot({ path: join(screenshots, 'warning-bar-viewer.png') });
    expect((await untilBars(page, 1))[0]!.onTop).toBe(true);
    // 200% zoom of a 1280 × 720 window: the page gets 640 × 360 CSS pixels, and the text is twice as big.
    await page.setViewportSize({ width: 640, height: 360 });
    const [zoomed] = await untilBars(page, 1, (candidate) => candidate.box?.width === 640);
    for (const button of zoomed!.buttons) expect(button.box!.x + button.box!.width, button.text).toBeLessThanOrEqual(640);
    // It may wrap, but it never takes more than the top part of the window.
    expect(zoomed!.box!.height).toBeLessThanOrEqual(360 * 0.6 + 1);
    expect(zoomed!.onTop).toBe(true);
    await page.screenshot({ path: join(screenshots, 'warning-bar-viewer-zoom-200.png') });
    await page.close();
  });

  it('on a light DICOM listing and on a dark viewer page, it stands out the same', async () => {
    // The bar's colours are its own: the browser's colour scheme and the page's colours change nothing.
    for (const [name, url, scheme] of [
      ['listing', `${nginx.url}/`, 'light'],
      ['dark-viewer', `${http.url}/stone-webviewer/index.html`, 'dark'],
    ] as const) {
      const { page } = await openPage(url, { scheme });
      const [bar] = await untilBars(page, 1);
      expect(bar!.onTop).toBe(true);
      await page.screenshot({ path: join(screenshots, `warning-bar-${name}.png`) });
      // The top of the page, as the README shows it (docs/warning-bar.png is a copy).
      if (name === 'listing') await page.screenshot({ path: join(screenshots, 'warning-bar-listing-top.png'), clip: { x: 0, y: 0, width: 1280, height: 180 } });
      await page.close();
    }
  });

  it('is shown once per page load: the page changing again and again adds no second bar and keeps the same one', async () => {
    const { page } = await openPage(`${http.url}/listing`);
    await untilBars(page, 1);
    await page.evaluate(() => {
      (window as unknown as { firstBar: Element }).firstBar = document.documentElement.firstElementChild!;
      let step = 0;
      const timer = setInterval(() => {
        const row = document.createElement('p');
        row.textContent = `row ${step}`;
        document.body.append(row);
        if (++step === 20) clearInterval(timer);
      }, 100);
    });
    await sleep(3_500);
    expect(await shown(page)).toHaveLength(1);
    expect(await page.evaluate(() => document.documentElement.firstElementChild === (window as unknown as { firstBar: Element }).firstBar)).toBe(true);
    expect(await alertsInAccessibilityTree(page)).toHaveLength(1);
    await page.close();
  });

  it('is the first stop of the Tab key; Enter on "What this means" opens the explanation for this tab', async () => {
    const { page, tabId } = await openPage(`${http.url}/listing`);
    await untilBars(page, 1);
    await page.keyboard.press('Tab');
    expect(await focusedInAccessibilityTree(page)).toEqual({ role: 'button', name: say('warning_bar_explain') });
    await page.keyboard.press('Tab');
    expect(await focusedInAccessibilityTree(page)).toEqual({ role: 'button', name: say('warning_bar_hide_on_site') });
    await page.keyboard.press('Shift+Tab');
    const opened = browser.context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const explanation = await opened;
    await explanation.waitForSelector('#popup[data-verdict="danger"]');
    expect(explanation.url()).toBe(browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}`));
    expect(await explanation.textContent('[data-finding="directory-listing"] h3')).toBe(say('finding_directory_listing_headline'));
    await explanation.setViewportSize({ width: 1280, height: 900 });
    await explanation.screenshot({ path: join(screenshots, 'warning-bar-explanation.png'), fullPage: true });
    await explanation.close();
    await page.close();
  });

  it("ignores the page's own clicks and key presses: nothing opens, nothing is hidden", async () => {
    const { page } = await openPage(`${http.url}/listing`);
    const [bar] = await untilBars(page, 1);
    const pagesBefore = browser.context.pages().length;
    await page.evaluate((points) => {
      const host = document.documentElement.firstElementChild as HTMLElement;
      host.click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      for (const { x, y } of points) (document.elementFromPoint(x, y) as HTMLElement | null)?.click();
    }, bar!.buttons.map((button) => ({ x: button.box!.x + button.box!.width / 2, y: button.box!.y + button.box!.height / 2 })));
    await sleep(1_000);
    expect(browser.context.pages().length).toBe(pagesBefore);
    expect(await shown(page)).toHaveLength(1);
    // Nothing stored but the copy of the organisation's policy (shared/managed-policy.ts).
    const stored = await browser.withExtensionApi(async (api) => api.storage.local.get(null), 0);
    expect(Object.keys(stored).filter((key) => key !== POLICY_COPY_KEY)).toEqual([]);
    await page.close();
  });

  it('Close removes it for this page load; a reload brings it back', async () => {
    const { page } = await openPage(`${http.url}/listing`);
    const [bar] = await untilBars(page, 1);
    await clickButton(page, bar!, say('warning_bar_close'));
    await untilBars(page, 0);
    // The page changes and is checked again: the bar stays closed.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: 'changed' })));
    await sleep(2_500);
    expect(await shown(page)).toHaveLength(0);
    await page.reload();
    await untilBars(page, 1);
    await page.close();
  });

  it('"Hide on this site" keeps it away across reloads, on that site only; the settings page brings it back', async () => {
    const { page, tabId } = await openPage(`${http.url}/listing`);
    const [bar] = await untilBars(page, 1);
    await clickButton(page, bar!, say('warning_bar_hide_on_site'));
    await untilBars(page, 0);
    // What storage.local holds besides the copy of the organisation's policy (shared/managed-policy.ts).
    const hidden = async (): Promise<unknown> =>
      Object.fromEntries(Object.entries(await browser.withExtensionApi(async (api) => api.storage.local.get(null), 0)).filter(([key]) => key !== POLICY_COPY_KEY));
    // The bar goes at once; the background stores the site a moment later.
    const deadline = Date.now() + 5_000;
    while (JSON.stringify(await hidden()) === '{}' && Date.now() < deadline) await sleep(100);
    expect(await hidden()).toEqual({ [HIDDEN_SITES_KEY]: [http.url] });
    await page.reload();
    await settled(browser, tabId, (report) => report.verdict === 'danger');
    expect(await shown(page)).toHaveLength(0);
    // Another site still gets it.
    const other = await openPage(`${nginx.url}/`);
    await untilBars(other.page, 1);
    await other.page.close();

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('src/options/options.html'));
    await options.waitForSelector('#hidden-sites:not([hidden])');
    expect(await options.textContent('#hidden-sites-count')).toBe(say('options_warning_bar_hidden_sites').replace('$COUNT$', '1'));
    const axe = await new AxeBuilder({ page: options }).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    await options.screenshot({ path: join(screenshots, 'warning-bar-options-hidden-sites.png') });
    await options.focus('#show-again');
    await options.keyboard.press('Enter');
    await options.waitForSelector('#hidden-sites[hidden]', { state: 'attached' });
    expect(await hidden()).toEqual({});
    await options.close();
    await page.bringToFront();
    await page.reload();
    await untilBars(page, 1);
    await page.close();
  });

  it('goes when a single-page app moves on to a page that is not medical', async () => {
    const { page, tabId } = await openPage(`${http.url}/study-list`);
    await untilBars(page, 1);
    await page.evaluate(() => {
      document.title = 'Welcome';
      document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Welcome to our clinic. Opening hours: 8 to 18.' }));
      history.pushState({}, '', '/home');
    });
    await waitForReport(browser, tabId, (report) => report.verdict === 'not-medical');
    await untilBars(page, 0);
    await page.close();
  });

  it('a page that removes it again and again wins after the guard limit, without an endless fight', async () => {
    const { page, tabId } = await openPage(`${http.url}/hostile/remove-forever`);
    await waitForReport(browser, tabId, (report) => report.verdict === 'danger');
    const removals = (): Promise<number> => page.evaluate(() => (window as unknown as { removals: number }).removals);
    const deadline = Date.now() + 10_000;
    while ((await removals()) < GUARD_LIMIT + 1 && Date.now() < deadline) await sleep(100);
    await sleep(1_500);
    // The first showing and GUARD_LIMIT repairs, then the extension stops; the badge still warns.
    expect(await removals()).toBe(GUARD_LIMIT + 1);
    expect(await shown(page)).toHaveLength(0);
    expect((await browser.readBadge(tabId)).text).toBe('!');
    await page.close();
  });

  it('the hostile pages: shown on top of everything, and what the page did to it undone', async () => {
    for (const name of ['hide-all', 'overlay', 'remove-three-times', 'restyle']) {
      const { page } = await openPage(`${http.url}/hostile/${name}`);
      const [bar] = await untilBars(page, 1, (candidate) => candidate.onTop);
      expect(bar!.text.startsWith(barWords('directory_listing')), name).toBe(true);
      if (name === 'remove-three-times') expect(await page.evaluate(() => (window as unknown as { removals: number }).removals)).toBe(3);
      if (name === 'restyle') expect(await page.evaluate(() => (window as unknown as { attacks: number }).attacks)).toBe(1);
      await page.screenshot({ path: join(screenshots, `warning-bar-hostile-${name}.png`) });
      await page.close();
    }
  });

  it('on an http: PACS login (a warning): no bar, but a note just above the password field while it has focus', async () => {
    const { page, tabId } = await openPage(`${http.url}/pacs-login`);
    await settled(browser, tabId, (report) => report.verdict === 'warning');
    expect(await shown(page)).toHaveLength(0);
    await page.focus('#mdp');
    const [note] = await untilBars(page, 1, (candidate) => candidate.text === say('password_note_body'), 'note');
    const field = (await page.locator('#mdp').boundingBox())!;
    expect(note!.box!.y + note!.box!.height).toBeLessThanOrEqual(field.y);
    expect(note!.box!.y + note!.box!.height).toBeGreaterThan(field.y - 20);
    // The note lets clicks through (it has nothing to click): the field above it can still be clicked.
    const login = (await page.locator('#login').boundingBox())!;
    await page.screenshot({ path: join(screenshots, 'warning-bar-password-note.png') });
    await page.mouse.click(login.x + 5, login.y + login.height / 2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login');
    await untilBars(page, 0, undefined, 'note');
    await page.close();
  });

  it('the settings: bars on warnings too, or none at all', async () => {
    try {
      await setWarningBar('danger-and-warning');
      const login = await openPage(`${http.url}/pacs-login`);
      await untilBars(login.page, 1, (bar) => bar.text.startsWith(barWords('password_over_http')));
      await login.page.close();

      await setWarningBar('off');
      const open = await openPage(`${orthanc.url}/app/explorer.html#find-patients`);
      await settled(browser, open.tabId, (report) => report.loginCheck !== null);
      expect(await shown(open.page)).toHaveLength(0);
      await open.page.close();
      const noNote = await openPage(`${http.url}/pacs-login`);
      await settled(browser, noNote.tabId, (report) => report.verdict === 'warning');
      await noNote.page.focus('#mdp');
      await sleep(500);
      expect(await shown(noNote.page, 'note')).toHaveLength(0);
      await noNote.page.close();
    } finally {
      await setWarningBar('danger');
    }
  });

  it('speaks the language the settings choose', async () => {
    try {
      await browser.withExtensionApi(async (api) => {
        await api.storage.sync.set({ language: 'de' });
      }, 0);
      const { page } = await openPage(`${http.url}/listing`);
      const [bar] = await untilBars(page, 1);
      expect(bar!.text).toContain(say('warning_bar_directory_listing_body', 'de'));
      expect(bar!.buttons.map((button) => button.text)).toEqual([say('warning_bar_explain', 'de'), say('warning_bar_hide_on_site', 'de'), say('warning_bar_close', 'de')]);
      await page.close();
    } finally {
      await browser.withExtensionApi(async (api) => {
        await api.storage.sync.remove('language');
      }, 0);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// axe-core on the bar's own markup: warning-view.ts, built on its own, rendered in an open shadow root.

describe("chromium: the bar's markup has no accessibility violations", () => {
  let browser: ChromiumExtensionBrowser;
  let viewScript: string;

  beforeAll(async () => {
    const output = await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: { write: false, minify: false, lib: { entry: join(root, 'src/content/warning-view.ts'), formats: ['iife'], name: 'warningView', fileName: () => 'warning-view.js' } },
    });
    const [result] = Array.isArray(output) ? output : [output];
    viewScript = (result as { output: Array<{ code?: string }> }).output[0]!.code!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function renderBar(language: Language, options: { width: number; scheme: 'light' | 'dark' }): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: options.width, height: 640 });
    const colours = options.scheme === 'dark' ? 'background: #0b0d10; color: #e8eaed' : 'background: #ffffff; color: #1f1f1f';
    await page.setContent(`<!doctype html><html lang="en"><head><title>Page</title></head><body style="margin: 0; ${colours}"><main><h1>A page</h1><p>Its own text.</p></main></body></html>`);
    await page.addScriptTag({ content: viewScript });
    await page.evaluate(
      ({ texts }) => {
        const view = (window as unknown as { warningView: typeof import('../../src/content/warning-view.js') }).warningView;
        const host = document.createElement('div');
        host.style.cssText = 'all: initial; display: block; position: fixed; top: 0; left: 0; right: 0; font-size: medium';
        document.documentElement.prepend(host);
        const shadow = host.attachShadow({ mode: 'open' });
        view.addStyles(shadow, view.WARNING_STYLES);
        view.renderWarningBar(shadow, texts, { explain: () => undefined, hideOnSite: () => undefined, close: () => undefined });
        const note = document.createElement('div');
        note.style.cssText = 'all: initial; display: block; position: fixed; top: 300px; left: 8px; font-size: medium';
        document.documentElement.append(note);
        const noteShadow = note.attachShadow({ mode: 'open' });
        view.addStyles(noteShadow, view.WARNING_STYLES);
        view.renderPasswordNote(noteShadow, texts.locale, texts.passwordNote).say();
      },
      {
        texts: {
          locale: language,
          label: say('warning_bar_label', language),
          sentence: say('warning_bar_no_login_body', language),
          explain: say('warning_bar_explain', language),
          hideOnSite: say('warning_bar_hide_on_site', language),
          close: say('warning_bar_close', language),
          passwordNote: say('password_note_body', language),
        },
      },
    );
    return page;
  }

  describe.each(LANGUAGES)('in %s', (language) => {
    it.each([
      { width: 1280, scheme: 'light' as const },
      { width: 1280, scheme: 'dark' as const },
      // 320 CSS pixels: a 1280-pixel window at 400% zoom (WCAG reflow); 200% zoom lies between.
      { width: 320, scheme: 'light' as const },
    ])('$width px, $scheme page: axe-core finds nothing, and nothing is cut off', async (options) => {
      const page = await renderBar(language, options);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
      // Nothing wider than the window: the bar wraps its words and its buttons.
      const overflow = await page.evaluate(() => {
        const bar = document.documentElement.firstElementChild!.shadowRoot!.querySelector('.bar')!;
        return { horizontal: bar.scrollWidth - bar.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(overflow).toEqual({ horizontal: 0, page: 0 });
      if (language === 'de') await page.screenshot({ path: join(screenshots, `warning-bar-markup-de-${options.width}-${options.scheme}.png`) });
      await page.close();
    });
  });
});
