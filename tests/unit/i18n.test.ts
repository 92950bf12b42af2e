// The message loader's pure parts: which language is chosen, and Chrome's message format.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickLocale, translate, type Catalogue } from '../../src/shared/locale.js';
import { validateSettings } from '../../src/shared/settings-schema.js';

const catalogue = (language: string): Catalogue =>
  JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../../extension/_locales'), language, 'messages.json'), 'utf8')) as Catalogue;

describe('pickLocale', () => {
  it.each([
    [undefined, 'de-AT', 'de'],
    ['auto', 'fr-CA', 'fr'],
    ['auto', 'en-US', 'en'],
    ['auto', 'es-ES', 'en'],
    ['de', 'fr-FR', 'de'],
    ['fr', 'en', 'fr'],
    ['xx', 'de', 'de'],
  ])('setting %s with browser language %s gives %s', (setting, browserLanguage, expected) => {
    expect(pickLocale(setting, browserLanguage)).toBe(expected);
  });
});

describe('translate', () => {
  const messages: Catalogue = {
    plain: { message: 'Hello' },
    placed: { message: 'On $DATE$ at $Address$: $$5', placeholders: { date: { content: '$1' }, address: { content: '$2' } } },
  };

  it('returns the message', () => {
    expect(translate([messages], 'plain')).toBe('Hello');
  });

  it('fills named placeholders from the substitutions, whatever their case, and turns $$ into $', () => {
    expect(translate([messages], 'placed', ['1 May', 'http://203.0.113.5'])).toBe('On 1 May at http://203.0.113.5: $5');
  });

  it('falls back to the next catalogue, then to the key itself', () => {
    expect(translate([{}, messages], 'plain')).toBe('Hello');
    expect(translate([messages], 'missing_key')).toBe('missing_key');
  });

  it('inserts substitutions as text: a page-derived value with markup stays text', () => {
    expect(translate([messages], 'placed', ['<img src=x onerror=alert(1)>', '$1'])).toBe('On <img src=x onerror=alert(1)> at $1: $5');
  });

  it.each(['en', 'de', 'fr'])('formats the real %s letter opening with the date and the address', (language) => {
    const text = translate([catalogue(language)], 'letter_opening', ['22.11.2026', 'http://203.0.113.5:8042']);
    expect(text).toContain('22.11.2026');
    expect(text).toContain('http://203.0.113.5:8042');
    expect(text).not.toMatch(/\$[A-Z0-9_]+\$|\$\d/);
  });
});

describe('validateSettings', () => {
  it('keeps a valid language', () => {
    expect(validateSettings({ language: 'fr' })).toEqual({ language: 'fr', warningBar: 'danger' });
  });

  it.each([[{}], [{ language: 'klingon' }], [{ language: 42 }], [{ language: null }]])('falls back to the browser language for %j', (stored) => {
    expect(validateSettings(stored)).toEqual({ language: 'auto', warningBar: 'danger' });
  });
});
