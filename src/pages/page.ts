// What every extension page shares: the translator for the chosen language, the document's language,
// and text filled into elements by id (always as text, never as HTML).

import { loadTranslator, type MessageKey, type Translator } from '../shared/i18n';

export async function startPage(titleKey: MessageKey): Promise<Translator> {
  const translator = await loadTranslator();
  document.documentElement.lang = translator.locale;
  document.title = translator.t(titleKey);
  // Static texts: <h1 data-i18n="learn_title"></h1>
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = translator.t(node.dataset.i18n as MessageKey);
  return translator;
}

export function setText(id: string, text: string): void {
  const node = document.getElementById(id)!;
  node.textContent = text;
  node.hidden = text.length === 0;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** popup.html?tabId=N, letter.html?tabId=N: the tab the page is about, if given. */
export function requestedTabId(): number | null {
  const requested = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(requested) && requested > 0 ? requested : null;
}

export { findingKey, findingTextId, productLabel } from './finding-keys';
