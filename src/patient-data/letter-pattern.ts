// Patterns of letters in any script (\p{L}, \p{Lu}, \p{M}) are costly for V8 to make and compile, and
// every page's content script starts cold. In Chromium 156 the first runs of the eight such patterns of
// the content script took 4.7 to 8.2 ms together, their ASCII forms 0.4 to 1.1 ms (fresh pages); in
// Node 20, 8 and 0.9 ms, and as much again on a pattern's second run, when Node compiles it to machine
// code. Most text is ASCII, on which such a pattern matches exactly what the same pattern with ASCII
// letter classes matches. So ASCII text is tested with that form, made here from the pattern's own
// source, and only other text with the pattern as written. letter-pattern.test.ts holds every pattern
// made here to agreeing with its ASCII form on ASCII text (bench/, issue 15).

/** The letter classes there is an ASCII form for: inside a class […], and standing alone. */
const ASCII_LETTERS = new Map([
  ['L', { inClass: 'A-Za-z', alone: '[A-Za-z]' }],
  ['Lu', { inClass: 'A-Z', alone: '[A-Z]' }],
  // No ASCII character is a mark.
  ['M', { inClass: '', alone: '(?!)' }],
]);

const NOT_ASCII = /[^\x00-\x7f]/;

/** The pattern's source with ASCII letter classes, for the same flags without `u`. */
export function asciiSource(source: string): string {
  let ascii = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if ((next === 'p' || next === 'P') && source[index + 2] === '{') {
        const end = source.indexOf('}', index + 3);
        const form = next === 'p' && end > 0 ? ASCII_LETTERS.get(source.slice(index + 3, end)) : undefined;
        // A class without an ASCII form here (\P{…}, \p{N}, …) would be tested wrongly: refuse it.
        if (!form) throw new Error(`letterPattern: no ASCII form for ${source.slice(index, end + 1)} in /${source}/`);
        ascii += inClass ? form.inClass : form.alone;
        index = end;
        continue;
      }
      ascii += char + next;
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
  /** The pattern as written, made the first time non-ASCII text needs it. */
  unicodeForm(): RegExp;
  /** Its ASCII form, made the first time ASCII text needs it. */
  asciiForm(): RegExp;
  /** Whether the pattern matches `text` (not for global patterns: `test` would move their lastIndex). */
  test(text: string): boolean;
  /** The pattern to use on `text`, for replace and matchAll. */
  for(text: string): RegExp;
}

/** Every letter pattern made, so that a test can check each against its ASCII form. */
export const LETTER_PATTERNS: LetterPattern[] = [];

/**
 * A pattern with letter classes of any script (its source, and flags with `u`), tested through its ASCII
 * form on ASCII text. Given as a source, not as a /…/u literal: V8 does its costly work on such a pattern
 * when the literal is evaluated, and these are made when a module loads (with literals, the four of
 * values.ts took 0.7 to 5 ms in Chromium, in the task that loads the full content script, and the added
 * script time of the study list grew by 3 ms). So nothing is made until a text needs it.
 */
export function letterPattern(source: string, flags: string): LetterPattern {
  if (!flags.includes('u')) throw new Error(`letterPattern: /${source}/${flags} needs the u flag`);
  let unicode: RegExp | undefined;
  let ascii: RegExp | undefined;
  const unicodeForm = (): RegExp => (unicode ??= new RegExp(source, flags));
  const asciiForm = (): RegExp => (ascii ??= new RegExp(asciiSource(source), flags.replace('u', '')));
  const patternFor = (text: string): RegExp => (NOT_ASCII.test(text) ? unicodeForm() : asciiForm());
  const pattern: LetterPattern = { unicodeForm, asciiForm, test: (text) => patternFor(text).test(text), for: patternFor };
  LETTER_PATTERNS.push(pattern);
  return pattern;
}
