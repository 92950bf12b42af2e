// Runs in every http(s) page (top frame) and stays small: a quick look decides whether the page could
// be a medical portal; only then is the full check loaded (full-check.ts). Either way the background
// gets a snapshot, decides and keeps the report. It changes nothing in the page; on dangerous pages it adds
// its own warning bar on top (page-warning.ts).

import browser from 'webextension-polyfill';
import { mayBeMedicalPortal } from '../analysis/medical-gate';
import { isCheckAgainMessage, type PageSnapshotMessage } from '../shared/messages';
import { quickLook } from '../snapshot/quick-look';
import { emptySnapshot, type PageSnapshot } from '../snapshot/snapshot';
import { followPageWarning } from './page-warning';
import { watchPage } from './page-watcher';

// Documents the reader can see into. Chromium runs content scripts in the page that wraps a PDF,
// an image or a video, but their content is not in the DOM: those tabs stay without a report, and
// the popup says the page cannot be checked.
const READABLE_DOCUMENT = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/([\w.-]+\+)?json|text\/json)$/i;

let lastSent = '';

async function checkPass(): Promise<void> {
  const started = performance.now();
  const pageUrl = location.href;
  const look = quickLook(document, pageUrl);
  let snapshot: PageSnapshot;
  let readMs: number;
  let summary: string;
  if (mayBeMedicalPortal(look)) {
    ({ snapshot, readMs, summary } = await (await import('./full-check')).fullCheck(pageUrl));
  } else {
    // Not a medical portal: the background still records that, so the popup can say so.
    snapshot = { ...emptySnapshot(pageUrl), title: look.title, contentType: look.contentType, nodesVisited: look.textNodes };
    readMs = performance.now() - started;
    summary = 'not-medical';
  }
  // Only tell the background when something it would report has changed.
  const key = `${pageUrl} ${summary}`;
  if (key === lastSent) return;
  lastSent = key;
  const message: PageSnapshotMessage = { type: 'page-snapshot', snapshot, readMs };
  try {
    // The answer says whether to show the warning bar.
    followPageWarning(await browser.runtime.sendMessage(message));
  } catch {
    // The extension was reloaded or the worker is starting; the next pass sends again.
    lastSent = '';
  }
}

function startChecking(): void {
  const requestPass = watchPage(checkPass);
  // The popup found no valid report for this tab (cleared, or corrupted in storage): send one again.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isCheckAgainMessage(message)) return;
    lastSent = '';
    requestPass();
  });
}

if (READABLE_DOCUMENT.test(document.contentType)) startChecking();
