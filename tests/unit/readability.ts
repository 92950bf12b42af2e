// Readability scores for the texts patients read, one formula per language (pure functions, no I/O).
//   English — Flesch Reading Ease:  206.835 − 1.015 · words/sentences − 84.6 · syllables/words
//   German  — Amstad (Flesch for German): 180 − words/sentences − 58.5 · syllables/words
//   French  — Kandel & Moles:        207 − 1.015 · words/sentences − 73.6 · syllables/words
// Higher is easier; about 60 and above reads as "plain" for a general audience in all three.
//
// Counting rules (the same for all three languages):
//   - Sentences end at . ! ? : ; or … when followed by a space or the end of the text, and at line ends.
//     So "2.300", "http://" and "14:32" do not end a sentence.
//   - A word is a run of non-space characters that holds a letter or a digit. A number such as 24, 2,300,
//     2.300 or 13 000 (with a normal, no-break or thin space) is one word of one syllable, as in common tools
//     (textstat with pyphen): digits are read at a glance, and the formulas were not made for spelled-out numbers.
//   - A hyphenated word ("Wi-Fi", "Verzeichnis-Liste") is one word; its syllables are those of its parts.
//   - Web addresses ("http://", "https://example.org") are one word.
//   - Placeholders like $PRODUCT$ are one word, counted by their letters.
// Syllables are counted from vowel groups, with per-language corrections (see each counter).

export type Language = 'en' | 'de' | 'fr';

export interface TextStats {
  sentences: number;
  words: number;
  syllables: number;
}

export interface Readability extends TextStats {
  score: number;
}

type SyllableCounter = (word: string) => number;

// ---------------------------------------------------------------------------------------------------------
// Syllable counters. Each takes one word part (no spaces, no hyphens) and returns at least 1 if the part
// holds any letter, 0 otherwise.

const EN_VOWEL_GROUP = /[aeiouy]+/g;

/** English: vowel groups (y counts as a vowel), minus a silent final e / es / ed where it is usually silent. */
export function syllablesEn(part: string): number {
  const w = part.toLowerCase().replace(/[^a-z]/g, '');
  if (w === '') return 0;
  if (w.length <= 3) return 1;
  let count = (w.match(EN_VOWEL_GROUP) ?? []).length;
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) {
    count -= 1; // page, there, secure (but table, simple keep theirs)
  } else if (/[^aeiouy]es$/.test(w) && !/(?:[sxzcg]|ch|sh|[^aeiouy]l)es$/.test(w)) {
    count -= 1; // names, sites (but pages, boxes, tables keep theirs)
  } else if (/[^aeiouy]ed$/.test(w) && !/(?:[td]|[^aeiouy]l)ed$/.test(w)) {
    count -= 1; // opened, scrambled→ keeps 'bled', loaded keeps its -ed
  }
  if (/[^aeiou]ia$/.test(w)) count += 1; // media, via: the final -ia is two syllables
  return Math.max(1, count);
}

// German: diphthongs and long vowels written with two letters are one syllable; "qu" is a consonant.
const DE_VOWEL_GROUP = /äu|eu|au|ei|ai|ey|ay|ie|aa|ee|oo|ou|[aeiouyäöü]/g;

/** German: vowels a e i o u y ä ö ü, with äu eu au ei ai ey ay ie aa ee oo (and ou, as in Journalist) as one syllable. */
export function syllablesDe(part: string): number {
  let w = part.toLowerCase().replace(/ß/g, 'ss').replace(/[^a-zäöü]/g, '');
  if (w === '') return 0;
  w = w.replace(/qu/g, 'q');
  let count = (w.match(DE_VOWEL_GROUP) ?? []).length;
  // Pa-ti-ent, Me-di-en, Fa-mi-li-en: "ie" before a final n / nt / ns (but not Dienst, schien) is two syllables.
  count += (w.match(/[^aeiouyäöüdh]ien(?=t|s|$)/g) ?? []).length;
  return Math.max(1, count);
}

const FR_VOWELS = 'aàâeéèêëiîïoôuùûüyÿœæ';
const FR_VOWEL_GROUP = new RegExp(`[${FR_VOWELS}]+`, 'g');
const FR_CONSONANT_BEFORE = `[^${FR_VOWELS}]`;
// Words ending in -ent where the ending is heard (nouns, adjectives, adverbs), unlike verbs (ils peuvent).
const FR_SOUNDING_ENT = /(?:ment|souvent|parent|urgent|argent|absent|présent|accident|incident|agent|récent|évident|content|différent|suffisent)$/;

