// The user's settings (storage.sync) and the organisation's policy (storage.managed), read and
// validated together: a value that is missing or malformed falls back, one setting at a time.

import { boundedRead } from './bounded-read';
import { browser } from './extension-api';
import { browserPolicyAreas, readManagedPolicy } from './managed-policy';
import { validatePolicy, type ValidatedPolicy } from './policy-schema';
import { DEFAULT_SETTINGS, effectiveSettings, type EffectiveSettings, type Settings } from './settings-schema';

export type { LanguageSetting, Settings, EffectiveSettings, WarningBarSetting } from './settings-schema';

export const USER_SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** The organisation's policy. No policy (the usual case, and Firefox without policies.json) is empty. */
export async function readPolicy(): Promise<ValidatedPolicy> {
  const raw = await readManagedPolicy(browserPolicyAreas({ keepCopy: true }));
  return validatePolicy(raw);
}

export interface SettingsState {
  settings: EffectiveSettings;
  /** The user's own stored choices, as stored (unvalidated), to tell a choice from a default. */
  stored: Record<string, unknown>;
  policy: ValidatedPolicy;
}

export async function readSettingsState(): Promise<SettingsState> {
  const [stored, policy] = await Promise.all([boundedRead(() => browser.storage.sync.get(USER_SETTING_KEYS)), readPolicy()]);
  return { settings: effectiveSettings(stored, policy.policy), stored, policy };
}

export async function readSettings(): Promise<EffectiveSettings> {
  return (await readSettingsState()).settings;
}

export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await browser.storage.sync.set(change);
}

/** Back to the defaults (and the organisation's, if it set any): the user's own choices are removed. */
export async function resetSettings(): Promise<void> {
  await browser.storage.sync.remove(USER_SETTING_KEYS);
}
