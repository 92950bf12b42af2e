// The warning inside a dangerous page: a bar across the top and, on a medical page over http:, a note by
// password fields. Loaded only when the background's answer asks for one of them (page-warning.ts).
//
// Overlay, not reserved space: the bar floats over the top of the page and moves nothing. Pushing the
// page down would mean changing it (a margin on <html> or <body>), which breaks exactly the pages it
// warns about: viewers fill the window (100vh, fixed toolbars, canvases that compute positions), and
// their fixed parts would not move anyway. The price, covering the page's top edge, is paid back by the
// bar's Close button (this page load) and "Hide on this site" (for good).
//
// Shown once per page load: after Close or "Hide on this site" it does not come back until the page is
// loaded again, whatever the later checks say. It goes when the verdict no longer asks for it (a
// single-page app moved on), and comes back if a later verdict asks again and the patient did not close it.

import { browser } from '../shared/extension-api';
import type { PageWarningTexts, WarningBarActionMessage } from '../shared/messages';
import { isPageWarningMessage } from '../shared/page-warning';
import { watchPasswordFields, type PasswordNote } from './password-note';
import { createShieldedHost, type ShieldedHost } from './shielded-host';
import { addStyles, renderWarningBar, WARNING_STYLES, type BarView } from './warning-view';

let bar: { host: ShieldedHost; view: BarView } | null = null;
let note: PasswordNote | null = null;
// Closed: no bar again in this page load. Hidden on this site: neither bar nor note, even before the
// background has stored the site and answers accordingly.
let barDismissed = false;
let siteHidden = false;

function tellBackground(action: WarningBarActionMessage['action']): void {
  const message: WarningBarActionMessage = { type: 'warning-bar-action', action };
  browser.runtime.sendMessage(message).catch(() => undefined);
}

function removeBar(): void {
  bar?.host.remove();
  bar = null;
}

function showBar(texts: PageWarningTexts): void {
  if (bar) {
    // Same bar: nothing to do, and nothing announced again. Another finding: only the sentence changes.
    if (bar.view.sentence !== texts.sentence) bar.view.setSentence(texts.sentence);
    return;
  }
  const host = createShieldedHost({ top: '0', right: '0', bottom: 'auto', left: '0', width: 'auto', height: 'auto' });
  addStyles(host.root, WARNING_STYLES);
  const view = renderWarningBar(host.root, texts, {
    explain: () => tellBackground('open-explanation'),
    hideOnSite: () => {
      tellBackground('hide-on-site');
      siteHidden = true;
      dismiss();
      removeNote();
    },
    close: dismiss,
  });
  bar = { host, view };
  // Shown in a task of its own: building the bar and putting it in the page took 8 to 14 ms as one task,
  // the longest the extension caused on a dangerous page (bench/, issue 15). The bar may be gone by then.
  setTimeout(() => {
    if (bar?.host === host) host.show();
  }, 0);
}

function dismiss(): void {
  barDismissed = true;
  removeBar();
}

function removeNote(): void {
  note?.remove();
  note = null;
}

export function showPageWarning(answer: unknown): void {
  if (!isPageWarningMessage(answer)) return;
  const { texts } = answer;
  if (answer.bar && texts && !barDismissed) showBar(texts);
  else removeBar();
  if (answer.passwordNote && texts && !siteHidden) note ??= watchPasswordFields(texts.locale, texts.passwordNote);
  else removeNote();
}
