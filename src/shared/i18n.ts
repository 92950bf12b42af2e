// Every word the user sees comes from extension/_locales through here. browser.i18n always follows the
// browser's language and cannot be switched, so the extension reads the chosen locale's messages.json
// itself: one code path whether the language comes from the browser, the user or an organisation.

import browser from 'webextension-polyfill';
import { pickLocale, translate, type Catalogue, type Locale, type Translator } from './locale';
import { readSettings } from './settings';

export type { Locale, MessageKey, Translator } from './locale';

async function fetchCatalogue(locale: Locale): Promise<Catalogue> {
  const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
  return (await response.json()) as Catalogue;
}

/** Loads the translator for the given locale, or for the one the settings and the browser choose. */
export async function loadTranslator(locale?: Locale): Promise<Translator> {
  const chosen = locale ?? pickLocale((await readSettings()).language, browser.i18n.getUILanguage());
  const catalogues = chosen === 'en' ? [await fetchCatalogue('en')] : await Promise.all([fetchCatalogue(chosen), fetchCatalogue('en')]);
  return { locale: chosen, t: (key, substitutions) => translate(catalogues, key, substitutions) };
}
