// link-is-key: patient data open without a login (verified by the re-check), on an address with a long
// random code: the link is the key. Replaces no-login there, and is a warning instead of danger.

import { describe, expect, it } from 'vitest';
import { findShareToken, looksLikeToken } from '../../../src/analysis/page-address.js';
import type { RecheckOutcome } from '../../../src/snapshot/snapshot.js';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, STUDY_LIST } from './check-pages.js';

const OPEN: RecheckOutcome = { kind: 'patient-data', url: 'page', answer: 'html', records: 1, patients: 1 };
const TOKEN = 'Xk3fQ9zL2pR7vT1mB8nW4cYq';

describe('link-is-key', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it("one patient's page, open without a login, on a share link over https: link-is-key, not no-login, and a warning", () => {
      const { findings, verdict } = analyseHtml(ONE_PATIENT[lang], `https://portal.example.org/share/${TOKEN}`, OPEN);
      expect(findingOf(findings, 'link-is-key')).toEqual({
        id: 'link-is-key',
        severity: 'high',
        certainty: 'verified',
        evidence: 'the address carries a long random code, and the page request repeated without cookies or passwords brought 1 patient record(s) back',
      });
      expect(findingOf(findings, 'no-login')).toBeUndefined();
      expect(verdict).toBe('warning');
      expectEvidenceFreeOf(findings, ONE_PATIENT[lang].patientValues);
      expect(JSON.stringify(findings)).not.toContain(TOKEN);
    });

    it('the same share link over http: is still danger (patient data unencrypted)', () => {
      const { findings, verdict } = analyseHtml(ONE_PATIENT[lang], `http://portal.example.org/view?token=${TOKEN}`, OPEN);
      expect(findings.map((finding) => finding.id)).toEqual(['link-is-key', 'plain-http']);
      expect(verdict).toBe('danger');
    });

    it('a "share link" that opens many patients is an open archive: no-login and danger', () => {
      const { findings, verdict } = analyseHtml(STUDY_LIST[lang], `https://pacs.example.org/share/${TOKEN}`, OPEN);
      expect(findingOf(findings, 'no-login')).toBeDefined();
      expect(findingOf(findings, 'link-is-key')).toBeUndefined();
      expect(verdict).toBe('danger');
    });

    it.each<[string, RecheckOutcome | null]>([
      ['the server asked for a login', { kind: 'login-required', status: 401, scheme: 'basic' }],
      ['the re-check could not verify', { kind: 'could-not-verify', reason: 'timeout' }],
      ['the re-check has not run', null],
    ])('a share link is not link-is-key when %s', (_why, recheck) => {
      expect(findingOf(analyseHtml(ONE_PATIENT[lang], `https://portal.example.org/share/${TOKEN}`, recheck).findings, 'link-is-key')).toBeUndefined();
    });

    it('an open page without a code in its address stays no-login', () => {
      const { findings } = analyseHtml(ONE_PATIENT[lang], 'https://portal.example.org/patients/4471', OPEN);
      expect(findingOf(findings, 'no-login')).toBeDefined();
      expect(findingOf(findings, 'link-is-key')).toBeUndefined();
    });
  });

  it.each(Object.entries(NOT_MEDICAL))('%s on a share link is not checked', (_name, page) => {
    expect(analyseHtml(page, `https://files.example.com/s/${TOKEN}`, OPEN).findings).toEqual([]);
  });

  describe('what counts as a long random code', () => {
    it.each([
      ['base64url', TOKEN],
      ['hex', '9f86d081884c7d659a2feaa0c55ad015'],
      ['a UUID', '3f2a9c1e-7b4d-4e8a-9f0c-2d6b8e1a5c7f'],
      ['a signed token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdHVkeSI6MX0.Zm9vYmFyYmF6cXV4'],
    ])('%s is one', (_kind, value) => {
      expect(looksLikeToken(value)).toBe(true);
    });

    it.each([
      ['too short', 'aB3dE5gH7jK9mN1pQ3'],
      ['a DICOM UID', '1.2.826.0.1.3680043.8.641.1.20240314.4471'],
      ['an Orthanc ID', 'a90e4c7d-12ab34cd-56ef7890-fedcba98-76543210'],
      ['words and numbers', 'report-2024-03-14-final-version'],
      ['a patient folder', 'TESTPERSON_ANNA_19800101'],
      ['a file name', 'Xk3fQ9zL2pR7vT1mB8nW4cYq.pdf'],
      ['only letters', 'abcdefghijklmnopqrstuvwxyz'],
      ['only digits', '12345678901234567890123'],
      ['one character repeated', 'a1a1a1a1a1a1a1a1a1a1a1a1'],
    ])('%s is not one', (_kind, value) => {
      expect(looksLikeToken(value)).toBe(false);
    });

    it('is found in the path or a query value, not in the fragment', () => {
      expect(findShareToken(`https://x.example.org/share/${TOKEN}/viewer`)).toBe('path');
      expect(findShareToken(`https://x.example.org/ui/app/token-landing.html?token=${TOKEN}`)).toBe('query');
      expect(findShareToken(`https://x.example.org/viewer?url=../studies/a90e4c7d-12ab34cd-56ef7890-fedcba98-76543210/ohif-dicom-json`)).toBeNull();
      expect(findShareToken(`https://x.example.org/app#${TOKEN}`)).toBeNull();
    });
  });
});
