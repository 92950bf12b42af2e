// The popup only reads the tab's report and renders it; it never decides anything.
// Text is set with textContent only: nothing from a page is ever parsed as HTML here.
// popup.html?tabId=N shows the report of tab N (tests and the "npm start" demo use it).

import browser from 'webextension-polyfill';
import type { MessageKey, Translator } from '../shared/i18n';
import type { CheckAgainMessage } from '../shared/messages';
import type { OrganisationPolicy } from '../shared/policy-schema';
import { isKnownPortal } from '../shared/portal-address';
import { callsForAction, parseReport, reportKey, type Finding, type Report } from '../shared/report';
import { readSettingsState, saveSettings } from '../shared/settings';
import { clinicQuestions, firstSteps, stepKey } from '../pages/first-screen';
import { element, findingKey, findingTextId, productLabel, requestedTabId, setText as show, startPage } from '../pages/page';

const root = document.getElementById('popup')!;

async function tabToShow(): Promise<number | null> {
  const requested = requestedTabId();
  if (requested !== null) return requested;
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

async function loadReport(tabId: number): Promise<Report | null> {
  const key = reportKey(tabId);
  const stored = await browser.storage.session.get(key);
  return parseReport(stored[key]);
}

// One line per finding (its headline and how serious it is) that opens its full text in place.
function renderFinding({ t }: Translator, finding: Finding, product: string): HTMLLIElement {
  const item = element('li');
  item.className = 'finding';
  item.dataset.finding = finding.id;
  item.dataset.severity = finding.severity;
  if (finding.variant) item.dataset.variant = finding.variant;
  // Texts by the finding's id (and variant); $PRODUCT$ in them is the recognised viewer.
  const text = (suffix: string): string => t(findingKey('finding_', findingTextId(finding), suffix), product);
  const disclosure = element('details');
  const summary = element('summary');
  const severity = element('span', t(`popup_severity_${finding.severity}`));
  severity.className = 'severity';
  summary.append(element('h3', text('_headline')), severity);
  disclosure.append(summary);
  // Found inside a frame of the page (a viewer wrapped in a portal page): say where it comes from.
  if (finding.frame) {
    const source = element('p', t('popup_finding_in_frame', finding.frame));
    source.className = 'finding-frame';
    source.dataset.frame = finding.frame;
    disclosure.append(source);
  }

  const details = element('dl');
  const add = (label: MessageKey, value: string | HTMLElement): void => {
    const dd = element('dd');
    dd.append(value);
    details.append(element('dt', t(label)), dd);
  };
  add('popup_label_meaning', text('_meaning'));
  add('popup_label_severity', t(`popup_severity_${finding.severity}`));
  add('popup_label_action', text('_action'));
  const questions = element('ul');
  for (const number of [1, 2, 3]) questions.append(element('li', text(`_question_${number}`)));
  add('popup_label_questions', questions);
  add('popup_label_certainty', t(`popup_certainty_${finding.certainty}`));
  disclosure.append(details);
  item.append(disclosure);
  return item;
}

function renderReport(translator: Translator, report: Report): void {
  const { t } = translator;
  root.dataset.verdict = report.verdict;
  document.getElementById('grant-access')!.hidden = true;
  show('verdict-sentence', t(`verdict_${report.verdict.replace(/-/g, '_')}` as MessageKey));
  show('verdict-detail', report.verdict === 'ok' ? t('popup_ok_detail') : report.verdict === 'not-medical' ? t('popup_not_medical_detail') : '');
  show('product', report.product ? (report.productVersion ? t('popup_product_version', [report.product, report.productVersion]) : t('popup_product', report.product)) : '');
  show('login-check-note', report.loginCheck === 'could-not-verify' ? t('popup_recheck_unverified') : '');
  const steps = firstSteps(report.findings);
  document.getElementById('step-list')!.replaceChildren(...steps.map((step) => element('li', t(stepKey(step)))));
  document.getElementById('steps')!.hidden = steps.length === 0;
  show('findings-heading', t('popup_findings_heading'));
  const product = productLabel(report);
  // The report is re-rendered when the page changes: a finding the reader opened stays open.
  const list = document.getElementById('finding-list')!;
  const opened = new Set(Array.from(list.querySelectorAll('details[open]'), (disclosure) => disclosure.closest<HTMLElement>('.finding')?.dataset.finding));
  list.replaceChildren(
    ...report.findings.map((finding) => {
      const item = renderFinding(translator, finding, product);
      item.querySelector('details')!.open = opened.has(finding.id);
      return item;
    }),
  );
  document.getElementById('findings')!.hidden = report.findings.length === 0;
  const questions = clinicQuestions(translator, report);
  document.getElementById('question-list')!.replaceChildren(...questions.map((question) => element('li', question)));
  document.getElementById('questions')!.hidden = questions.length === 0;
  // An ok page may list information (the viewer's name): nothing to write to the clinic about.
  document.getElementById('write-letter')!.hidden = !callsForAction(report);
  show('complain', callsForAction(report) ? t('popup_complain') : '');
  show('checked-at', t('popup_checked_at', new Date(report.checkedAt).toLocaleTimeString(translator.locale)));
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

function renderNoAccess({ t }: Translator, tabId: number, origins: string[]): void {
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

// Plain pages are not checked until someone asks (content/gate.iife.ts): the popup asks, and says it is
// checking until the report arrives, instead of saying for a moment that the page cannot be checked.
const REPORT_WAIT_MS = 4_000;
const NO_CONTENT_SCRIPT = /receiving end does not exist/i;

/** A heading and a sentence, without steps, findings or letter: for a page without a report. */
function renderWithoutReport({ t }: Translator, verdict: string, title: MessageKey, detail: MessageKey): void {
  root.dataset.verdict = verdict;
  show('verdict-sentence', t(title));
  show('verdict-detail', t(detail));
  for (const id of ['write-letter', 'steps', 'findings']) document.getElementById(id)!.hidden = true;
}

// No verdict yet (data-verdict stays empty): the report, or giving up, sets one.
const renderChecking = (translator: Translator): void => renderWithoutReport(translator, '', 'popup_checking_title', 'popup_checking_body');
const renderCannotCheck = (translator: Translator): void => renderWithoutReport(translator, 'cannot-check', 'popup_cannot_check_title', 'popup_cannot_check_body');

// The organisation that handed out the extension (its policy, set by an administrator; never page text).
function renderOrganisation({ t }: Translator, policy: OrganisationPolicy): void {
  const { email, phone, website } = policy.contact;
  if (!policy.organizationName && !email && !phone && !website) return;
  show('org-questions', policy.organizationName ? t('popup_org_questions', policy.organizationName) : t('popup_org_questions_generic'));
  const contact = (label: MessageKey, href: string, text: string): HTMLLIElement => {
    const link = element('a', text);
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener';
    const item = element('li', `${t(label)}: `);
    item.append(link);
    return item;
  };
  const items: HTMLLIElement[] = [];
  if (email) items.push(contact('popup_org_email', `mailto:${email}`, email));
  if (phone) items.push(contact('popup_org_phone', `tel:${phone.replace(/[^0-9+]/g, '')}`, phone));
  if (website) items.push(contact('popup_org_website', website, website));
  document.getElementById('org-contact')!.replaceChildren(...items);
  document.getElementById('organisation')!.hidden = false;
}

// "I know this portal": remembered by origin only, in the user's settings (storage.sync). The background
// re-makes the badge when the list changes.
function renderKnownPortal(translator: Translator, report: Report | null, knownPortals: readonly string[]): void {
  const { t } = translator;
  const button = document.getElementById('known-toggle') as HTMLButtonElement;
  const medical = report !== null && report.verdict !== 'not-medical';
  const origin = report?.pageOrigin ?? '';
  const known = medical && isKnownPortal(origin, knownPortals);
  button.hidden = !medical;
  show('known-note', known ? t('popup_known_note') : '');
  button.textContent = t(known ? 'popup_known_unmark' : 'popup_known_mark');
  button.setAttribute('aria-pressed', String(known));
  button.onclick = async () => {
    const state = await readSettingsState();
    const others = state.settings.knownPortals.filter((portal) => portal !== origin);
    const next = known ? others : [...others, origin];
    await saveSettings({ knownPortals: next });
    renderKnownPortal(translator, report, next);
  };
}

function linkTo(id: string, open: () => Promise<unknown>): void {
  document.getElementById(id)!.addEventListener('click', (event) => {
    event.preventDefault();
    void open().then(() => window.close());
  });
}

async function main(): Promise<void> {
  const translator = await startPage('popup_title');
  const tabId = await tabToShow();
  const [report, state] = await Promise.all([tabId === null ? null : loadReport(tabId), readSettingsState()]);
  renderOrganisation(translator, state.policy.policy);
  renderKnownPortal(translator, report, state.settings.knownPortals);
  const missingAccess = report || tabId === null ? null : await originsToRequest(tabId);
  if (report) renderReport(translator, report);
  else if (missingAccess && tabId !== null) renderNoAccess(translator, tabId, missingAccess);
  else if (tabId === null) renderCannotCheck(translator);
  else renderChecking(translator);

  linkTo('write-letter', () => browser.tabs.create({ url: browser.runtime.getURL(`src/letter/letter.html?tabId=${tabId ?? 0}`) }));
  linkTo('learn-more', () => browser.tabs.create({ url: browser.runtime.getURL('src/learn/learn.html') }));
  linkTo('open-settings', () => browser.runtime.openOptionsPage());

  if (tabId === null) return;
  // No valid report: ask the page, if our content script runs there, to be checked again.
  if (!report) {
    const request: CheckAgainMessage = { type: 'check-again' };
    // Still "checking" after this: no report came (the page is not one we can read).
    const giveUp = (): void => {
      if (root.dataset.verdict === '') renderCannotCheck(translator);
    };
    browser.tabs.sendMessage(tabId, request).then(
      () => setTimeout(giveUp, REPORT_WAIT_MS),
      // No content script in the tab (the browser's own pages, the store, PDF files): say so at once.
      (error: unknown) => (NO_CONTENT_SCRIPT.test(String(error)) ? giveUp() : setTimeout(giveUp, REPORT_WAIT_MS)),
    );
  }
  // The page may still be loading or changing: follow updates of this tab's report.
  browser.storage.session.onChanged.addListener((changes) => {
    const change = changes[reportKey(tabId)];
    if (!change) return;
    const updated = parseReport(change.newValue);
    if (updated) renderReport(translator, updated);
    else renderCannotCheck(translator);
    void readSettingsState().then(({ settings }) => renderKnownPortal(translator, updated, settings.knownPortals));
  });
}

void main();
