// The three locales (extension/_locales/{en,de,fr}/messages.json): the same keys and placeholders everywhere,
// Chrome's message format kept, and texts a patient can read — plain enough by each language's readability
// formula (tests/unit/readability.ts), and no technical word without a plain explanation next to it.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, FINDING_VARIANTS } from '../../src/shared/report.js';
import { amstad, fleschReadingEase, kandelMoles, readability, syllablesDe, syllablesEn, syllablesFr, textStats, type Language } from './readability.js';

interface Placeholder {
  content: string;
  example?: string;
}

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, Placeholder>;
}

type Messages = Record<string, Entry>;

const LANGUAGES: readonly Language[] = ['en', 'de', 'fr'];
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const locales = Object.fromEntries(
  LANGUAGES.map((language) => [language, JSON.parse(readFileSync(join(root, 'extension/_locales', language, 'messages.json'), 'utf8')) as Messages]),
) as Record<Language, Messages>;

const entries = (language: Language): [string, Entry][] => Object.entries(locales[language]);

// ---------------------------------------------------------------------------------------------------------
// Which texts must read plainly: every explanation a patient reads as running text.

/** Explanations: *_meaning, *_action, *_body, *_detail, *_intro, *_limits, *_note, *_complain, the learn-more
 *  paragraphs (learn_…_p, learn_…_p1) and check descriptions (learn_check_…), the letter's observations, and
 *  the popup's first steps (popup_step_…). */
function isExplanation(key: string): boolean {
  return /_(?:meaning|action|body|detail|intro|limits|note|complain)$/.test(key) || /^learn_.*_p\d?$|^learn_check_/.test(key) || /^(?:letter_observed|popup_step)_/.test(key);
}

const MIN_READABILITY = 60;

// ---------------------------------------------------------------------------------------------------------
// Technical words. A message may use one only if it also says, in plain words, what it means. The addresses
// http:// and https:// are the only ones the texts use on purpose: patients see them in the address bar.

interface TechnicalTerm {
  term: string;
  /** Where the term occurs in a message. */
  pattern: RegExp;
  /** At least one of these must occur in the same message. */
  explanations: RegExp[];
}

const TECHNICAL_TERMS: Record<Language, TechnicalTerm[]> = {
  en: [
    { term: 'PACS', pattern: /\bPACS\b/i, explanations: [/\bimage (?:archive|store)s?\b/i] },
    { term: 'DICOM', pattern: /\bDICOM/i, explanations: [/\bmedical image files?\b/i] },
    { term: 'http / HTTP', pattern: /\bhttp\b/i, explanations: [/\bnot scrambled\b/i, /\bnot private\b/i] },
    { term: 'https / HTTPS', pattern: /\bhttps\b/i, explanations: [/\bsafer?\b/i, /\bscrambled\b/i, /\bprivate\b/i] },
    { term: 'server', pattern: /\bservers?\b/i, explanations: [/\bcomputers?\b/i] },
    { term: 'encryption / encrypted', pattern: /encrypt/i, explanations: [/\bscrambled\b/i] },
    { term: 'directory listing', pattern: /\bdirector(?:y|ies)\b/i, explanations: [/\bplain list of (?:\w+ )*files\b/i] },
  ],
  de: [
    { term: 'PACS', pattern: /\bPACS\b/i, explanations: [/Bild-?(?:Speicher|Archiv)/i] },
    { term: 'DICOM', pattern: /\bDICOM/i, explanations: [/medizinischen? Bild/i] },
    { term: 'http / HTTP', pattern: /\bhttp\b/i, explanations: [/nicht geschützt/i, /ungeschützt/i, /mitlesen/i] },
    { term: 'https / HTTPS', pattern: /\bhttps\b/i, explanations: [/sicher/i, /geschützt/i] },
    { term: 'Server', pattern: /server/i, explanations: [/Computer/i, /Rechner/i] },
    { term: 'Verschlüsselung / verschlüsselt', pattern: /verschlüssel/i, explanations: [/mitlesen/i, /geschützt/i] },
    { term: 'Verzeichnisliste', pattern: /verzeichnis/i, explanations: [/Liste (?:von|mit) Dateien/i, /wie ein Ordner/i] },
  ],
  fr: [
    { term: 'PACS', pattern: /\bPACS\b/i, explanations: [/archives? d’images/i, /réserve d’images/i] },
    { term: 'DICOM', pattern: /\bDICOM/i, explanations: [/images? médicales?/i] },
    { term: 'http / HTTP', pattern: /\bhttp\b/i, explanations: [/(?:pas|non) protégée?/i] },
    { term: 'https / HTTPS', pattern: /\bhttps\b/i, explanations: [/sûr/i, /sécuris/i, /protégée?/i] },
    { term: 'serveur', pattern: /serveur/i, explanations: [/ordinateur/i] },
    { term: 'chiffrement / chiffré', pattern: /chiffr/i, explanations: [/protég/i] },
    { term: 'liste de répertoires', pattern: /répertoire/i, explanations: [/liste de fichiers/i] },
  ],
};

