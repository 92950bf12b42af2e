// `npx tsx scripts/generate-entry-signs.ts`: writes src/analysis/product-entry-signs.generated.ts, the
// products' title and address signs (products.ts) as four combined patterns. The quick-look gate runs on
// every page the browser opens and must stay small: it cannot carry the whole fingerprint file, and the
// fingerprint file stays the one place to edit. tests/unit/entry-signs.test.ts fails when this output is
// out of date.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entrySignsSource } from '../src/analysis/entry-signs-source';

const target = join(resolve(import.meta.dirname, '..'), 'src/analysis/product-entry-signs.generated.ts');
writeFileSync(target, entrySignsSource());
console.log(`wrote ${target}`);
