// One interface over the two real browsers the tests drive, so that each scenario is written once:
// Debian's Chromium through playwright-core (chromium.ts) and Debian's Firefox ESR through
// puppeteer-core (firefox.ts), each with the real built extension loaded.

import type { Browser as ExtensionApi } from 'webextension-polyfill';
import type { Report } from '../../src/shared/report.js';

export type { ExtensionApi };

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** Credentials the browser answers HTTP auth challenges with (like a user who typed them). */
  httpCredentials?: { username: string; password: string };
  headless?: boolean;
  /** Load the extension from here instead of the build in dist/ (for example an unpacked store zip). */
  extensionDir?: string;
  /**
   * Host names (real tracker hosts a page names) that must resolve to 127.0.0.1, so a test page can load
   * "from" them without any traffic leaving the machine. With this set, every other name fails to resolve
   * in Chromium and resolves to 127.0.0.1 in Firefox: nothing can reach a real outside host.
   */
  loopbackHosts?: string[];
}

/** A page in its own tab, with the browser's tab id. */
export interface OpenedTab {
  tabId: number;
  goto(url: string): Promise<void>;
  /** What the tab shows now, as a PNG of the viewport. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PopupView {
  verdict: string | null;
  findings: string[];
  text: string;
  /** Waits until the popup shows this verdict (it follows updates of the report). */
  waitForVerdict(verdict: string): Promise<void>;
  /** Runs a self-contained function in the popup page and returns its (plain) result. */
  evaluate<T>(fn: () => T): Promise<T>;
  /** Presses a key as a person would: 'Tab', 'Enter', 'Space'. */
  press(key: string): Promise<void>;
  /** A PNG of the whole popup at 420 px wide, or with firstScreen only what the popup's size shows without scrolling. */
  screenshot(path: string, options?: { firstScreen?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** A browser shows a popup at most 600 px tall; ours is 420 px wide. */
export const POPUP_SIZE = { width: 420, height: 600 } as const;

export interface ExtensionBrowser {
  name: BrowserName;
  /** The address of a page the extension cannot run in (a browser page). */
  unscriptableUrl: string;
  open(url: string): Promise<OpenedTab>;
  readReport(tabId: number): Promise<Report | null>;
  readBadge(tabId: number): Promise<{ text: string; title: string }>;
  /** Runs a function with the extension's `browser` API (in an extension context) and returns its result. */
  withExtensionApi<T>(fn: (api: ExtensionApi, arg: number) => Promise<T>, arg: number): Promise<T>;
  /** Opens popup.html?tabId=N in its own tab, as a patient would see the popup for that tab (at `size`, if given). */
  openPopup(tabId: number, size?: { width: number; height: number }): Promise<PopupView>;
  /** Settles when the browser is gone (closed by the user or by close()). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export function findingIds(report: Report): string[] {
  return report.findings.map((finding) => finding.id);
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
    last = await browser.readReport(tabId);
    if (last && until(last)) return last;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${browser.name}: report for tab ${tabId} did not arrive in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/**
 * The report of a page that looks like nothing medical. Such a page says nothing by itself (the gate
 * script, src/content/gate.iife.ts, sends no message there: issue 15), so its report comes when the popup
 * asks, as it does when a patient opens it on that tab. Opens the real popup for the tab, then waits.
 */
export async function reportWhenPopupAsks(
  browser: ExtensionBrowser,
  tabId: number,
  until: (report: Report) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Report> {
  const popup = await browser.openPopup(tabId);
  try {
    return await waitForReport(browser, tabId, until, timeoutMs);
  } finally {
    await popup.close();
  }
}

export async function launchBrowser(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const module = name === 'chromium' ? await import('./chromium.js') : await import('./firefox.js');
  return module.launch(options);
}
