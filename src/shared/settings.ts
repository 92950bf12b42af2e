// The user's settings, kept in storage.sync and validated when read: a value that is missing or
// malformed falls back to its default, one setting at a time.

import browser from 'webextension-polyfill';

export type LanguageSetting = 'auto' | 'en' | 'de' | 'fr';

export interface Settings {
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: Settings = { language: 'auto' };

const LANGUAGES: readonly LanguageSetting[] = ['auto', 'en', 'de', 'fr'];

export function validateSettings(stored: Record<string, unknown>): Settings {
  const language = LANGUAGES.includes(stored.language as LanguageSetting) ? (stored.language as LanguageSetting) : DEFAULT_SETTINGS.language;
  return { language };
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(Object.keys(DEFAULT_SETTINGS)).catch(() => ({}));
  return validateSettings(stored);
}

export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await browser.storage.sync.set(change);
}
