// The settings' shape, defaults and validation, as pure code (settings.ts reads and writes them).

export type LanguageSetting = 'auto' | 'en' | 'de' | 'fr';

/** When the warning bar appears inside web pages: on danger only, on danger and warning, or never. */
export type WarningBarSetting = 'danger' | 'danger-and-warning' | 'off';

export interface Settings {
  language: LanguageSetting;
  warningBar: WarningBarSetting;
}

export const DEFAULT_SETTINGS: Settings = { language: 'auto', warningBar: 'danger' };

const LANGUAGES: readonly LanguageSetting[] = ['auto', 'en', 'de', 'fr'];
export const WARNING_BAR_SETTINGS: readonly WarningBarSetting[] = ['danger', 'danger-and-warning', 'off'];

/** Each setting on its own: a missing or malformed value falls back to its default. */
export function validateSettings(stored: Record<string, unknown>): Settings {
  const pick = <T>(allowed: readonly T[], value: unknown, fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    language: pick(LANGUAGES, stored.language, DEFAULT_SETTINGS.language),
    warningBar: pick(WARNING_BAR_SETTINGS, stored.warningBar, DEFAULT_SETTINGS.warningBar),
  };
}
