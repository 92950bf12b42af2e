// Whether the background hears the browser's tab events (a tab loads, a tab closes) at all.
//
// Why: Chromium starts an extension's stopped service worker for every event it has a listener for, and
// stops it again after 30 s without events. Listening to tabs.onUpdated meant that a page load in any tab,
// after such a pause, started our worker and often a process for it: on the pages that are not medical
// (almost all), which only the gate script sees and which have nothing to forget or ask again. That
// start cost the extension's processes more CPU per page load than everything the gate does in the page
// (bench/worker-wake.ts, issue 15). The tab events are needed only where a full content script has
// reported (tabs-with-full-check.ts: its report must be forgotten when the tab loads another page, and
// asked for again when it has loaded), or while the organisation lists portals (every loaded page is told
// the list: background.ts, askForReportsAgain). So the listeners are there only while one of those is so.
//
// Chromium keeps a stopped worker's listeners and wakes it for them, and drops them when they are removed,
// whenever that happens. The worker adds them when it starts, at once (the event that woke it is delivered
// only to listeners added then), and takes them away once it has found that no tab needs them. Firefox
// runs the background as an event page, which it wakes only for the listeners added while the page
// starts: one added later could not wake it, so there they are never taken away.

import browser, { type Tabs } from 'webextension-polyfill';

export interface TabEventListeners {
  updated(tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType): void;
  removed(tabId: number): void;
}

// A service worker has no window; Firefox's event page has one.
const CAN_STOP_LISTENING = typeof window === 'undefined';

let listeners: TabEventListeners | null = null;
let listening = false;

/** Adds the listeners now: called once, at the top level of the worker's start. */
export function listenToTabEvents(given: TabEventListeners): void {
  listeners = given;
  setListening(true);
}

/** Listens when `needed`; not listening is possible only in a service worker (see above). */
export function setListening(needed: boolean): void {
  const listen = needed || !CAN_STOP_LISTENING;
  if (!listeners || listen === listening) return;
  listening = listen;
  if (listen) {
    browser.tabs.onUpdated.addListener(listeners.updated);
    browser.tabs.onRemoved.addListener(listeners.removed);
  } else {
    browser.tabs.onUpdated.removeListener(listeners.updated);
    browser.tabs.onRemoved.removeListener(listeners.removed);
  }
}

