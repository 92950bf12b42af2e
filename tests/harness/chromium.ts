/// <reference types="chrome" />
// Debian's Chromium (/usr/bin/chromium) with dist/chrome loaded, driven by playwright-core.
// Extension APIs are reached through the extension's service worker.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Report } from '../../src/shared/report.js';
import type { ExtensionBrowser, LaunchOptions, OpenedTab, PopupView } from './browser.js';
import { popupView } from './popup-view.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // This machine has no outside network: keep Chromium from trying.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Accept the tests' self-signed certificate for 127.0.0.1.
  '--ignore-certificate-errors',
];

/** Chromium's id of an unpacked extension: the SHA-256 of its directory, first 32 hex digits written a–p. */
export function unpackedExtensionId(directory: string): string {
  return [...createHash('sha256').update(directory).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** Chromium gives the tests more than the shared interface: its context, and extension page addresses. */
export interface ChromiumExtensionBrowser extends ExtensionBrowser {
  context: BrowserContext;
  extensionUrl(path: string): string;
}

// The first matching rule wins: the listed hosts go to 127.0.0.1, loopback stays itself, the rest fails.
// With background networking on (policyInstall), every name but loopback fails, so Chromium's own
// services cannot reach out either.
function hostResolverArgs(hosts: readonly string[] | undefined, loopbackOnly = false): string[] {
  if (!loopbackOnly && (!hosts || hosts.length === 0)) return [];
  const rules = [...(hosts ?? []).map((host) => `MAP ${host} 127.0.0.1`), 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1', 'MAP * ~NOTFOUND'];
  return [`--host-resolver-rules=${rules.join(', ')}`];
}

export interface ChromiumLaunchOptions extends LaunchOptions {
  /**
   * No --load-extension: the extension is installed by an organisation policy (ExtensionInstallForcelist)
   * from an update server on 127.0.0.1. The extension updater needs background networking, which the
   * other tests switch off (component updates may stay off). The profile lives in `userDataDir`, which
   * close() keeps, so that a second launch finds the installed extension. `updateCheckSeconds` shortens the updater's period (5 hours).
   */
  policyInstall?: { userDataDir: string; extensionId: string; timeoutMs?: number; updateCheckSeconds?: number };
  /** A profile kept across launches (close() keeps it): the browser starts again with what the extension stored. */
  userDataDir?: string;
}

export async function launch(options: ChromiumLaunchOptions = {}): Promise<ChromiumExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  const { policyInstall } = options;
  if (!policyInstall && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium`);
  const keptProfile = policyInstall?.userDataDir ?? options.userDataDir;
  const userDataDir = keptProfile ?? (await mkdtemp(join(tmpdir(), 'portal-checkup-chromium-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    // Playwright passes --disable-extensions by default; the extension must load.
    ignoreDefaultArgs: policyInstall ? ['--disable-extensions', '--disable-background-networking'] : ['--disable-extensions'],
    args: [
      ...(policyInstall ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
      // The extension updater does not fetch with background networking off.
      ...CHROMIUM_ARGS.filter((arg) => !(policyInstall && arg === '--disable-background-networking')),
      ...hostResolverArgs(options.loopbackHosts, policyInstall !== undefined),
      ...(policyInstall?.updateCheckSeconds ? [`--extensions-update-frequency=${policyInstall.updateCheckSeconds}`] : []),
    ],
    ...(options.httpCredentials ? { httpCredentials: options.httpCredentials } : {}),
  });
  const ours = (worker: Worker): boolean => !policyInstall || new URL(worker.url()).host === policyInstall.extensionId;
  const firstWorker =
    context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: policyInstall?.timeoutMs ?? 15_000 }));
  const extensionId = new URL(firstWorker.url()).host;

  // The worker may have been stopped and started again since launch: always use the newest.
  const worker = (): Worker => {
    const workers = context.serviceWorkers().filter((candidate) => candidate.url().includes(extensionId));
    return workers[workers.length - 1] ?? firstWorker;
  };
  const inExtension = <T>(fn: (api: never, arg: number) => Promise<T>, arg: number): Promise<T> =>
    // A string expression: Playwright evaluates it over the DevTools protocol, outside the extension's CSP.
    worker().evaluate(`(${fn.toString()})(chrome, ${JSON.stringify(arg)})`) as Promise<T>;

  const tabIdOf = async (page: Page): Promise<number> => {
    await page.bringToFront();
    const id = await worker().evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null);
    if (id === null) throw new Error('no active tab');
    return id;
  };

  return {
    name: 'chromium',
    context,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    unscriptableUrl: 'chrome://version',
    async open(url): Promise<OpenedTab> {
      const page = await context.newPage();
      await page.goto(url);
      return {
        tabId: await tabIdOf(page),
        goto: async (next) => void (await page.goto(next)),
        screenshot: () => page.screenshot(),
        close: () => page.close(),
      };
    },
    readReport: (tabId) =>
      worker().evaluate(async (id) => {
        const key = `report:${id}`;
        return ((await chrome.storage.session.get(key))[key] as Report | undefined) ?? null;
      }, tabId),
    readBadge: (tabId) =>
      worker().evaluate(async (id) => ({ text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }), tabId),
    withExtensionApi: inExtension as ExtensionBrowser['withExtensionApi'],
    async openPopup(tabId, size): Promise<PopupView> {
      const page = await context.newPage();
      if (size) await page.setViewportSize(size);
      await page.goto(`chrome-extension://${extensionId}/src/popup/popup.html?tabId=${tabId}`);
      return popupView({
        waitFor: async (selector) => void (await page.waitForSelector(selector, { timeout: 10_000 })),
        evaluate: (fn) => page.evaluate(fn),
        press: (key) => page.keyboard.press(key),
        screenshot: async (path, options) => {
          if (options?.firstScreen) return void (await page.screenshot({ path }));
          await page.setViewportSize({ width: 420, height: 800 });
          await page.screenshot({ path, fullPage: true });
        },
        close: () => page.close(),
      });
    },
    closed: new Promise((done) => context.on('close', () => done())),
    async close() {
      await context.close();
      if (!keptProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
