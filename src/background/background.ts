// The background keeps one report per tab in storage.session (MV3 workers stop at any moment, so
// nothing that matters lives only in memory) and sets the toolbar badge. It is the only writer of reports.
// Every frame of a tab reports on its own; the tab's report and badge are the worst of them
// (tab-reports.ts, fold-frames.ts). The warning bar is shown by the top page only.

import browser, { type Runtime, type Tabs } from 'webextension-polyfill';
import { POLICY_COPY_KEY } from '../shared/managed-policy';
import { isPageSnapshotMessage, type CheckAgainMessage, type PageWarningMessage, type ReportAgainMessage } from '../shared/messages';
import { NO_PAGE_WARNING } from '../shared/page-warning';
import { isKnownPortal, portalOriginPattern } from '../shared/portal-address';
import { parseReport } from '../shared/report';
import { readSettings, type EffectiveSettings } from '../shared/settings';

import { forgetBadgeLanguage, showVerdictBadge } from './badge';
import { buildReport } from './build-report';
import { listenForWarningBarActions, pageWarningFor } from './page-warning';
import { forgetTabReports, recordFrameReport } from './tab-reports';
import { listenToTabEvents, setListening } from './tab-events';
import { anyTabWithFullCheck, forgetFullCheckInTab, hadFullCheckInTab, noteFullCheckInTab } from './tabs-with-full-check';

const TOP_FRAME = 0;

// Chromium says which state the sending document is in: a page being prerendered, kept in the
// back-forward cache or being unloaded is not what the tab shows.
function fromShownDocument(sender: Runtime.MessageSender): boolean {
  const lifecycle = (sender as { documentLifecycle?: string }).documentLifecycle;
  return lifecycle === undefined || lifecycle === 'active';
}

async function warningFor(report: Parameters<typeof pageWarningFor>[0], settings: EffectiveSettings): Promise<PageWarningMessage> {
  return pageWarningFor(report, settings.warningBar, isKnownPortal(report.pageOrigin, settings.knownPortals));
}

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  // Reports come from our own content scripts in a tab's frames, about the address the browser has for
  // that frame (sender.url), never the one a page claims.
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  const frameUrl = sender.url ?? (frameId === TOP_FRAME ? sender.tab?.url : undefined);
  if (!isPageSnapshotMessage(message) || tabId === undefined || frameId === undefined) return;
  // Noted before the document's state is looked at: a prerendered page's report is dropped here, and it
  // must be asked again once it is shown (askForReportsAgain).
  noteFullCheckInTab(tabId);
  setListening(true);
  if (!frameUrl || !fromShownDocument(sender)) return;
  if (!/^https?:/.test(frameUrl)) return;
  const frameReport = buildReport(message.snapshot, frameUrl, message.readMs, Date.now());
  const settings = await readSettings();
  const tabReport = await recordFrameReport(
    { tabId, frameId, documentId: message.documentId, sequence: message.sequence, report: frameReport },
    // The badge first, then the report: whoever sees the report (the popup, a test) also finds its badge.
    (report) => showVerdictBadge(tabId, report.verdict, isKnownPortal(report.pageOrigin, settings.knownPortals)),
  );
  if (frameId === TOP_FRAME) return tabReport ? warningFor(tabReport, settings) : undefined;
  // A frame shows no bar of its own (the top page does), only the note by its own password fields.
  if (tabReport) {
    const topWarning = await warningFor(tabReport, settings);
    browser.tabs.sendMessage(tabId, topWarning, { frameId: TOP_FRAME }).catch(() => undefined);
  } else if (frameReport.verdict !== 'not-medical') {
    // The top page has said nothing: it looks like nothing medical, so only the gate script runs there
    // (content/gate.iife.ts). The tab's report starts from the top page's, so it is asked, as the popup
    // would ask; checking runs here (this frame checked), so it starts no check nobody wanted.
    const request: CheckAgainMessage = { type: 'check-again' };
    browser.tabs.sendMessage(tabId, request, { frameId: TOP_FRAME }).catch(() => undefined);
  }
  const frameWarning = await warningFor(frameReport, settings);
  return { ...frameWarning, bar: NO_PAGE_WARNING.bar };
});
listenForWarningBarActions();

