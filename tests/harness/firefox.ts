// Debian's Firefox ESR (/usr/bin/firefox-esr) with dist/firefox installed, driven by puppeteer-core
// over WebDriver BiDi. Firefox has no extension service worker to talk to, so extension APIs are
// reached through an extension page kept open in its own tab (the "control" tab). The extension's
// internal UUID is fixed by a preference, so its pages have a known address.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type KeyInput, type Page } from 'puppeteer-core';
import type { Report } from '../../src/shared/report.js';
import type { ExtensionApi, ExtensionBrowser, LaunchOptions, OpenedTab, PopupView } from './browser.js';
import { popupView } from './popup-view.js';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/firefox');
const EXTENSION_UUID = '2f0c6a51-4b7e-4e38-9a0d-6c1b8e5f7a32';

function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(resolve(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

// Firefox never settles page.goto() for moz-extension:// and about: pages: start it, then wait for the DOM.
async function navigate(page: Page, url: string): Promise<void> {
  if (/^https?:/.test(url)) {
    await page.goto(url);
    return;
  }
  page.goto(url).catch(() => undefined);
  // Poll from outside: an evaluation that meets the old document being replaced fails, so each try
  // may fail and is simply repeated. Privileged about: pages cannot be evaluated in at all.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ready = url.startsWith('moz-extension:')
      ? await page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url).catch(() => false)
      : page.url() === url;
    if (ready) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`firefox did not open ${url}`);
}

// network.dns.localDomains resolves the listed hosts to loopback; network.dns.forceResolve sends every
// other name there too, and DNS over HTTPS and prefetching are off: no lookup or request leaves the machine.
function loopbackPrefs(hosts: readonly string[] | undefined): Record<string, unknown> {
  if (!hosts || hosts.length === 0) return {};
  return {
    'network.dns.localDomains': hosts.join(','),
    'network.dns.forceResolve': '127.0.0.1',
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
  };
}

/** What only Firefox's launch takes. */
export interface FirefoxLaunchOptions {
  /**
   * How the extension gets into the browser: the harness installs it as a temporary add-on (default), or
   * the test has arranged for Firefox to install it by itself (an organisation's policies.json), and the
   * harness only waits for it to appear. `extensionDir` still names the build, for the add-on's id.
   */
  installedBy?: 'temporary-add-on' | 'browser';
  /** More preferences for the fresh profile. */
  prefs?: Record<string, unknown>;
  /** Called as soon as Firefox runs (it has read its policies by then), before the extension is looked for. */
  afterStart?: () => Promise<void>;
  /** With installedBy 'browser': how long to wait for the extension (default 30 s). */
  installTimeoutMs?: number;
}

// An extension Firefox installs by itself arrives some seconds after start: until then its address is
// an error page. Try the page again until the extension's own API is there.
async function waitForExtensionPage(page: Page, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    page.goto(url).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 500));
    const ready = await page
      .evaluate((expected) => location.href === expected && document.readyState === 'complete' && typeof (globalThis as { browser?: unknown }).browser === 'object', url)
      .catch(() => false);
    if (ready) return;
  }
  throw new Error(`firefox did not install the extension within ${timeoutMs} ms (${url} never opened)`);
}

export async function launch(options: LaunchOptions & FirefoxLaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox not found at ${FIREFOX_PATH}: apt-get install firefox-esr`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(extensionDir)]: EXTENSION_UUID }),
      // Accept the tests' self-signed certificate for 127.0.0.1 without an error page.
      'network.stricttransportsecurity.preloadlist': false,
      ...loopbackPrefs(options.loopbackHosts),
      ...options.prefs,
    },
    acceptInsecureCerts: true,
  });
  await options.afterStart?.();
  const installedBy = options.installedBy ?? 'temporary-add-on';
  if (installedBy === 'temporary-add-on') await browser.installExtension(extensionDir);
  const base = `moz-extension://${EXTENSION_UUID}`;

  const control = await browser.newPage();
  const controlUrl = `${base}/src/popup/popup.html?tabId=0`;
  try {
    await (installedBy === 'temporary-add-on' ? navigate(control, controlUrl) : waitForExtensionPage(control, controlUrl, options.installTimeoutMs));
  } catch (error) {
    await browser.close();
    throw error;
  }
  const inExtension = <T>(fn: (api: never, arg: number) => Promise<T>, arg: number): Promise<T> =>
    control.evaluate(`(${fn.toString()})(browser, ${JSON.stringify(arg)})`) as Promise<T>;

  const tabIdOf = async (page: Page): Promise<number> => {
    await page.bringToFront();
    const id = await control.evaluate(async () => {
      const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
      return (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? null;
    });
    if (id === null) throw new Error('no active tab');
    return id;
  };

  return {
    name: 'firefox',
    unscriptableUrl: 'about:blank',
    async open(url): Promise<OpenedTab> {
      const page = await browser.newPage();
      if (options.httpCredentials) await page.authenticate(options.httpCredentials);
      await navigate(page, url);
      return {
        tabId: await tabIdOf(page),
        goto: (next) => navigate(page, next),
        screenshot: async () => Buffer.from(await page.screenshot()),
        close: () => page.close(),
      };
    },
    readReport: (tabId) =>
      inExtension(async (api: ExtensionApi, id) => {
        const key = `report:${id}`;
        return ((await api.storage.session.get(key))[key] as Report | undefined) ?? null;
      }, tabId),
    readBadge: (tabId) =>
      inExtension(
        async (api: ExtensionApi, id) => ({
          text: await api.action.getBadgeText({ tabId: id }),
          title: await api.action.getTitle({ tabId: id }),
        }),
        tabId,
      ),
    withExtensionApi: inExtension as ExtensionBrowser['withExtensionApi'],
    async openPopup(tabId, size): Promise<PopupView> {
      const page = await browser.newPage();
      if (size) await page.setViewport(size);
      await navigate(page, `${base}/src/popup/popup.html?tabId=${tabId}`);
      return popupView({
        waitFor: async (selector) => void (await page.waitForSelector(selector, { timeout: 10_000 })),
        evaluate: (fn) => page.evaluate(fn),
        press: (key) => page.keyboard.press(key as KeyInput),
        screenshot: async (path, options) => {
          if (options?.firstScreen) return void (await page.screenshot({ path: path as `${string}.png` }));
          await page.setViewport({ width: 420, height: 800 });
          await page.screenshot({ path: path as `${string}.png`, fullPage: true });
        },
        close: () => page.close(),
      });
    },
    closed: new Promise((done) => browser.on('disconnected', () => done())),
    close: () => browser.close(),
  };
}
