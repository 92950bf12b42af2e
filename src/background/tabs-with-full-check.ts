// Which tabs have had a full content script in them (one that sent a report), until the tab closes.
//
// Why: when a tab finishes loading, the background asks its frames to report again (background.ts),
// for the full scripts whose report it may have forgotten on a late "loading" event or that came back
// from the back-forward cache. A page that looks like nothing medical runs only the gate script, which
// has nothing to say; yet the message alone cost it about 1.4 ms of script on every page load
// (bench/variants.ts, issue 15). So the message goes only to tabs where a full script has reported
// before: the page itself, or one the tab may go back to.
//
// Kept in storage.session (the worker stops at any moment) and in memory, so that a report followed at
// once by the tab's "complete" event is seen before the stored note is written.

import browser from 'webextension-polyfill';

const KEY_PREFIX = 'full-check-in-tab:';
const key = (tabId: number): string => `${KEY_PREFIX}${tabId}`;
const seenByThisWorker = new Set<number>();

/** Notes that a full content script in this tab sent a report (any frame, any document state). */
export function noteFullCheckInTab(tabId: number): void {
  if (seenByThisWorker.has(tabId)) return;
  seenByThisWorker.add(tabId);
  void browser.storage.session.set({ [key(tabId)]: true }).catch(() => undefined);
}

export async function hadFullCheckInTab(tabId: number): Promise<boolean> {
  if (seenByThisWorker.has(tabId)) return true;
  const stored = await browser.storage.session.get(key(tabId)).catch(() => ({}) as Record<string, unknown>);
  return stored[key(tabId)] === true;
}

/**
 * Whether any open tab has had a full content script (the background then needs the tab events:
 * tab-events.ts). Counts the reports that came in while the stored notes were read; a failed read counts as yes.
 */
export async function anyTabWithFullCheck(): Promise<boolean> {
  const keys = await browser.storage.session.getKeys().catch(() => [KEY_PREFIX]);
  return seenByThisWorker.size > 0 || keys.some((stored) => stored.startsWith(KEY_PREFIX));
}

export function forgetFullCheckInTab(tabId: number): Promise<void> {
  seenByThisWorker.delete(tabId);
  return browser.storage.session.remove(key(tabId)).catch(() => undefined);
}
