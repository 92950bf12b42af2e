// Languages and Chrome's message format, as pure functions: the loader (i18n.ts) and the tests use them.

export type MessageKey = keyof typeof import('../../extension/_locales/en/messages.json');

export const LOCALES = ['en', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalogue = Record<string, CatalogueEntry | undefined>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, substitutions?: string | string[]): string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The chosen language, else the browser's ("de-AT" → de), else English. */
export function pickLocale(chosen: string | undefined, browserLanguage: string): Locale {
  if (isLocale(chosen)) return chosen;
  const primary = browserLanguage.toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : 'en';
}

/**
 * Chrome's message format: $NAME$ stands for the placeholder's content, whose $1…$9 are the
 * substitutions; $$ is a dollar sign. Unknown keys fall back to English, then to the key itself.
 */
export function translate(catalogues: readonly Catalogue[], key: string, substitutions: string | string[] = []): string {
  const entry = catalogues.map((catalogue) => catalogue[key]).find((candidate) => candidate !== undefined);
  if (!entry) return key;
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text: string): string => text.replace(/\$(\d)/g, (_match, digit: string) => values[Number(digit) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (match, name: string) => {
      const placeholder = entry.placeholders?.[name] ?? entry.placeholders?.[name.toLowerCase()] ?? entry.placeholders?.[name.toUpperCase()];
      return placeholder ? fill(placeholder.content) : match;
    })
    .replace(/\$\$/g, '$');
}