function onTabUpdated(tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType): void {
  // The tab starts loading: the old report may no longer describe it (changeInfo.url is not given to
  // extensions without the "tabs" permission, so any loading counts), and a page the extension cannot
  // read must not keep the last page's verdict.
  // A tab where no full script ever reported has no report and no badge: nothing is removed there. (While
  // any tab needs the tab events, every page load in every tab comes here, often in a worker the load has
  // just started; clearing a badge loads the language's messages: bench/worker-wake.ts, issue 15.)
  if (changeInfo.status === 'loading') void forgetTabReports(tabId, () => showVerdictBadge(tabId, null), () => hadFullCheckInTab(tabId));
  // Loaded: every frame's content script sends its report again. This "loading" may have come after the
  // page had already reported (single-page apps change their address after they have shown their data,
  // and the browser's events can overtake the page's message), and a page restored from the back-forward
  // cache runs no new content script. The message goes to every frame; frames without our script ignore it.
  // Only tabs that ever had a full script, or where the organisation lists portals: elsewhere only gate
  // scripts run, and the message would cost every page load for nothing (tabs-with-full-check.ts).
  if (changeInfo.status === 'complete') void askForReportsAgain(tabId);
}

// The message also carries the organisation's listed portals: pages that look like nothing medical load
// only the gate script, which reads no settings (content/gate.iife.ts).
async function askForReportsAgain(tabId: number): Promise<void> {
  const [settings, hadFullCheck] = await Promise.all([readSettings(), hadFullCheckInTab(tabId)]);
  const portalOrigins = portalOriginPattern(settings.medicalPortals);
  if (!portalOrigins && !hadFullCheck) return;
  const request: ReportAgainMessage = portalOrigins ? { type: 'report-again', portalOrigins } : { type: 'report-again' };
  await browser.tabs.sendMessage(tabId, request).catch(() => undefined);
}

function onTabRemoved(tabId: number): void {
  // The note goes last: it says whether there is anything to forget. Then the tab events may not be needed.
  void forgetTabReports(tabId, undefined, () => hadFullCheckInTab(tabId))
    .finally(() => forgetFullCheckInTab(tabId))
    .then(listenToTabEventsWhereNeeded);
}

let listeningDecided: Promise<void> = Promise.resolve();

/** Keeps the tab events only while a tab has had a full check or the organisation lists portals (tab-events.ts). */
function listenToTabEventsWhereNeeded(): Promise<void> {
  // One decision after the other, each on the settings as they are when it runs.
  listeningDecided = listeningDecided.then(async () => {
    const { medicalPortals } = await readSettings();
    // Read last, and nothing awaited after it: a report that came in meanwhile is counted.
    const anyFullCheck = await anyTabWithFullCheck();
    setListening(anyFullCheck || portalOriginPattern(medicalPortals) !== null);
  }).catch(() => undefined); // Undecided, the listeners stay as they are; the next decision runs still.
  return listeningDecided;
}

// At once, as the worker starts: the event that started it reaches only the listeners added now.
listenToTabEvents({ updated: onTabUpdated, removed: onTabRemoved });
void listenToTabEventsWhereNeeded();

// Badges are the browser's state and usually outlive a stopped worker; re-applying them from the stored
// reports when the worker starts again is cheap and covers a worker stopped while setting one.
// Reports that no longer parse are removed here.
async function restoreBadges(): Promise<void> {
  const stored = await browser.storage.session.get(null);
  // Without a report (most starts: no tab was checked yet) the settings are not read for the badges.
  if (!Object.keys(stored).some((key) => key.startsWith('report:'))) return;
  const { knownPortals } = await readSettings();
  for (const [key, value] of Object.entries(stored)) {
    const tabId = Number(key.replace(/^report:/, ''));
    if (!key.startsWith('report:') || !Number.isInteger(tabId)) continue;
    const report = parseReport(value);
    if (report) void showVerdictBadge(tabId, report.verdict, isKnownPortal(report.pageOrigin, knownPortals)).catch(() => forgetTabReports(tabId));
    else void forgetTabReports(tabId);
  }
}
void restoreBadges();

// A new language (the user's or the organisation's), or a portal marked known or no longer: badges are
// made anew. A replaced copy of the policy is a changed policy too: the browser's policy came late, after
// the start, and differs from the one the extension used until then (shared/managed-policy.ts).
browser.storage.onChanged.addListener((changes, area) => {
  const policyChanged = area === 'managed' || (area === 'local' && POLICY_COPY_KEY in changes);
  if (policyChanged || (area === 'sync' && ('language' in changes || 'knownPortals' in changes))) {
    forgetBadgeLanguage();
    void restoreBadges();
  }
  // Pages opened before the policy arrived (the first seconds of a new profile) or before it changed went
  // on without it: every open tab is asked again with the listed portals. A changed policy always replaces
  // the copy (the settings read below keeps it), so this runs once per change.
  if (area === 'local' && POLICY_COPY_KEY in changes) void askEveryTabAgain();
  // Portals listed or no longer: the tab events may be needed now, or no longer.
  if (policyChanged) void listenToTabEventsWhereNeeded();
});

async function askEveryTabAgain(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  for (const tab of tabs) if (tab.id !== undefined) void askForReportsAgain(tab.id);
}

