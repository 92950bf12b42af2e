// The background keeps one report per tab in storage.session (MV3 workers stop at any moment, so
// nothing that matters lives only in memory) and sets the toolbar badge. It is the only writer of reports.

import browser, { type Runtime } from 'webextension-polyfill';
import { isPageSnapshotMessage } from '../shared/messages';
import { isKnownPortal } from '../shared/portal-address';
import { parseReport, reportKey } from '../shared/report';
import { readSettings } from '../shared/settings';
import { forgetBadgeLanguage, showVerdictBadge } from './badge';
import { buildReport } from './build-report';
import { listenForWarningBarActions, pageWarningFor } from './page-warning';

async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(reportKey(tabId));
}

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  // Reports come from our own content script in a tab's top frame, about the address the browser shows.
  const tabId = sender.tab?.id;
  const browserUrl = sender.url ?? sender.tab?.url;
  if (!isPageSnapshotMessage(message) || tabId === undefined || sender.frameId !== 0 || !browserUrl) return;
  if (!/^https?:/.test(browserUrl)) return;
  const report = buildReport(message.snapshot, browserUrl, message.readMs, Date.now());
  const settings = await readSettings();
  const known = isKnownPortal(report.pageOrigin, settings.knownPortals);
  // The badge first, then the report: whoever sees the report (the popup, a test) also finds its badge.
  await showVerdictBadge(tabId, report.verdict, known);
  await browser.storage.session.set({ [reportKey(tabId)]: report });
  // The answer tells the page whether to show the warning bar (see page-warning.ts).
  return pageWarningFor(report, settings.warningBar, known);
});
listenForWarningBarActions();

browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  // The tab starts loading: the old report may no longer describe it. (changeInfo.url is not given to
  // extensions without the "tabs" permission, so any loading counts.) The content script of the new
  // document, or of the same one after a same-page navigation, sends a fresh snapshot.
  if (changeInfo.status === 'loading') {
    void forgetTab(tabId);
    void showVerdictBadge(tabId, null);
  }
});

browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

// Badges are the browser's state and usually outlive a stopped worker; re-applying them from the stored
// reports when the worker starts again is cheap and covers a worker stopped while setting one.
// Reports that no longer parse are removed here.
async function restoreBadges(): Promise<void> {
  const [stored, { knownPortals }] = await Promise.all([browser.storage.session.get(null), readSettings()]);
  for (const [key, value] of Object.entries(stored)) {
    const tabId = Number(key.replace(/^report:/, ''));
    const report = parseReport(value);
    if (!key.startsWith('report:') || !Number.isInteger(tabId)) continue;
    if (report) void showVerdictBadge(tabId, report.verdict, isKnownPortal(report.pageOrigin, knownPortals)).catch(() => forgetTab(tabId));
    else void forgetTab(tabId);
  }
}
void restoreBadges();

// A new language (the user's or the organisation's), or a portal marked known or no longer: badges are
// made anew.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'sync' && ('language' in changes || 'knownPortals' in changes))) {
    forgetBadgeLanguage();
    void restoreBadges();
  }
});
