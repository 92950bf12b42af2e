// patient-data-in-url: patient data in the page address's path or query, named by kind only.
// Severity: a name or birth date high, a patient ID or accession number medium, only a study UID low.

import { describe, expect, it } from 'vitest';
import { findPatientDataInAddress } from '../../../src/analysis/page-address.js';
import { analyseHtml, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, PORTAL_LOGIN, STUDY_LIST } from './check-pages.js';

const UID = '1.2.826.0.1.3680043.8.641.1.20240314.4471';

describe('patient-data-in-url', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('a study list searched by name and MRN: high, and the evidence names kinds, never the values', () => {
      const url = 'https://pacs.example.org/?patientName=DOE%5EJANE*&mrn=MRN-10042&accession=ACC7781&sortBy=studyDate';
      const { findings, verdict } = analyseHtml(STUDY_LIST[lang], url, { kind: 'login-required', status: 401, scheme: null });
      expect(findingOf(findings, 'patient-data-in-url')).toEqual({
        id: 'patient-data-in-url',
        severity: 'high',
        certainty: 'certain',
        evidence: 'the address query carries a patient name, a patient ID, an accession number',
      });
      expect(verdict).toBe('warning');
      for (const value of ['DOE', 'JANE', 'MRN-10042', 'ACC7781']) expect(JSON.stringify(findings)).not.toContain(value);
    });

    it("a viewer address with only a study UID: low, and it alone leaves an https page ok", () => {
      const { findings, verdict } = analyseHtml(ONE_PATIENT[lang], `https://portal.example.org/viewer?StudyInstanceUIDs=${UID}`, { kind: 'login-required', status: 401, scheme: null });
      expect(findingOf(findings, 'patient-data-in-url')).toMatchObject({ severity: 'low', evidence: 'the address query carries a study UID' });
      expect(verdict).toBe('ok');
    });

    it('a patient ID in the query: medium', () => {
      const { findings } = analyseHtml(PORTAL_LOGIN[lang], 'https://portal.example.org/login?PatientID=PAT-000418');
      expect(findingOf(findings, 'patient-data-in-url')).toMatchObject({ severity: 'medium', evidence: 'the address query carries a patient ID' });
    });

    it('nothing personal in the address: no finding', () => {
      for (const url of ['https://portal.example.org/me', 'https://portal.example.org/studies?sortBy=studyDate&page=2', 'https://portal.example.org/me#patient?uuid=DOE^JANE']) {
        expect(findingOf(analyseHtml(ONE_PATIENT[lang], url).findings, 'patient-data-in-url')).toBeUndefined();
      }
    });
  });

  it.each<[string, string, string[]]>([
    ['an OHIF viewer path with a study UID', `https://pacs.example.org/viewer/${UID}`, ['study-uid']],
    ['a CD export folder named after the patient', 'http://203.0.113.62:8000/TESTPERSON_ANNA_19800101/', ['name', 'birth-date']],
    ['a DICOM name in the path', 'https://pacs.example.org/patients/DOE%5EJANE/studies', ['name']],
    ['a birth date by its label', 'https://portal.example.org/find?dob=1980-01-31', ['birth-date']],
    ['a German birth date', 'https://portal.example.org/suche?geburtsdatum=31.01.1980', ['birth-date']],
    ['Stone Web Viewer with two studies', `https://pacs.example.org/stone-webviewer/index.html?study=${UID},2.25.12345678901234`, ['study-uid']],
    ['a WADO request', `https://pacs.example.org/wado?requestType=WADO&studyUID=${UID}&seriesUID=${UID}.1&objectUID=${UID}.1.1`, ['study-uid']],
  ])('finds %s', (_what, url, kinds) => {
    expect(findPatientDataInAddress(url).kinds).toEqual(kinds);
  });

  it.each([
    ['a DICOM standard UID (a file type, not a study)', 'https://pacs.example.org/viewer?sopClass=1.2.840.10008.5.1.4.1.1.2'],
    ['a version number', 'https://pacs.example.org/app/1.2.3/index.html'],
    ['an Orthanc ID', 'https://pacs.example.org/patients/a90e4c7d-12ab34cd-56ef7890-fedcba98-76543210'],
    ['a plain "name" parameter', 'https://portal.example.org/download?name=Report%20March'],
    ['a date range filter', 'https://pacs.example.org/?startDate=2024-01-01&endDate=2024-03-31'],
    ['a study date', 'https://pacs.example.org/?StudyDate=20240314'],
  ])('finds nothing in %s', (_what, url) => {
    expect(findPatientDataInAddress(url).kinds).toEqual([]);
  });

  it.each(Object.entries(NOT_MEDICAL))('%s with a name in its address is not checked', (_name, page) => {
    expect(analyseHtml(page, 'https://www.example.com/?patientName=DOE%5EJANE').findings).toEqual([]);
  });
});
