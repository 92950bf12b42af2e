// The background's side of the warning inside pages: it answers each snapshot with what the page should
// show (decided in shared/page-warning.ts from the report, the settings and the hidden sites, all read
// from storage each time: the worker may have been restarted since the last page), and it carries out
// the bar's two buttons for the tab that sent them.

import browser, { type Runtime } from 'webextension-polyfill';
import { loadTranslator, type Translator } from '../shared/i18n';
import { isWarningBarActionMessage, type PageWarningMessage, type PageWarningTexts } from '../shared/messages';
import { hideOnSite, readHiddenSites } from '../shared/hidden-sites';
import { decidePageWarning, NO_PAGE_WARNING, type PageWarning } from '../shared/page-warning';
import type { Report } from '../shared/report';
import type { WarningBarSetting } from '../shared/settings';
import { findingKey } from '../pages/finding-keys';

function textsFor({ locale, t }: Translator, warning: PageWarning): PageWarningTexts {
  return {
    locale,
    label: t('warning_bar_label'),
    sentence: warning.bar ? t(findingKey('warning_bar_', warning.bar.finding, '_body')) : '',
    explain: t('warning_bar_explain'),
    hideOnSite: t('warning_bar_hide_on_site'),
    close: t('warning_bar_close'),
    passwordNote: t('password_note_body'),
  };
}

/** The answer to a snapshot. If anything fails, the page shows nothing: the badge still tells. */
/** `known`: the user marked this portal "I know this portal" (the background has the settings at hand). */
export async function pageWarningFor(report: Report, warningBar: WarningBarSetting, known: boolean): Promise<PageWarningMessage> {
  // Nothing found, nothing to show: most pages are answered without reading storage.
  if (report.findings.length === 0) return { type: 'page-warning', ...NO_PAGE_WARNING, texts: null };
  try {
    const hiddenSites = await readHiddenSites();
    // A portal the user marked "I know this portal" gets its warnings quieter: no bar for a warning,
    // even with bars on for warnings. Danger keeps its bar.
    const warning = decidePageWarning(report, known && warningBar === 'danger-and-warning' ? 'danger' : warningBar, hiddenSites);
    const texts = warning.bar || warning.passwordNote ? textsFor(await loadTranslator(), warning) : null;
    return { type: 'page-warning', ...warning, texts };
  } catch {
    return { type: 'page-warning', ...NO_PAGE_WARNING, texts: null };
  }
}

export function listenForWarningBarActions(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only from our content script in a tab's top frame; the site is the address the browser shows.
    const tab = sender.tab;
    const pageUrl = sender.url ?? tab?.url;
    if (!isWarningBarActionMessage(message) || tab?.id === undefined || sender.frameId !== 0 || !pageUrl || !/^https?:/.test(pageUrl)) return undefined;
    if (message.action === 'hide-on-site') return hideOnSite(new URL(pageUrl).origin);
    // The popup's content for this tab, in a tab of its own next to the page (tabs.create needs no permission).
    const url = browser.runtime.getURL(`src/popup/popup.html?tabId=${tab.id}`);
    return browser.tabs.create({ url, index: tab.index + 1, openerTabId: tab.id }).then(() => undefined);
  });
}
