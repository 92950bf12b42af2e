// The settings' shape, defaults and validation, as pure code (settings.ts reads and writes them).

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
