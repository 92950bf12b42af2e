// The gate's compact copy of the products' title and address signs (product-entry-signs.generated.ts)
// must say what products.ts says: when a fingerprint changes, this fails until the file is regenerated.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySignsSource, impliedByWords, requiredTexts } from '../../src/analysis/entry-signs-source.js';
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
      // Each text the sign requires, alone as the title or in the address, lets the page through.
      for (const text of requiredTexts(sign.pattern)!) {
        expect(mayBeMedicalPortal(sign.kind === 'title' ? look(text, 'https://example.org/') : look('Welcome', `https://example.org/${text}`)), `${sign.pattern}: ${text}`).toBe(true);
      }
    }
    // "Conquest DICOM " is in every match, and "conquest" is one of the words; "/app/explorer.html" holds none.
    expect(impliedByWords(/^Conquest DICOM (server|software)/i)).toBe(true);
    expect(impliedByWords(/\/app\/explorer\.html/)).toBe(false);
    expect(impliedByWords(/\/(patients|studies|series|instances)\//)).toBe(false);
  });
});

describe('the texts every match of a pattern holds (requiredTexts)', () => {
  it('reads runs of plain characters, groups that must occur and alternatives', () => {
    const cases: Array<[RegExp, string[] | null]> = [
      [/^XNAT$/, ['xnat']],
      [/\/app\/explorer\.html/, ['/app/explorer.html']],
      [/\/viewer\?StudyInstanceUIDs=|\/ohif\//, ['/viewer?studyinstanceuids=', '/ohif/']],
      [/\/(patients|studies|series|instances)\/[0-9a-f]{8}(-[0-9a-f]{8}){4}/, ['patients', 'studies', 'series', 'instances']],
      [/dgate(\.exe)?\?mode=/, ['?mode=']],
      [/^Conquest DICOM (server|software)/i, ['conquest dicom ']],
      [/a(?<name>bcde)f/, ['bcde']],
      [/x(abcd){2}/, ['abcd']],
      [/(?:wxyz)+/, ['wxyz']],
      [/^abcd|efgh$/, ['abcd', 'efgh']],
      // A character that may repeat or be missing ends the run; so do classes, escapes like \d and lookarounds.
      [/ab+cdef/, ['cdef']],
      [/ab{1,}cdef/, ['cdef']],
      [/[abcd]efgh/, ['efgh']],
      [/abcd\u0041/, ['abcd']],
      [/abcd?ef/, null],
      [/ab(cdef)?gh/, null],
      [/(abcd)*/, null],
      [/x(abcd){0}/, null],
      [/(?=abcd)x/, null],
      [/abc|defgh/, null],
      [/\d+\.\d+/, null],
      [/(a)bcde\1fghij/, ['fghij']],
      [/abcdef/iu, null],
    ];
    for (const [pattern, texts] of cases) expect(requiredTexts(pattern), String(pattern)).toEqual(texts);
  });

  it('names only texts that every match holds: matches of every product sign and of made-up patterns', () => {
    const matches: Array<[RegExp, string]> = [
      [/ab+cdef/, 'xxABBBCDEFxx'.toLowerCase()],
      [/abcd?ef/, 'abcef'],
      [/x(abcd){2}y/, 'xabcdabcdy'],
      [/^Conquest DICOM (server|software)/i, 'CONQUEST dicom Software'],
      [/\/(patients|studies|series|instances)\/[0-9a-f]{8}(-[0-9a-f]{8}){4}/, 'http://h:8042/instances/0123abcd-0123abcd-0123abcd-0123abcd-0123abcd'],
      [/dgate(\.exe)?\?mode=/, 'http://h/cgi-bin/dgate.exe?mode=top'],
      [/\/Site\/Pages\/login\.aspx/i, 'https://h/site/pages/LOGIN.aspx'],
    ];
    // The product signs' own examples: every title and address the fingerprint tests show them with.
    for (const sign of PRODUCTS.flatMap((product) => product.signs)) {
      if (sign.kind !== 'title' && sign.kind !== 'url') continue;
      const plain = sign.pattern.source.replace(/^\^/, '').replace(/\$$/, '').replaceAll('\\', '');
      if (sign.pattern.test(plain)) matches.push([sign.pattern, plain]);
    }
    expect(matches.length).toBeGreaterThan(30);
    for (const [pattern, text] of matches) {
      expect(pattern.test(text), `${pattern} ${text}`).toBe(true);
      const texts = requiredTexts(pattern);
      if (texts) expect(texts.some((required) => text.toLowerCase().includes(required)), `${pattern} ${text}`).toBe(true);
    }
  });
});
