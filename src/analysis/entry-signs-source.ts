// The text of product-entry-signs.generated.ts, made from the fingerprints (products.ts): every title
// and address sign of every product, whatever its weight, joined into one pattern per kind and case
// rule. Used by scripts/generate-entry-signs.ts and by the unit test that keeps the file current; never
// loaded into a page.

import { PRODUCTS, type SignKind } from './products';

function combined(kind: SignKind, ignoreCase: boolean): string {
  const sources = PRODUCTS.flatMap((product) => product.signs)
    .filter((sign) => sign.kind === kind && sign.pattern.flags.includes('i') === ignoreCase)
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
// Every product's title and address signs, for the quick-look gate (medical-gate.ts).

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
