// plain-http: every medical portal served over http:, high when the page shows patient data.

import { describe, expect, it } from 'vitest';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, PORTAL_LOGIN, STUDY_LIST } from './check-pages.js';

describe('plain-http', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('a study list over http: is plain-http, high, because it shows patient data', () => {
      const { findings } = analyseHtml(STUDY_LIST[lang], 'http://203.0.113.9/studies');
      expect(findingOf(findings, 'plain-http')).toEqual({
        id: 'plain-http',
        severity: 'high',
        certainty: 'certain',
        evidence: 'page address is http: and the page shows patient data',
      });
      expectEvidenceFreeOf(findings, STUDY_LIST[lang].patientValues);
    });

    it("one patient's page over http: is plain-http, high", () => {
      const { findings } = analyseHtml(ONE_PATIENT[lang], 'http://portal.example.org/me');
      expect(findingOf(findings, 'plain-http')?.severity).toBe('high');
      expectEvidenceFreeOf(findings, ONE_PATIENT[lang].patientValues);
    });

    it('a patient-portal login over http: is plain-http, medium, because it shows no patient data', () => {
      const { findings } = analyseHtml(PORTAL_LOGIN[lang], 'http://portal.example.org/login');
      expect(findingOf(findings, 'plain-http')).toEqual({ id: 'plain-http', severity: 'medium', certainty: 'certain', evidence: 'page address is http:' });
    });

    it.each([
      ['a study list', STUDY_LIST[lang]],
      ['a patient-portal login', PORTAL_LOGIN[lang]],
    ])('%s over https: is not plain-http', (_name, page) => {
      const { findings } = analyseHtml(page, 'https://portal.example.org/');
      expect(findingOf(findings, 'plain-http')).toBeUndefined();
    });
  });

  it('a study list on a loopback address is still plain-http', () => {
    const { findings } = analyseHtml(STUDY_LIST.en, 'http://127.0.0.1:8042/studies');
    expect(findingOf(findings, 'plain-http')?.severity).toBe('high');
  });

  it.each(Object.entries(NOT_MEDICAL))('%s over http: is not plain-http', (_name, page) => {
    const { findings } = analyseHtml(page, 'http://www.example.com/');
    expect(findings).toEqual([]);
  });
});
