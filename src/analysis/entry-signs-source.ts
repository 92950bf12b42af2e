// The text of product-entry-signs.generated.ts, made from the fingerprints (products.ts): every title
// and address sign of every product, whatever its weight, joined into one pattern per kind and case
// rule, except the signs the gate's words let through anyway (impliedByWords). Used by scripts/generate-entry-signs.ts and by the unit test that keeps the file current; never
// loaded into a page.

import { WORDS_ANYWHERE } from './medical-words';
import { PRODUCTS, type SignKind } from './products';

/**
 * A sign the gate's words already let through: a plain text (anchors and escaped punctuation aside)
 * that holds one of WORDS_ANYWHERE, so every title or address it matches holds that word too. Leaving
 * these out keeps the gate script small (issue 15: at most 6 KB on a page that is not medical).
 */
export function impliedByWords(pattern: RegExp): boolean {
  const text = pattern.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\([./-])/g, '$1');
  return !/[\\^$.*+?()[\]{}|]/.test(text.replace(/[./-]/g, '')) && WORDS_ANYWHERE.some((word) => text.toLowerCase().includes(word));
}

function combined(kind: SignKind, ignoreCase: boolean): string {
  const sources = PRODUCTS.flatMap((product) => product.signs)
    .filter((sign) => sign.kind === kind && sign.pattern.flags.includes('i') === ignoreCase && !impliedByWords(sign.pattern))
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
