// The popup only reads the tab's report and renders it; it never decides anything.
// Text is set with textContent only: nothing from a page is ever parsed as HTML here.
// popup.html?tabId=N shows the report of tab N (tests and the "npm start" demo use it).

import browser from 'webextension-polyfill';
import { t, type MessageKey } from '../shared/i18n';
import type { CheckAgainMessage } from '../shared/messages';
import { parseReport, reportKey, type Finding, type Report } from '../shared/report';

const root = document.getElementById('popup')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function show(id: string, text: string): void {
  const node = document.getElementById(id)!;
  node.textContent = text;
  node.hidden = text.length === 0;
}

async function tabToShow(): Promise<number | null> {
  const requested = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

async function loadReport(tabId: number): Promise<Report | null> {
  const key = reportKey(tabId);
  const stored = await browser.storage.session.get(key);
  return parseReport(stored[key]);
}

// Message keys use underscores where finding ids have hyphens: no-login → finding_no_login_headline.
function findingText(finding: Finding, part: 'headline' | 'meaning' | 'action' | 'question_1' | 'question_2' | 'question_3'): string {
  return t(`finding_${finding.id.replace(/-/g, '_')}_${part}` as MessageKey);
}

function renderFinding(finding: Finding): HTMLLIElement {
  const item = element('li');
  item.className = 'finding';
  item.dataset.finding = finding.id;
  item.dataset.severity = finding.severity;
  item.append(element('h3', findingText(finding, 'headline')));

  const details = element('dl');
  const add = (label: MessageKey, value: string | HTMLElement): void => {
    const dd = element('dd');
    dd.append(value);
    details.append(element('dt', t(label)), dd);
  };
  add('popup_label_meaning', findingText(finding, 'meaning'));
  add('popup_label_severity', t(`popup_severity_${finding.severity}`));
  add('popup_label_action', findingText(finding, 'action'));
  const questions = element('ul');
  for (const part of ['question_1', 'question_2', 'question_3'] as const) questions.append(element('li', findingText(finding, part)));
  add('popup_label_questions', questions);
  add('popup_label_certainty', t(`popup_certainty_${finding.certainty}`));
  item.append(details);
  return item;
}

function renderReport(report: Report): void {
  root.dataset.verdict = report.verdict;
  document.getElementById('grant-access')!.hidden = true;
  const verdictKey = `verdict_${report.verdict.replace(/-/g, '_')}` as MessageKey;
  show('verdict-sentence', t(verdictKey));
  show('verdict-detail', report.verdict === 'ok' ? t('popup_ok_detail') : report.verdict === 'not-medical' ? t('popup_not_medical_detail') : '');
  show('product', report.product ? t('popup_product', report.product) : '');
  show('login-check-note', report.loginCheck === 'could-not-verify' ? t('popup_recheck_unverified') : '');
  show('findings-heading', t('popup_findings_heading'));
  const list = document.getElementById('finding-list')!;
  list.replaceChildren(...report.findings.map(renderFinding));
  document.getElementById('findings')!.hidden = report.findings.length === 0;
  show('complain', report.findings.length > 0 ? t('popup_complain') : '');
  show('checked-at', t('popup_checked_at', new Date(report.checkedAt).toLocaleTimeString()));
}

// Firefox lets people withhold the extension's access to sites (Chromium too, with "on click" site
// access). Then no content script runs and there is no report: say so, and offer to ask for access.
// The tab's address is visible only with access to it, or with activeTab when the popup was opened
// from the toolbar; without either, ask for all sites.
async function originsToRequest(tabId: number): Promise<string[] | null> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab) return null;
  const origins = tab.url === undefined ? ['http://*/*', 'https://*/*'] : /^https?:/.test(tab.url) ? [`${new URL(tab.url).protocol}//${new URL(tab.url).hostname}/*`] : [];
  if (origins.length === 0) return null;
  return (await browser.permissions.contains({ origins })) ? null : origins;
}

function renderNoAccess(tabId: number, origins: string[]): void {
  root.dataset.verdict = 'no-access';
  show('verdict-sentence', t('popup_no_access_title'));
  show('verdict-detail', t('popup_no_access_body'));
  const button = document.getElementById('grant-access') as HTMLButtonElement;
  button.textContent = t('popup_no_access_button');
  button.hidden = false;
  button.onclick = async () => {
    // Needs the click: browsers ask for permissions only during a user gesture.
    if (await browser.permissions.request({ origins })) await browser.tabs.reload(tabId);
  };
}

function renderCannotCheck(): void {
  root.dataset.verdict = 'cannot-check';
  show('verdict-sentence', t('popup_cannot_check_title'));
  show('verdict-detail', t('popup_cannot_check_body'));
}

async function main(): Promise<void> {
  document.title = t('popup_title');
  document.documentElement.lang = browser.i18n.getUILanguage();
  show('extension-name', t('extension_name'));
  show('limits', t('popup_limits'));
  show('privacy-note', t('popup_privacy_note'));
  const tabId = await tabToShow();
  const report = tabId === null ? null : await loadReport(tabId);
  const missingAccess = report || tabId === null ? null : await originsToRequest(tabId);
  if (report) renderReport(report);
  else if (missingAccess && tabId !== null) renderNoAccess(tabId, missingAccess);
  else renderCannotCheck();
  // No valid report: ask the page, if our content script runs there, to be checked again.
  if (!report && tabId !== null) {
    const request: CheckAgainMessage = { type: 'check-again' };
    browser.tabs.sendMessage(tabId, request).catch(() => undefined);
  }
  // The page may still be loading or changing: follow updates of this tab's report.
  if (tabId !== null) {
    browser.storage.session.onChanged.addListener((changes) => {
      const change = changes[reportKey(tabId)];
      if (!change) return;
      const updated = parseReport(change.newValue);
      if (updated) renderReport(updated);
      else renderCannotCheck();
    });
  }
}

void main();
