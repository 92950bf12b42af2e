// The text of product-entry-signs.generated.ts, made from the fingerprints (products.ts): every title
// and address sign of every product, whatever its weight, joined into one pattern per kind and case
// rule, except the signs the gate's words let through anyway (impliedByWords). Used by
// scripts/generate-entry-signs.ts and by the unit test that keeps the file current; never
// loaded into a page.

import { WORDS_ANYWHERE } from './medical-words';
import { PRODUCTS, type SignKind } from './products';

/** Shorter texts are not named: they tell little (every address holds "/"). */
const SHORTEST_TEXT = 4;

/** One atom of a pattern as requiredTexts reads it. */
type Atom = { kind: 'char'; char: string } | { kind: 'group'; texts: string[] | null } | { kind: 'other' };

/**
 * Texts, in lower case, at least one of which every match of `pattern` holds; null when the pattern's
 * source does not show such texts of SHORTEST_TEXT or more characters. Read from the source: a run of
 * plain ASCII characters with no quantifier, one after another, is in every match of its sequence; a
 * group that must occur adds its own texts; alternatives add up (each must hold one). Anything else
 * (classes, escapes such as \d, quantified or non-ASCII characters, anchors, lookarounds) only ends a
 * run, so the answer can only miss texts, never name one a match may lack. Lower case suits both case
 * rules: an ASCII letter matches only its own two cases, with or without the i flag.
 */
export function requiredTexts(pattern: RegExp): string[] | null {
  // With the u or v flag and i, "s" and "k" also match "ſ" and the Kelvin sign, whose lower case differs.
  if (/[uv]/.test(pattern.flags)) return null;
  const source = pattern.source;
  let at = 0;

  const alternatives = (): string[] | null => {
    const found: Array<string[] | null> = [sequence()];
    while (source[at] === '|') {
      at++;
      found.push(sequence());
    }
    return found.every((texts) => texts !== null) ? [...new Set(found.flat() as string[])] : null;
  };

  const atom = (): Atom => {
    const char = source[at++]!;
    if (char === '\\') {
      const next = source[at++] ?? '';
      if (/[\\^$.*+?()[\]{}|/-]/.test(next)) return { kind: 'char', char: next };
      if (next === 'p' || next === 'P' || next === 'u') {
        if (source[at] === '{') at = source.indexOf('}', at) + 1;
        else if (next === 'u') at += 4;
      } else if (/\d/.test(next)) {
        // A back reference or an octal escape, with all its digits.
        while (/\d/.test(source[at] ?? '')) at++;
      } else if (next === 'x') at += 2;
      else if (next === 'c') at += 1;
      else if (next === 'k') at = source.indexOf('>', at) + 1;
      return { kind: 'other' };
    }
    if (char === '[') {
      for (; at < source.length && source[at] !== ']'; at++) if (source[at] === '\\') at++;
      at++;
      return { kind: 'other' };
    }
    if (char === '(') {
      // (…), (?:…), (?<name>…) and lookarounds; other groups (modifiers such as (?i:…)) are not read.
      const opening = /^\?(?::|<?[=!]|<[\w$]+>)/.exec(source.slice(at))?.[0] ?? '';
      if (source[at] === '?' && !opening) throw new Error(`cannot read the pattern ${pattern}`);
      at += opening.length;
      const lookaround = /[=!]$/.test(opening);
      const texts = alternatives();
      if (source[at++] !== ')') throw new Error(`cannot read the pattern ${pattern}`);
      return lookaround ? { kind: 'other' } : { kind: 'group', texts };
    }
    if (/[.^${}*+?]/.test(char) || char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x20) return { kind: 'other' };
    return { kind: 'char', char: char.toLowerCase() };
  };

  /** The quantifier after the atom just read, as the least times the atom must occur; null without one. */
  const leastTimes = (): number | null => {
    const quantifier = /^(?:[*+?]|\{(\d+)(?:,\d*)?\})/.exec(source.slice(at));
    if (!quantifier) return null;
    at += quantifier[0].length;
    if (source[at] === '?') at++;
    return quantifier[0] === '+' ? 1 : quantifier[1] !== undefined ? Number(quantifier[1]) : 0;
  };

  const sequence = (): string[] | null => {
    const candidates: string[][] = [];
    let run = '';
    const endRun = (): void => {
      if (run.length >= SHORTEST_TEXT) candidates.push([run]);
      run = '';
    };
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const read = atom();
      const times = leastTimes();
      // A character that may repeat or be missing ("b" in "ab+c") ends the run: "abbc" holds no "abc".
      if (read.kind === 'char' && times === null) {
        run += read.char;
        continue;
      }
      endRun();
      if (read.kind === 'group' && (times === null || times >= 1) && read.texts) candidates.push(read.texts);
    }
    endRun();
    // The texts whose shortest is longest: the most telling.
    const shortest = (texts: string[]): number => Math.min(...texts.map((text) => text.length));
    return candidates.sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)[0] ?? null;
  };

  // Every text named is a run of SHORTEST_TEXT or more (endRun): nothing shorter gets this far.
  const texts = alternatives();
  if (at !== source.length) throw new Error(`cannot read the pattern ${pattern}`);
  return texts;
}

/**
 * A sign the gate's words already let through: every match holds one of its required texts
 * (requiredTexts) and each of those holds one of WORDS_ANYWHERE, so every title or address it matches
 * holds such a word too. Leaving these out keeps the gate script small (issue 15: at most 6 KB on a page
 * that is not medical).
 */
export function impliedByWords(pattern: RegExp): boolean {
  const texts = requiredTexts(pattern);
  return texts !== null && texts.every((text) => WORDS_ANYWHERE.some((word) => text.includes(word)));
}

/** The signs of a kind the gate must carry: those the words do not already let through. */
const gateSigns = (kind: SignKind) => PRODUCTS.flatMap((product) => product.signs).filter((sign) => sign.kind === kind && !impliedByWords(sign.pattern));

function combined(kind: SignKind, ignoreCase: boolean): string {
  const sources = gateSigns(kind)
    .filter((sign) => sign.pattern.flags.includes('i') === ignoreCase)
    .map((sign) => {
      // Only the case rule can be carried over by the split into two patterns.
      if (/[^i]/.test(sign.pattern.flags)) throw new Error(`sign ${sign.pattern} has flags the gate cannot combine`);
      return `(?:${sign.pattern.source})`;
    });
  // A pattern that matches nothing keeps the shape when a kind has no sign.
  return `/${sources.length ? sources.join('|') : '(?!)'}/${ignoreCase ? 'i' : ''}`;
}

export function entrySignsSource(): string {
  return `// Generated from products.ts by scripts/generate-entry-signs.ts: do not edit (npx tsx scripts/generate-entry-signs.ts).
// Every product's title and address signs that the gate's words (medical-words.ts) do not already let through, for the quick-look gate (medical-gate.ts).

export const PRODUCT_TITLE_SIGNS: readonly RegExp[] = [
  ${combined('title', false)},
  ${combined('title', true)},
];

export const PRODUCT_ADDRESS_SIGNS: readonly RegExp[] = [
  ${combined('url', false)},
  ${combined('url', true)},
];
`;
}
