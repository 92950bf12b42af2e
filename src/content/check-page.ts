// The content script's work, started by the gate script (gate.iife.ts) on pages that may be medical
// portals, or when the extension asks. Each pass makes the quick look again (a single-page app changes
// what it shows); where the page may be a portal, the full check is loaded (full-check.ts). The
// background gets a snapshot, decides and keeps the report. It changes nothing in the page; on dangerous
// pages it adds its own warning bar on top (page-warning.ts).
// With automatic checking off (a setting, or the organisation's policy), it waits until the popup
// asks: opening the popup on a tab without a report sends "check-again".

import { browser } from '../shared/extension-api';
import { headMayBeMedical, textMayBeMedical } from '../analysis/medical-gate';
import { isCheckAgainMessage, isReportAgainMessage, type PageSnapshotMessage } from '../shared/messages';
import { matchesAnyPortal } from '../shared/portal-address';
import { readPageSettings } from '../shared/page-settings';
import { pageHead, startOfText } from '../snapshot/quick-look';
import { giveThePageItsTurn } from '../snapshot/slices';
import { emptySnapshot, type PageSnapshot } from '../snapshot/snapshot';
import type { GateHandoff } from './gate-handoff';
import { followPageWarning } from './page-warning';
import { watchPage, WATCH_TIMING, type PageWatch } from './page-watcher';
import { isShieldedHostChange } from './shielded-host';

let lastSent = '';
// This document's own id, and the number of its snapshots: the background keeps the newest per document
// (background/tab-reports.ts). getRandomValues, not randomUUID: http: pages are no secure context.
const documentId = Array.from(crypto.getRandomValues(new Uint32Array(4)), (part) => part.toString(36)).join('');
let sequence = 0;
const inFrame = window !== window.top;
/** This document (a frame) has sent a medical report: from then on it reports every change. */
let reportedMedical = false;
/** Address patterns the organisation lists as medical portals (read once per page load). */
let listedPortals: readonly string[] = [];
/** The watcher that runs the passes (null until watching starts). */
let watch: PageWatch | null = null;
const requestPass = (): void => watch?.again();
// A snapshot the background did not take (its worker was starting, the extension was reloaded) is sent
// again a few times, later each time; after that, the next change of the page sends it.
const SEND_RETRIES = 3;
let failedSends = 0;

async function checkPass(): Promise<void> {
  const started = performance.now();
  const pageUrl = location.href;
  const head = pageHead(document, pageUrl);
  const listed = matchesAnyPortal(pageUrl, listedPortals);
  // The start of the text is read only when the list, the title and the address say nothing.
  const text = listed || headMayBeMedical(head) ? null : startOfText(document);
  let snapshot: PageSnapshot;
  let readMs: number;
  let summary: string;
  let medical = false;
  if (!text || textMayBeMedical(text.text)) {
    ({ snapshot, readMs, summary, medical } = await (await import('./full-check')).fullCheck(pageUrl, listed));
  } else {
    // Not a medical portal: the background still records that, so the popup can say so.
    snapshot = { ...emptySnapshot(pageUrl), title: head.title, contentType: head.contentType, nodesVisited: text.textNodes };
    readMs = performance.now() - started;
    summary = 'not-medical';
  }
  // Only tell the background when something it would report has changed.
  const key = `${pageUrl} ${summary}`;
  if (key === lastSent) return;
  // A frame that is not medical changes nothing in the tab's report (ads, maps, videos are frames too):
  // it says nothing, unless it said it was medical before and must now take that back.
  if (inFrame && !medical && !reportedMedical) return;
  reportedMedical ||= medical;
  lastSent = key;
  // Sending copies the snapshot: in a task of its own after a full check.
  if (medical) await giveThePageItsTurn();
  const message: PageSnapshotMessage = { type: 'page-snapshot', documentId, sequence: ++sequence, snapshot, readMs };
  try {
    // The answer says whether to show the warning bar.
    const answer: unknown = await browser.runtime.sendMessage(message);
    failedSends = 0;
    followPageWarning(answer);
  } catch {
    lastSent = '';
    if (failedSends < SEND_RETRIES) {
      failedSends++;
      setTimeout(requestPass, 1_000 * failedSends);
    }
  }
}

export async function startChecking(handoff: GateHandoff): Promise<void> {
  const settings = await readPageSettings();
  listedPortals = settings.medicalPortals;
  // From here on this script hears the messages itself; what the gate heard before is in the handoff.
  handoff.fullScriptListens = true;
  browser.runtime.onMessage.addListener((message: unknown) => {
    // The background forgot this page's report (a "loading" event after it) or lost it: a fresh pass, sent
    // even if nothing changed. Only where checking runs: it never starts a check nobody asked for.
    if (isReportAgainMessage(message)) {
      if (!watch) return;
      lastSent = '';
      requestPass();
      return;
    }
    // The tab's verdict changed because of a frame inside this page: the bar follows (top page only).
    if ((message as { type?: unknown } | null)?.type === 'page-warning') {
      if (window === window.top) followPageWarning(message);
      return;
    }
    // The popup found no valid report for this tab (not checked yet, cleared, or corrupted in storage):
    // check, and with automatic checking off, start watching this page now that the user asked.
    if (!isCheckAgainMessage(message)) return;
    lastSent = '';
    if (watch) requestPass();
    else watch = watchPage(checkPass, WATCH_TIMING, isShieldedHostChange);
  });
  if (handoff.warning && window === window.top) followPageWarning(handoff.warning);
  if (settings.automaticChecking || handoff.asked) watch = watchPage(checkPass, WATCH_TIMING, isShieldedHostChange);
}

