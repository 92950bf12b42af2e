// Runs in every http(s) page (top frame). Reads the page, re-checks login when a medical portal shows
// patient data, and hands the snapshot to the background, which decides and keeps the report.
// It never changes the page.

import browser from 'webextension-polyfill';
import { analysePage, warrantsRecheck } from '../analysis/analyse-page';
import { isCheckAgainMessage, type PageSnapshotMessage } from '../shared/messages';
import { readPage } from '../snapshot/read-page';
import { NoLoginRecheck, recentDataRequests } from './recheck-without-credentials';
import { watchPage } from './page-watcher';

// Documents the reader can see into. Chromium runs content scripts in the page that wraps a PDF,
// an image or a video, but their content is not in the DOM: those tabs stay without a report, and
// the popup says the page cannot be checked.
const READABLE_DOCUMENT = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/([\w.-]+\+)?json|text\/json)$/i;

const recheck = new NoLoginRecheck();
let lastSentKey = '';

async function checkPass(): Promise<void> {
  const started = performance.now();
  const pageUrl = location.href;
  const snapshot = readPage(document, pageUrl);
  const { facts } = analysePage(snapshot);
  const readMs = performance.now() - started;
  if (warrantsRecheck(facts)) snapshot.recheck = await recheck.run(pageUrl, recentDataRequests(pageUrl));

  // Only tell the background when something it would report has changed.
  const { verdict, findings } = analysePage(snapshot);
  const key = JSON.stringify([pageUrl, verdict, findings, facts.product, snapshot.recheck?.kind ?? null]);
  if (key === lastSentKey) return;
  lastSentKey = key;
  const message: PageSnapshotMessage = { type: 'page-snapshot', snapshot, readMs };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // The extension was reloaded or the worker is starting; the next pass sends again.
    lastSentKey = '';
  }
}

if (READABLE_DOCUMENT.test(document.contentType)) startChecking();

function startChecking(): void {
  const requestPass = watchPage(checkPass);

  // The popup found no valid report for this tab (cleared, or corrupted in storage): send one again.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isCheckAgainMessage(message)) return;
    lastSentKey = '';
    requestPass();
  });
}