/** The technical terms a message uses without any of their plain explanations. */
function unexplainedTerms(message: string, language: Language): string[] {
  return TECHNICAL_TERMS[language]
    .filter(({ pattern, explanations }) => pattern.test(message) && !explanations.some((explanation) => explanation.test(message)))
    .map(({ term }) => term);
}

// ---------------------------------------------------------------------------------------------------------

const PLACEHOLDER_USE = /\$([A-Za-z0-9_@]+)\$/g;
const usedPlaceholders = (message: string): string[] => [...message.matchAll(PLACEHOLDER_USE)].map((match) => match[1] ?? '');
const placeholderSummary = (entry: Entry): Record<string, string> =>
  Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, placeholder]) => [name, placeholder.content]));

describe('the readability measures themselves', () => {
  it('count English syllables from vowel groups, with a silent final e / es / ed', () => {
    const words = { page: 1, table: 2, scrambled: 2, names: 1, pages: 2, opened: 2, loaded: 2, data: 2, the: 1, privacy: 3, media: 3, security: 4 };
    for (const [word, syllables] of Object.entries(words)) expect(syllablesEn(word), word).toBe(syllables);
  });

  it('count German syllables with umlauts and the diphthongs ei, ie, au, eu, äu as one', () => {
    const words = { Daten: 2, Bauer: 2, Häuser: 2, Beispiel: 2, Leute: 2, Verschlüsselung: 4, Patienten: 4, Quelle: 2, Straße: 2, Dienst: 1, Röntgen: 2 };
    for (const [word, syllables] of Object.entries(words)) expect(syllablesDe(word), word).toBe(syllables);
  });

  it('count French syllables with accented vowels, and a silent final e / es / verb -ent', () => {
    const words = { page: 1, pages: 1, adresse: 2, montrent: 1, souvent: 2, moment: 2, patient: 2, été: 2, réel: 2, naïf: 2, château: 2, données: 2 };
    for (const [word, syllables] of Object.entries(words)) expect(syllablesFr(word), word).toBe(syllables);
  });

  it('count numbers as one word, and do not end a sentence inside 2.300, http:// or 14:32', () => {
    expect(textStats('In 2019, 2,300 archives were open.', 'en')).toMatchObject({ words: 6, sentences: 1 });
    expect(textStats('Es waren 2.300 Archive. Sie beginnt mit http:// und nicht mit https://.', 'de')).toMatchObject({ words: 12, sentences: 2 });
    expect(textStats('Il y avait 13\u00a0000 dossiers\u00a0: vérifié à 14:32.', 'fr')).toMatchObject({ words: 8, sentences: 2 });
    expect(textStats('One line\nAnother line', 'en')).toMatchObject({ words: 4, sentences: 2 });
  });

  it('give simple sentences a high score and long academic ones a low score, in each language', () => {
    expect(fleschReadingEase('The cat sat on the mat. We had a good day.').score).toBeGreaterThan(80);
    expect(
      fleschReadingEase(
        'The implementation of comprehensive organizational accountability mechanisms necessitates considerable interdepartmental coordination, institutional commitment and sustained methodological evaluation.',
      ).score,
    ).toBeLessThan(40);
    expect(amstad('Der Hund spielt im Garten. Die Sonne scheint.').score).toBeGreaterThan(80);
    expect(
      amstad('Die Implementierung umfassender organisationsübergreifender Verantwortlichkeitsstrukturen erfordert beträchtliche Koordinationsanstrengungen sämtlicher Beteiligten.').score,
    ).toBeLessThan(40);
    expect(kandelMoles('Le chat dort sur le lit. Il fait beau.').score).toBeGreaterThan(80);
    expect(
      kandelMoles(
        'L’implémentation de mécanismes organisationnels de responsabilisation nécessite une coordination interinstitutionnelle considérable et une évaluation méthodologique approfondie.',
      ).score,
    ).toBeLessThan(40);
  });

  it('follow the published formulas', () => {
    // 9 words, 2 sentences, 14 syllables (Pa-tients can see their im-a-ges here. No-bo-dy else can.).
    const text = 'Patients can see their images here. Nobody else can.';
    expect(textStats(text, 'en')).toEqual({ words: 9, sentences: 2, syllables: 14 });
    expect(fleschReadingEase(text).score).toBeCloseTo(206.835 - 1.015 * (9 / 2) - 84.6 * (14 / 9), 1);
    expect(readability('Das ist gut. Sie sehen es.', 'de').score).toBeCloseTo(180 - 6 / 2 - 58.5 * (7 / 6), 1);
    expect(readability('C’est bien. Vous le lisez.', 'fr').score).toBeCloseTo(207 - 1.015 * (5 / 2) - 73.6 * (6 / 5), 1);
  });
});

describe('the technical-words rule itself', () => {
  it('finds a term without an explanation, and accepts it with one', () => {
    expect(unexplainedTerms('Some web servers show their files.', 'en')).toEqual(['server']);
    expect(unexplainedTerms('The address starts with http://, so it is not scrambled.', 'en')).toEqual([]);
    expect(unexplainedTerms('Die Adresse beginnt mit http://.', 'de')).toEqual(['http / HTTP']);
    expect(unexplainedTerms('La connexion est chiffrée.', 'fr')).toEqual(['chiffrement / chiffré']);
  });
});

