// Patterns of letters in any script (\p{L}, \p{Lu}, \p{M}) are costly to compile. In V8 each one cost
// 0.1 to 1.7 ms the first time it ran and about as much again on its second run, when V8 compiles it to
// machine code (Node 20, first runs of the patterns below: 8 ms together, their ASCII forms 0.9 ms); and
// every page's content script starts cold, so a medical page paid that inside the tasks of its check
// (bench/, issue 15). Most text is ASCII, on which such a pattern matches exactly what the same pattern
// with ASCII letter classes matches. So ASCII text is tested with that form, made here from the pattern
// itself, and only other text with the pattern as written. letter-pattern.test.ts holds every pattern made
// here to agreeing with its ASCII form on ASCII text.

/** The letter classes there is an ASCII form for: inside a class […], and standing alone. */
const ASCII_LETTERS: Record<string, { inClass: string; alone: string }> = {
  L: { inClass: 'A-Za-z', alone: '[A-Za-z]' },
  Lu: { inClass: 'A-Z', alone: '[A-Z]' },
  // No ASCII character is a mark.
  M: { inClass: '', alone: '(?!)' },
};

const NOT_ASCII = /[^\x00-\x7f]/;

/** The pattern's source with ASCII letter classes, for the same flags without `u`. */
export function asciiSource(source: string): string {
  let ascii = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      const letters = /^[pP]\{(\w+)\}/.exec(source.slice(index + 1));
      if (letters) {
        const form = letters[0].startsWith('p') ? ASCII_LETTERS[letters[1]!] : undefined;
        // A class without an ASCII form here (\P{…}, \p{N}, …) would be tested wrongly: refuse it.
        if (!form) throw new Error(`letterPattern: no ASCII form for \\${letters[0]} in /${source}/`);
        ascii += inClass ? form.inClass : form.alone;
        index += letters[0].length;
        continue;
      }
      ascii += source.slice(index, index + 2);
      index++;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    ascii += char;
  }
  return ascii;
}

export interface LetterPattern {
  /** Whether the pattern matches `text` (not for global patterns: `test` would move their lastIndex). */
  test(text: string): boolean;
  /** The pattern to use on `text`, for replace and matchAll. */
  for(text: string): RegExp;
}

/** Every letter pattern made, so that a test can check each against its ASCII form. */
export const LETTER_PATTERNS: Array<{ unicode: RegExp; ascii: RegExp }> = [];

/** A pattern with letter classes of any script (a `u` pattern), tested through its ASCII form on ASCII text. */
export function letterPattern(unicode: RegExp): LetterPattern {
  if (!unicode.flags.includes('u')) throw new Error(`letterPattern: /${unicode.source}/ needs the u flag`);
  const ascii = new RegExp(asciiSource(unicode.source), unicode.flags.replace('u', ''));
  LETTER_PATTERNS.push({ unicode, ascii });
  const patternFor = (text: string): RegExp => (NOT_ASCII.test(text) ? unicode : ascii);
  return { test: (text) => patternFor(text).test(text), for: patternFor };
}
