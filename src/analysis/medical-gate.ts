// Could this page be a medical portal at all? Decided on the quick look (src/snapshot/quick-look.ts):
// if not, the full read and the checks are not even loaded. The gate must never miss a portal, so
// it is generous: any word of the field in English, German or French, a viewer's name, DICOM-style
// names or files, a directory index, or a JSON answer lets the page through to the full check.
// Viewers are let through by the same fingerprints that name them later (products.ts): any title or
// address sign of any product is enough here, whatever its weight. This runs on every page (in the gate
// script, content/gate.iife.ts), so it takes those signs from their generated, compact copy.
//
// Why words and not one pattern: this runs once per page, cold. One case-insensitive pattern of all the
// words was compiled to machine code for every page (long texts are compiled at once) and was the largest
// part of what the gate cost on a page that is not medical (bench/, issue 15). Searching the lower-cased
// text for each word is done by the engine's string search, with nothing to compile. A unit test
// (medical-gate.test.ts) holds this to that pattern: whatever it matched, this matches.

import type { PageHead, QuickLook } from '../snapshot/quick-look';
import { WORDS_ANYWHERE } from './medical-words';
import { PRODUCT_ADDRESS_SIGNS, PRODUCT_TITLE_SIGNS } from './product-entry-signs.generated';

/** Found only as whole words: short ones that are parts of ordinary words ("mr" in "mrs", "dob" in "adobe"). */
const WHOLE_WORDS = ['mr', 'mrt', 'mri', 'irm', 'mrn', 'dob', 'study', 'studies', 'studie', 'studien'];

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** A word character as in a pattern's \w: ASCII letters (the text is lower-cased), digits, "_". */
const isWordChar = (code: number): boolean => isDigit(code) || (code >= 97 && code <= 122) || code === 95;

/** `word` standing alone in `text`: not inside a longer run of word characters. */
function hasWholeWord(text: string, word: string): boolean {
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
    if (!isWordChar(text.charCodeAt(index - 1)) && !isWordChar(text.charCodeAt(index + word.length))) return true;
  }
  return false;
}

/** "IM000123" or "im_0001": the file names of DICOM images, at the start of a word. */
function hasImageFileName(text: string): boolean {
  for (let index = text.indexOf('im'); index >= 0; index = text.indexOf('im', index + 2)) {
    if (index > 0 && isWordChar(text.charCodeAt(index - 1))) continue;
    let digit = index + 2;
    if (text.charCodeAt(digit) === 95) digit++;
    let digits = 0;
    while (isDigit(text.charCodeAt(digit + digits))) digits++;
    if (digits >= 4) return true;
  }
  return false;
}

/** A DICOM UID: five or more numbers joined by dots ("1.2.840.10008.1"). */
function hasUid(text: string): boolean {
  for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if (!isDigit(text.charCodeAt(dot - 1)) || !isDigit(text.charCodeAt(dot + 1))) continue;
    // Count the numbers from here on: the dot follows the first.
    let numbers = 1;
    let index = dot;
    while (text.charCodeAt(index) === 46 && isDigit(text.charCodeAt(index + 1))) {
      numbers++;
      index++;
      while (isDigit(text.charCodeAt(index))) index++;
    }
    if (numbers >= 5) return true;
    dot = index - 1;
  }
  return false;
}

/**
 * The text in lower case, with the two letters whose lower case is an ASCII letter ("İ" and the Kelvin
 * sign) made spaces: a pattern's case-insensitive match does not take them for "i" and "k" either.
 */
function lowerCase(text: string): string {
  const plain = text.includes('\u0130') || text.includes('\u212a') ? text.replaceAll('\u0130', ' ').replaceAll('\u212a', ' ') : text;
  return plain.toLowerCase();
}

function hasHint(text: string): boolean {
  const lower = lowerCase(text);
  return (
    WORDS_ANYWHERE.some((word) => lower.includes(word)) ||
    WHOLE_WORDS.some((word) => hasWholeWord(lower, word)) ||
    hasImageFileName(lower) ||
    hasUid(lower) ||
    // A DICOM person name ("MÜLLER^HANS") in any script: the one pattern, written here so that it is made
    // only for text with a caret in it (V8 works on a Unicode pattern as soon as it is made: about 0.1 ms of
    // every page's gate when it was made with the module; letter-pattern.ts).
    (text.includes('^') && /\p{Lu}{2,}\^\p{Lu}/iu.test(text))
  );
}

function hasProductSign(head: PageHead): boolean {
  return PRODUCT_TITLE_SIGNS.some((pattern) => pattern.test(head.title)) || PRODUCT_ADDRESS_SIGNS.some((pattern) => pattern.test(head.url));
}

/** What the type, title and address alone say; true settles it (mayBeMedicalPortal says true too). */
export function headMayBeMedical(head: PageHead): boolean {
  return head.contentType.toLowerCase().includes('json') || hasHint(head.title) || hasHint(head.url) || hasProductSign(head);
}

/** What the start of the text says (quick-look.ts, startOfText), for a page whose head said nothing. */
export function textMayBeMedical(text: string): boolean {
  return hasHint(text);
}

export function mayBeMedicalPortal(look: QuickLook): boolean {
  return headMayBeMedical(look) || textMayBeMedical(look.text);
}
