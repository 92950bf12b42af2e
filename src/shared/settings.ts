// The user's settings, kept in storage.sync and validated when read: a value that is missing or
// malformed falls back to its default, one setting at a time.

import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from './settings-schema';

export type { LanguageSetting, Settings, WarningBarSetting } from './settings-schema';

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(Object.keys(DEFAULT_SETTINGS)).catch(() => ({}));
  return validateSettings(stored);
}

export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await browser.storage.sync.set(change);
}
