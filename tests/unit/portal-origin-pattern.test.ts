// The organisation's portal list reaches the gate script in every page in a compact form, one pattern
// over the page's origin (portalOriginPattern). It must match exactly the pages matchesAnyPortal does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesAnyPortal, normalisePortalPattern, portalOriginPattern } from '../../src/shared/portal-address.js';

const originMatches = (patterns: string[], pageUrl: string): boolean => {
  const source = portalOriginPattern(patterns);
  return source !== null && new RegExp(source).test(new URL(pageUrl).origin);
};

const label = fc.constantFrom('pacs', 'clinic', 'example', 'org', 'de', 'a1', 'x-ray', '10', '0');
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const port = fc.option(fc.constantFrom('80', '443', '8042', '8080'), { nil: undefined });
const scheme = fc.constantFrom('http', 'https');
const pageUrl = fc.tuple(scheme, host, port, fc.constantFrom('/', '/app/explorer.html', '/x?y=1#z')).map(([s, h, p, path]) => `${s}://${h}${p ? `:${p}` : ''}${path}`)
  // Hosts whose last label is a number are no valid address (the browser never shows such a page).
  .filter((url) => URL.canParse(url));
const pattern = fc
  .tuple(fc.constantFrom('origin', 'host', 'subdomains'), scheme, host, port)
  .map(([kind, s, h, p]) => (kind === 'origin' ? `${s}://${h}${p ? `:${p}` : ''}` : `${kind === 'subdomains' ? '*.' : ''}${h}${p ? `:${p}` : ''}`))
  .map((text) => normalisePortalPattern(text))
  .filter((normal): normal is string => normal !== null);

describe('portalOriginPattern', () => {
  it('matches a page exactly when matchesAnyPortal does', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 4 }), pageUrl, (patterns, url) => {
        expect(originMatches(patterns, url)).toBe(matchesAnyPortal(url, patterns));
      }),
      { numRuns: 3_000 },
    );
  });

  it('is null for an empty list, and treats dots and stars literally', () => {
    expect(portalOriginPattern([])).toBeNull();
    expect(originMatches(['pacs.example.org'], 'http://pacsxexample.org/')).toBe(false);
    expect(originMatches(['*.example.org'], 'https://a.b.example.org:8443/')).toBe(true);
    expect(originMatches(['*.example.org'], 'https://badexample.org/')).toBe(false);
    expect(originMatches(['http://10.0.0.5:8042'], 'http://10.0.0.5:8042/app/explorer.html')).toBe(true);
    expect(originMatches(['http://10.0.0.5:8042'], 'https://10.0.0.5:8042/')).toBe(false);
    expect(originMatches(['example.org:443'], 'https://example.org/')).toBe(matchesAnyPortal('https://example.org/', ['example.org:443']));
  });
});
