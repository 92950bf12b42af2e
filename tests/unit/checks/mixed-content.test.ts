// mixed-content: an https: medical portal that loads images, scripts, frames or data over http:.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../src/analysis/analyse-page.js';
import { readPage } from '../../../src/snapshot/read-page.js';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, PORTAL_LOGIN, type TestPage } from './check-pages.js';
import { loadDocument } from '../fixture-page.js';

const withBody = (page: TestPage, extra: string): TestPage => ({ ...page, html: page.html.replace('</body>', `${extra}</body>`) });

describe('mixed-content', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it("an https patient's page with images and a script from an http: server: high, as the images may be theirs", () => {
      const page = withBody(ONE_PATIENT[lang], '<img src="http://images.example.org/wado?studyUID=2.25.1&amp;patient=A12345"><script src="http://images.example.org/overlay.js"></script>');
      const { findings, verdict } = analyseHtml(page, 'https://portal.example.org/me');
      expect(findingOf(findings, 'mixed-content')).toEqual({
        id: 'mixed-content',
        severity: 'high',
        certainty: 'certain',
        evidence: 'an https: page loads from 1 http: origin(s): script, image',
      });
      expect(verdict).toBe('warning');
      expectEvidenceFreeOf(findings, page.patientValues);
    });

    it('an https login page with an http: stylesheet: medium', () => {
      const { findings } = analyseHtml(withBody(PORTAL_LOGIN[lang], '<link rel="stylesheet" href="http://static.example.org/site.css">'), 'https://portal.example.org/login');
      expect(findingOf(findings, 'mixed-content')).toMatchObject({ severity: 'medium', evidence: 'an https: page loads from 1 http: origin(s): style' });
    });

    it('an https page that only links to http: addresses, and loads from https: and data:, is not mixed content', () => {
      const extra = '<a href="http://www.example.org/">old site</a><img src="https://cdn.example.org/logo.svg"><img src="data:image/png;base64,iVBORw0KGgo="><img src="/local.png">';
      expect(findingOf(analyseHtml(withBody(ONE_PATIENT[lang], extra), 'https://portal.example.org/me').findings, 'mixed-content')).toBeUndefined();
    });

    it('an http: page is not mixed content (plain-http covers it)', () => {
      const { findings } = analyseHtml(withBody(ONE_PATIENT[lang], '<img src="http://images.example.org/a.jpg">'), 'http://portal.example.org/me');
      expect(findingOf(findings, 'mixed-content')).toBeUndefined();
      expect(findingOf(findings, 'plain-http')).toBeDefined();
    });
  });

  it('counts an http: data request the browser made, from resource timing', () => {
    const snapshot = readPage(loadDocument(ONE_PATIENT.en.html, 'https://portal.example.org/me'), 'https://portal.example.org/me', [
      { name: 'http://api.example.org/studies?PatientID=A12345', initiatorType: 'xmlhttprequest' },
    ]);
    expect(snapshot.resources).toEqual([{ origin: 'http://api.example.org', kind: 'data' }]);
    expect(findingOf(analysePage(snapshot).findings, 'mixed-content')?.evidence).toBe('an https: page loads from 1 http: origin(s): data');
  });

  it.each(Object.entries(NOT_MEDICAL))('%s with http: images is not checked', (_name, page) => {
    expect(analyseHtml(withBody(page, '<img src="http://images.example.org/a.jpg">'), 'https://www.example.com/').findings).toEqual([]);
  });
});
