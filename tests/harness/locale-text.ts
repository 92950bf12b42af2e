// The extension's own texts (extension/_locales/<language>/messages.json), for tests that look for them
// where the extension shows them: the popup, its pages, the warning bar, the badge's title.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const root = resolve(import.meta.dirname, '../..');
const catalogues = new Map<Language, Record<string, { message: string }>>();

function catalogue(language: Language): Record<string, { message: string }> {
  let messages = catalogues.get(language);
  if (!messages) {
    messages = JSON.parse(readFileSync(join(root, 'extension/_locales', language, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    catalogues.set(language, messages);
  }
  return messages;
}

/** A message in a language; a missing key gives a marker no page shows, so a test looking for it fails. */
export function localeText(language: Language, key: string): string {
  return catalogue(language)[key]?.message ?? `(missing message ${key})`;
}
