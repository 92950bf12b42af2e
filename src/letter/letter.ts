// "Write to your clinic": shows the letter (compose-letter.ts) for the tab's report, and lets the
// patient add their name, copy it, open it in their mail program or print it / save it as PDF.
// letter.html?tabId=N writes about tab N.

import browser from 'webextension-polyfill';
import { element, requestedTabId, setText, startPage } from '../pages/page';
import { callsForAction, parseReport, reportKey } from '../shared/report';
import { composeLetter, letterAsText, type Letter } from './compose-letter';

function render(letter: Letter): void {
  setText('letter-subject', letter.subject);
  setText('letter-greeting', letter.greeting);
  setText('letter-opening', letter.opening);
  document.getElementById('letter-observations')!.replaceChildren(...letter.observations.map((line) => element('li', line)));
  setText('letter-questions-intro', letter.questionsIntro);
  document.getElementById('letter-questions')!.replaceChildren(...letter.questions.map((question) => element('li', question)));
  setText('letter-closing', letter.closing);
  setText('letter-signoff', letter.signoff);
  setText('letter-signature', letter.signature);
  const email = document.getElementById('email') as HTMLAnchorElement;
  email.href = `mailto:?subject=${encodeURIComponent(letter.subject)}&body=${encodeURIComponent(letterAsText(letter))}`;
}

async function main(): Promise<void> {
  const translator = await startPage('letter_title');
  const { t } = translator;
  const tabId = requestedTabId();
  const key = tabId === null ? null : reportKey(tabId);
  const report = key === null ? null : parseReport((await browser.storage.session.get(key))[key]);
  if (!report || !callsForAction(report)) {
    setText('nothing', t('letter_nothing_to_write'));
    return;
  }
  document.getElementById('composer')!.hidden = false;
  const nameInput = document.getElementById('sender-name') as HTMLInputElement;
  document.getElementById('sender-name-label')!.textContent = t('letter_name_placeholder').replace(/^\[|\]$/g, '');
  document.getElementById('copy')!.textContent = t('letter_copy');
  document.getElementById('email')!.textContent = t('letter_email');
  document.getElementById('print')!.textContent = t('letter_print');

  const current = (): Letter => composeLetter(translator, report, nameInput.value, new Date());
  render(current());
  nameInput.addEventListener('input', () => render(current()));
  document.getElementById('copy')!.addEventListener('click', async () => {
    await navigator.clipboard.writeText(`${current().subject}\n\n${letterAsText(current())}`);
    setText('copy-status', t('letter_copied'));
  });
  document.getElementById('print')!.addEventListener('click', () => window.print());
}

void main();
