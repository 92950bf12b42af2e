// many-patients: two or more different patients on one medical page.

import { describe, expect, it } from 'vitest';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, STUDY_LIST, type TestPage } from './check-pages.js';

const PATIENTS_PER_LIST = { en: 3, de: 2, fr: 2 };

const twoStudiesOfOnePatient: TestPage = {
  html: `<html><head><title>Studies</title></head><body><table>
    <tr><th>Patient Name</th><th>Patient ID</th><th>Study Date</th><th>Accession</th></tr>
    <tr><td>DOE^JANE</td><td>X1001</td><td>2024-03-01</td><td>A1</td></tr>
    <tr><td>DOE^JANE</td><td>X1001</td><td>2024-03-09</td><td>A2</td></tr>
  </table></body></html>`,
  patientValues: ['DOE^JANE', 'X1001'],
};

const listingOfTwoPatientExports: TestPage = {
  html: `<html><head><title>Index of /export/</title></head><body><h1>Index of /export/</h1><hr><pre><a href="../">../</a>
<a href="DOE_JANE_19800131/">DOE_JANE_19800131/</a>
<a href="ROE_RICHARD_19751115/">ROE_RICHARD_19751115/</a>
<a href="DICOMDIR">DICOMDIR</a>
</pre><hr></body></html>`,
  patientValues: ['DOE_JANE_19800131', 'ROE_RICHARD_19751115', '19800131', '19751115'],
};

describe('many-patients', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('a study list with several patients behind https: is many-patients, medium and certain, counting each patient once', () => {
      const { findings } = analyseHtml(STUDY_LIST[lang], 'https://pacs.example.org/studies');
      const finding = findingOf(findings, 'many-patients');
      expect(finding).toEqual({ id: 'many-patients', severity: 'medium', certainty: 'certain', evidence: `${PATIENTS_PER_LIST[lang]} different patients on the page` });
      expectEvidenceFreeOf(findings, STUDY_LIST[lang].patientValues);
    });

    it("one patient's own page is not many-patients", () => {
      const { findings } = analyseHtml(ONE_PATIENT[lang], 'https://portal.example.org/me');
      expect(findingOf(findings, 'many-patients')).toBeUndefined();
    });
  });

  it('two studies of one patient are not many-patients', () => {
    const { facts, findings } = analyseHtml(twoStudiesOfOnePatient, 'https://pacs.example.org/studies');
    expect(facts.distinctPatients).toBe(1);
    expect(findingOf(findings, 'many-patients')).toBeUndefined();
  });

  it('a DICOM listing with two patient-named export folders is many-patients', () => {
    const { findings } = analyseHtml(listingOfTwoPatientExports, 'http://203.0.113.20/export/');
    expect(findingOf(findings, 'many-patients')?.evidence).toBe('2 different patients on the page');
    expectEvidenceFreeOf(findings, listingOfTwoPatientExports.patientValues);
  });

  it.each(Object.entries(NOT_MEDICAL))('%s is not many-patients', (_name, page) => {
    const { findings } = analyseHtml(page, 'https://www.example.com/');
    expect(findingOf(findings, 'many-patients')).toBeUndefined();
  });
});