/** French: vowel groups (accented vowels included; ë/ï and é before a vowel start a new one), minus a silent
 *  final e / es / verb ending -ent after a consonant. */
export function syllablesFr(part: string): number {
  const w = part.toLowerCase().replace(/[^a-zàâçéèêëîïôûùüÿœæ]/g, '');
  if (w === '') return 0;
  // A diaeresis (naïf, Noël) or é followed by another vowel (réel, créer) splits a vowel group; a final -ée(s)
  // does not (données).
  const split = w.replace(/([ëï])/g, '|$1').replace(/é(?=[aeiouàâèêîôûœ])(?!es?$)/g, 'é|');
  let count = split.split('|').reduce((sum, piece) => sum + (piece.match(FR_VOWEL_GROUP) ?? []).length, 0);
  if (count > 1) {
    if (new RegExp(`${FR_CONSONANT_BEFORE}es?$`).test(w)) count -= 1; // page, pages, adresse
    else if (new RegExp(`${FR_CONSONANT_BEFORE}ent$`).test(w) && !FR_SOUNDING_ENT.test(w)) count -= 1; // montrent
  }
  return Math.max(1, count);
}

const COUNTERS: Record<Language, SyllableCounter> = { en: syllablesEn, de: syllablesDe, fr: syllablesFr };

// ---------------------------------------------------------------------------------------------------------
// Words and sentences.

const SPACE = /[\s\u00a0\u202f\u2009]+/;
// Digit groups of a number separated by a (no-break / thin) space: "13 000" → one word.
const NUMBER_SPACE = /(\d)[ \u00a0\u202f\u2009](?=\d{3}(?!\d))/g;
const SENTENCE_END = /[.!?:;…]$/;
const TRAILING_CLOSERS = /["'’”»)\]]+$/;
const NUMBER = /^\d[\d.,]*$/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function syllablesOfWord(token: string, counter: SyllableCounter): number {
  const core = token.replace(/^[^\p{L}\p{N}$]+|[^\p{L}\p{N}$/]+$/gu, '');
  if (NUMBER.test(core)) return 1;
  if (URL.test(core)) return counter(core.replace(/:\/\/.*/, '')); // "https://…" is read as its scheme
  return core
    .replace(/\$/g, '')
    .split(/[-‐‑–/]/)
    .reduce((sum, piece) => sum + counter(piece.replace(/[’']/g, '')), 0);
}

/** Sentences, words and syllables of a text. Every non-empty text has at least one sentence. */
export function textStats(text: string, language: Language): TextStats {
  const counter = COUNTERS[language];
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const line of text.replace(NUMBER_SPACE, '$1').split(/\r?\n/)) {
    let wordsInSentence = 0;
    for (const token of line.split(SPACE)) {
      if (token === '') continue;
      if (/[\p{L}\p{N}]/u.test(token)) {
        words += 1;
        wordsInSentence += 1;
        syllables += Math.max(1, syllablesOfWord(token, counter));
      }
      const bare = token.replace(TRAILING_CLOSERS, '');
      if (SENTENCE_END.test(bare) && wordsInSentence > 0) {
        sentences += 1;
        wordsInSentence = 0;
      }
    }
    if (wordsInSentence > 0) sentences += 1;
  }
  return { sentences, words, syllables };
}

function score(text: string, language: Language, formula: (wordsPerSentence: number, syllablesPerWord: number) => number): Readability {
  const stats = textStats(text, language);
  if (stats.words === 0) return { ...stats, score: NaN };
  const value = formula(stats.words / stats.sentences, stats.syllables / stats.words);
  return { ...stats, score: Math.round(value * 10) / 10 };
}

/** Flesch Reading Ease (English). */
export function fleschReadingEase(text: string): Readability {
  return score(text, 'en', (wps, spw) => 206.835 - 1.015 * wps - 84.6 * spw);
}

/** Amstad's adaptation of Flesch for German. */
export function amstad(text: string): Readability {
  return score(text, 'de', (wps, spw) => 180 - wps - 58.5 * spw);
}

/** Kandel & Moles' adaptation of Flesch for French. */
export function kandelMoles(text: string): Readability {
  return score(text, 'fr', (wps, spw) => 207 - 1.015 * wps - 73.6 * spw);
}

/** The readability formula of a language. */
export function readability(text: string, language: Language): Readability {
  if (language === 'en') return fleschReadingEase(text);
  if (language === 'de') return amstad(text);
  return kandelMoles(text);
}
