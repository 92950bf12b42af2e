/// <reference types="chrome" />
// Real Chromium (Debian's /usr/bin/chromium) with the real built extension (dist/chrome) loaded,
// driven by playwright-core. Used by the real-browser tests and by `npm start`.

import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Report } from '../../src/shared/report.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Credentials the browser answers HTTP auth challenges with (like a user who typed them). */
  httpCredentials?: { username: string; password: string };
  headless?: boolean;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension in ${EXTENSION_DIR}: run npm run build first`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'portal-checkup-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    // Playwright passes --disable-extensions by default; the extension must load.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
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
    ],
    ...(options.httpCredentials ? { httpCredentials: options.httpCredentials } : {}),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The current service worker (it may have been stopped and restarted since launch). */
async function currentWorker(browser: ExtensionBrowser): Promise<Worker> {
  const workers = browser.context.serviceWorkers().filter((worker) => worker.url().includes(browser.extensionId));
  return workers[workers.length - 1] ?? browser.worker;
}

/** The browser's tab id of a Playwright page, asked from the extension itself. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const worker = await currentWorker(browser);
  await page.bringToFront();
  const id = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? null;
  });
  if (id === null) throw new Error('no active tab');
  return id;
}

export async function readReport(browser: ExtensionBrowser, tabId: number): Promise<Report | null> {
  const worker = await currentWorker(browser);
  return worker.evaluate(async (id) => {
    const key = `report:${id}`;
    const stored = await chrome.storage.session.get(key);
    return (stored[key] as Report | undefined) ?? null;
  }, tabId);
}

export async function readBadge(browser: ExtensionBrowser, tabId: number): Promise<{ text: string; title: string; color: number[] }> {
  const worker = await currentWorker(browser);
  return worker.evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
    color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
  }), tabId);
}

/**
 * Waits until the tab's report satisfies `until` (default: any report). Viewers load data after the
 * page, and the extension re-checks on changes, so a first report may not be the last.
 */
export async function waitForReport(
  browser: ExtensionBrowser,
  tabId: number,
  until: (report: Report) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Report> {
  const deadline = Date.now() + timeoutMs;
  let last: Report | null = null;
  while (Date.now() < deadline) {
    last = await readReport(browser, tabId);
    if (last && until(last)) return last;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`report for tab ${tabId} did not arrive in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

export interface PopupView {
  page: Page;
  verdict: string | null;
  findings: string[];
  text: string;
}

/** Opens popup.html?tabId=N in its own tab, as a patient would see the popup for that tab. */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<PopupView> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/popup/popup.html?tabId=${tabId}`);
  await page.waitForSelector('#popup[data-verdict]:not([data-verdict=""])');
  const verdict = await page.getAttribute('#popup', 'data-verdict');
  const findings = await page.$$eval('[data-finding]', (nodes) => nodes.map((node) => node.getAttribute('data-finding') ?? ''));
  const text = await page.innerText('#popup');
  return { page, verdict, findings, text };
}

export function findingIds(report: Report): string[] {
  return report.findings.map((finding) => finding.id);
}