describe('locales', () => {
  const english = locales.en;

  it('have the English keys in German and French, and no others', () => {
    expect(Object.keys(english).length).toBeGreaterThan(100);
    for (const language of LANGUAGES) {
      const keys = Object.keys(locales[language]);
      expect(keys.filter((key) => !(key in english)), `${language}: keys not in en`).toEqual([]);
      expect(Object.keys(english).filter((key) => !keys.includes(key)), `${language}: keys missing`).toEqual([]);
    }
  });

  it.each(LANGUAGES)('%s: every finding, and every variant of known-viewer, has its headline, meaning, action, questions, letter line and learn text', (language) => {
    const ids = FINDING_IDS.map((id) => id.replace(/-/g, '_'));
    const texts = [...ids, ...FINDING_VARIANTS.map((variant) => `known_viewer_${variant.replace(/-/g, '_')}`)];
    const expected = [
      ...texts.flatMap((id) => ['headline', 'meaning', 'action', 'question_1', 'question_2', 'question_3'].map((part) => `finding_${id}_${part}`)),
      ...texts.map((id) => `letter_observed_${id}`),
      ...ids.map((id) => `learn_check_${id}`),
    ];
    expect(expected.filter((key) => !(key in locales[language]))).toEqual([]);
    // The learn page lists each finding by its headline, with no product to fill in.
    expect(ids.filter((id) => locales[language][`finding_${id}_headline`]?.message.includes('$'))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: key names use only letters, digits and _', (language) => {
    expect(Object.keys(locales[language]).filter((key) => !/^[A-Za-z0-9_]+$/.test(key))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: no message is empty', (language) => {
    expect(entries(language).filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGES)('%s: descriptions are the English ones (they are for translators)', (language) => {
    expect(entries(language).filter(([key, entry]) => entry.description !== english[key]?.description).map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGES)('%s: placeholders have the same names and contents as in English', (language) => {
    for (const [key, entry] of entries(language)) {
      expect(placeholderSummary(entry), `${language}: ${key}`).toEqual(placeholderSummary(english[key] ?? { message: '' }));
    }
  });

  it.each(LANGUAGES)('%s: every $NAME$ in a message is declared, every placeholder is used, no stray $', (language) => {
    for (const [key, entry] of entries(language)) {
      const declared = Object.keys(entry.placeholders ?? {});
      const used = usedPlaceholders(entry.message);
      expect(used.filter((name) => !declared.includes(name)), `${language}: ${key} uses undeclared`).toEqual([]);
      expect(declared.filter((name) => !used.includes(name)), `${language}: ${key} declares unused`).toEqual([]);
      expect(entry.message.replace(PLACEHOLDER_USE, '').replace(/\$\$/g, ''), `${language}: ${key} has a stray $`).not.toContain('$');
    }
  });

  it.each(LANGUAGES)('%s: no HTML in any message', (language) => {
    expect(entries(language).filter(([, entry]) => /<\/?[A-Za-z][^>]*>|&[A-Za-z]+;|&#\d+;/.test(entry.message)).map(([key]) => key)).toEqual([]);
  });

  it.each(LANGUAGES)('%s: extension_description is at most 132 characters (store limit)', (language) => {
    expect([...(locales[language].extension_description?.message ?? '')].length).toBeLessThanOrEqual(132);
  });

  it.each(LANGUAGES)('%s: no word is longer than 22 letters (the popup is 360 px wide)', (language) => {
    const long = entries(language).flatMap(([key, entry]) =>
      entry.message
        .split(/[\s\u00a0\u202f/-]+/)
        .map((part) => part.replace(/[^\p{L}]/gu, ''))
        .filter((part) => part.length > 22)
        .map((part) => `${key}: ${part}`),
    );
    expect(long).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every explanation is plain (readability ≥ 60)', (language) => {
    const scored = entries(language)
      .filter(([key]) => isExplanation(key))
      .map(([key, entry]) => ({ key, ...readability(entry.message, language) }))
      .sort((a, b) => a.score - b.score);
    expect(scored.length).toBeGreaterThan(30);
    const lowest = scored[0]!;
    const formula = { en: 'Flesch Reading Ease', de: 'Amstad', fr: 'Kandel–Moles' }[language];
    console.log(`${language}: lowest ${formula} score ${lowest.score} (${lowest.key}) of ${scored.length} explanations`);
    expect(scored.filter(({ score }) => !(score >= MIN_READABILITY)).map(({ key, score }) => `${key}: ${score}`)).toEqual([]);
  });

  it.each(LANGUAGES)('%s: a technical word always comes with a plain explanation', (language) => {
    const unexplained = entries(language).flatMap(([key, entry]) => unexplainedTerms(entry.message, language).map((term) => `${key}: ${term}`));
    expect(unexplained).toEqual([]);
  });
});
