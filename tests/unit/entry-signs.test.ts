// The gate's compact copy of the products' title and address signs (product-entry-signs.generated.ts)
// must say what products.ts says: when a fingerprint changes, this fails until the file is regenerated.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySignsSource, impliedByWords } from '../../src/analysis/entry-signs-source.js';
import { mayBeMedicalPortal } from '../../src/analysis/medical-gate.js';
import { PRODUCTS } from '../../src/analysis/products.js';

const generated = join(resolve(import.meta.dirname, '../..'), 'src/analysis/product-entry-signs.generated.ts');
const look = (title: string, url: string) => ({ url, title, contentType: 'text/html', text: '', textNodes: 0 });

describe('the gate\'s copy of the product signs', () => {
  it('is current (else run: npx tsx scripts/generate-entry-signs.ts)', () => {
    expect(readFileSync(generated, 'utf8')).toBe(entrySignsSource());
  });

  it('lets a page through on a title or address that any single product sign matches', () => {
    // Titles and addresses as these products show them (fingerprints.md), in either case where the sign ignores it.
    const examples: Record<string, { title?: string; url?: string }> = {
      'Orthanc Explorer': { title: 'Orthanc Explorer', url: 'http://10.0.0.5:8042/app/explorer.html' },
      'Orthanc Explorer 2': { title: 'Orthanc Explorer 2', url: 'http://10.0.0.5:8042/ui/app/#/' },
      'Stone Web Viewer': { title: 'Stone Web Viewer', url: 'http://10.0.0.5/stone-webviewer/index.html' },
      'Kodak InSite': { url: 'https://insite.example.org/site/pages/LOGIN.aspx' },
      XNAT: { title: 'XNAT', url: 'https://xnat.example.org/app/template/Login.vm' },
      Dicoogle: { title: 'dicoogle' },
    };
    for (const [name, { title, url }] of Object.entries(examples)) {
      expect(PRODUCTS.some((product) => product.name === name), name).toBe(true);
      if (title) expect(mayBeMedicalPortal(look(title, 'https://example.org/')), `${name} title`).toBe(true);
      if (url) expect(mayBeMedicalPortal(look('Welcome', url)), `${name} address`).toBe(true);
    }
    expect(mayBeMedicalPortal(look('Welcome', 'https://example.org/news/today'))).toBe(false);
  });

  it('leaves out only signs whose every match the medical words let through', () => {
    const left = PRODUCTS.flatMap((product) => product.signs).filter((sign) => (sign.kind === 'title' || sign.kind === 'url') && impliedByWords(sign.pattern));
    expect(left.length).toBeGreaterThan(5);
    for (const sign of left) {
      // The sign's own text, as the smallest title or address it matches.
      const text = sign.pattern.source.replace(/^\^/, '').replace(/\$$/, '').replaceAll('\\', '');
      expect(sign.pattern.test(text), String(sign.pattern)).toBe(true);
      expect(mayBeMedicalPortal(sign.kind === 'title' ? look(text, 'https://example.org/') : look('Welcome', `https://example.org${text}`)), String(sign.pattern)).toBe(true);
    }
    expect(impliedByWords(/^Conquest DICOM (server|software)/i)).toBe(false);
    expect(impliedByWords(/\/app\/explorer\.html/)).toBe(false);
  });
});
