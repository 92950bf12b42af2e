// no-login comes only from the re-check without credentials, and only on medical portals.

import { describe, expect, it } from 'vitest';
import type { RecheckOutcome } from '../../../src/snapshot/snapshot.js';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, STUDY_LIST } from './check-pages.js';

const OPEN: RecheckOutcome = { kind: 'patient-data', url: 'page', answer: 'html', records: 3, patients: 1 };

describe('no-login', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('an open study list whose re-check got patient data back is no-login, high and verified', () => {
      const { findings } = analyseHtml(STUDY_LIST[lang], 'http://203.0.113.9/studies', OPEN);
      expect(findingOf(findings, 'no-login')).toEqual({
        id: 'no-login',
        severity: 'high',
        certainty: 'verified',
        evidence: 'repeated the page request without cookies or passwords: a web page with 3 patient record(s) came back',
      });
      expectEvidenceFreeOf(findings, STUDY_LIST[lang].patientValues);
    });

    it("a patient's page whose data request came back without a login is no-login, also over https", () => {
      const { findings } = analyseHtml(ONE_PATIENT[lang], 'https://portal.example.org/me', { kind: 'patient-data', url: 'data-request', answer: 'html', records: 1, patients: 1 });
      expect(findingOf(findings, 'no-login')?.evidence).toBe("repeated the page's data request without cookies or passwords: a web page with 1 patient record(s) came back");
      expectEvidenceFreeOf(findings, ONE_PATIENT[lang].patientValues);
    });

    it("a page showing one patient whose DICOMweb data came back without a login, with three patients: no-login naming the kind of answer, and many-patients", () => {
      const recheck: RecheckOutcome = { kind: 'patient-data', url: 'data-request', answer: 'dicom-json', records: 3, patients: 3 };
      const { findings } = analyseHtml(ONE_PATIENT[lang], 'http://203.0.113.9/me', recheck);
      expect(findingOf(findings, 'no-login')?.evidence).toBe("repeated the page's data request without cookies or passwords: DICOMweb data (DICOM JSON) with 3 patient record(s) came back");
      expect(findingOf(findings, 'many-patients')?.evidence).toBe('3 different patients on the page');
    });

    it.each<[string, RecheckOutcome | null]>([
      ['the server asked for a login', { kind: 'login-required', status: 401, scheme: 'basic' }],
      ['the server asked for a login with a form (403, no scheme)', { kind: 'login-required', status: 403, scheme: null }],
      ['the answer had no patient data', { kind: 'no-patient-data', status: 200 }],
      ['the re-check timed out', { kind: 'could-not-verify', reason: 'timeout' }],
      ['the re-check was redirected', { kind: 'could-not-verify', reason: 'redirect' }],
      ['the re-check has not run', null],
    ])('a study list is not no-login when %s', (_why, recheck) => {
      const { findings } = analyseHtml(STUDY_LIST[lang], 'http://203.0.113.9/studies', recheck);
      expect(findingOf(findings, 'no-login')).toBeUndefined();
    });
  });

  it.each(Object.entries(NOT_MEDICAL))('%s is never no-login, even when a re-check claimed patient data', (_name, page) => {
    const { findings, verdict } = analyseHtml(page, 'http://news.example.com/article', OPEN);
    expect(findingOf(findings, 'no-login')).toBeUndefined();
    expect(verdict).toBe('not-medical');
  });
});
