// Letter patterns (src/patient-data/letter-pattern.ts) test ASCII text with an ASCII form of themselves,
// made by rewriting their letter classes, because patterns with Unicode letter classes cost milliseconds
// to compile in every page (issue 15). That is only right if both forms match the same ASCII texts: this
// holds every pattern the product makes to it, on every text of up to four pieces from a list of the
// characters and words these patterns are about, and on random ASCII text.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiSource, letterPattern, LETTER_PATTERNS } from '../../src/patient-data/letter-pattern.js';
import { isCommaPersonName, isDicomPersonName, isNameValue, isPatientNamedFolder } from '../../src/patient-data/values.js';
import { countDistinctPatients, findDicomNamesInText } from '../../src/patient-data/patient-records.js';
import '../../src/snapshot/read-page.js';

// Both forms' results on a text: whether they match, and what replacing and matchAll find (global ones).
function results(pattern: RegExp, text: string): string {
  if (!pattern.global) return String(pattern.test(text));
  return JSON.stringify([text.replace(pattern, '#'), [...text.matchAll(pattern)].map((match) => [match.index, match[0]])]);
}

const PIECES = ['DOE', 'Jane', 'o', 'X', 'k', '^', ',', ', ', ' ', "'", '.', '-', '_', '19800131', '/', ':', 'pat_', 'PATIENT ', '\t', '9'];

function* piecesUpTo(count: number, prefix = ''): Generator<string> {
  yield prefix;
  if (count === 0) return;
  for (const piece of PIECES) yield* piecesUpTo(count - 1, prefix + piece);
}

describe('letter patterns', () => {
  it('are made for every pattern of the content script with letter classes, but the gate\'s', () => {
    // The gate (medical-gate.ts) keeps its one pattern as written: it runs only on text with a caret, and
    // the gate's size is held to its limit (bench/).
    const written: string[] = [];
    const visit = (path: string): void => {
      for (const entry of readdirSync(path)) {
        const full = join(path, entry);
        if (statSync(full).isDirectory()) visit(full);
        else if (full.endsWith('.ts') && !full.endsWith('letter-pattern.ts') && !full.endsWith('medical-gate.ts')) {
          for (const line of readFileSync(full, 'utf8').split('\n')) if (/\\[pP]\{/.test(line)) written.push(`${full}: ${line.trim()}`);
        }
      }
    };
    visit('src');
    const unwrapped = written.filter((line) => !line.includes('letterPattern(String.raw`'));
    expect(unwrapped).toEqual([]);
    expect(LETTER_PATTERNS.length).toBe(written.length);
  });

  it('match the same ASCII texts in both forms: every text of up to four pieces', () => {
    let matched = 0;
    for (const text of piecesUpTo(4)) {
      for (const pattern of LETTER_PATTERNS) {
        const unicode = pattern.unicodeForm();
        const ascii = pattern.asciiForm();
        const expected = results(unicode, text);
        if (results(ascii, text) !== expected) expect.fail(`/${unicode.source}/${unicode.flags} and /${ascii.source}/${ascii.flags} differ on ${JSON.stringify(text)}`);
        if (expected === 'true') matched++;
      }
    }
    // The pieces make texts that match, not only ones that do not.
    expect(matched).toBeGreaterThan(10_000);
  });

  it('match the same ASCII texts in both forms: random ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code)), maxLength: 40 }), (text) => {
        for (const pattern of LETTER_PATTERNS) expect(results(pattern.asciiForm(), text)).toBe(results(pattern.unicodeForm(), text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('test other text with the pattern as written', () => {
    expect(isDicomPersonName('MÜLLER^HANS')).toBe(true);
    expect(isDicomPersonName('ÉMILE^ZOLA')).toBe(true);
    expect(isNameValue('Hélène Dupont')).toBe(true);
    expect(isCommaPersonName('Dupont, Hélène')).toBe(true);
    expect(isCommaPersonName('ΠΑΠΑΔΟΠΟΥΛΟΣ, ΓΙΩΡΓΟΣ')).toBe(true);
    expect(isPatientNamedFolder('MÜLLER_HANS_19800131/')).toBe(true);
    expect(findDicomNamesInText('Patient ÖZTÜRK^AYŞE, Studie vom 3.1.')).toEqual(['ÖZTÜRK^AYŞE']);
    expect(countDistinctPatients([{ fields: { name: 'Ayşe Öztürk' } }, { fields: { name: 'AYŞE, ÖZTÜRK' } }, { fields: { name: 'Ayse Ozturk' } }])).toBe(2);
    // And ASCII text through the ASCII form, the same way.
    expect(isDicomPersonName('DOE^JANE')).toBe(true);
    expect(isDicomPersonName('doe^JANE')).toBe(false);
    expect(isCommaPersonName('Doe, Jane')).toBe(true);
    expect(isNameValue('J.')).toBe(false);
  });

  it('rewrite only the letter classes, inside and outside classes', () => {
    expect(asciiSource(String.raw`^[\p{Lu}][\p{L}\p{M}'’ -]*\^\p{L}\\p{L}$`)).toBe(String.raw`^[A-Z][A-Za-z'’ -]*\^[A-Za-z]\\p{L}$`);
    expect(asciiSource(String.raw`\p{M}[\]\p{L}]`)).toBe(String.raw`(?!)[\]A-Za-z]`);
  });

  it('refuse classes they have no ASCII form for', () => {
    // Made when the ASCII form is first needed: the tests above need every pattern's.
    expect(() => asciiSource(String.raw`^\P{L}+$`)).toThrow(/no ASCII form for \\P\{L\}/);
    expect(() => asciiSource(String.raw`[\p{N}]`)).toThrow(/no ASCII form/);
    expect(() => asciiSource(String.raw`\p{toString}`)).toThrow(/no ASCII form/);
    expect(() => asciiSource(String.raw`\p{L`)).toThrow(/no ASCII form/);
    expect(() => letterPattern('[a-z]', 'g')).toThrow(/u flag/);
  });

  it('make no pattern until a text needs one: V8 does its costly work on a Unicode pattern when it is made', () => {
    const made: string[] = [];
    const original = globalThis.RegExp;
    globalThis.RegExp = new Proxy(original, {
      construct(target, args: [string, string]) {
        made.push(`/${args[0]}/${args[1]}`);
        return new target(...args);
      },
    });
    try {
      const pattern = letterPattern(String.raw`^\p{Lu}\p{L}+$`, 'u');
      expect(made).toEqual([]);
      expect(pattern.test('Jane')).toBe(true);
      expect(pattern.test('Zoë')).toBe(true);
      expect(pattern.test('jane')).toBe(false);
      expect(made).toEqual(['/^[A-Z][A-Za-z]+$/', String.raw`/^\p{Lu}\p{L}+$/u`]);
    } finally {
      globalThis.RegExp = original;
    }
  });
});
