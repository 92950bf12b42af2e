// directory-listing: a web server's automatic index that lists medical files or folders.
// The recognition of each server's format is tested in ../directory-index.test.ts.

import { describe, expect, it } from 'vitest';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, STUDY_LIST, type Language, type TestPage } from './check-pages.js';

const nginxListing = (path: string, names: string[]): string =>
  `<html><head><title>Index of ${path}</title></head><body><h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\n${names
    .map((name) => `<a href="${encodeURI(name)}">${name}</a>                 14-Mar-2024 09:15       -`)
    .join('\n')}\n</pre><hr></body></html>`;

const LISTINGS: Record<Language, TestPage & { medicalEntries: number; entries: number }> = {
  en: {
    html: nginxListing('/exports/DOE_JANE_19800131/', ['DICOM/', 'DICOMDIR', 'IM000001', 'IM000002', 'report.pdf']),
    patientValues: ['DOE', 'JANE', '19800131'],
    // DICOM/, DICOMDIR, IM000001, IM000002
    medicalEntries: 4,
    entries: 5,
  },
  de: {
    html: `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN"><html><head><title>Index of /archiv</title></head><body><h1>Index of /archiv</h1>
<table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Zuletzt geändert</a></th></tr>
<tr><td><a href="/">Parent Directory</a></td><td></td></tr>
<tr><td><a href="Patienten/">Patienten/</a></td><td>2024-03-14 09:15</td></tr>
<tr><td><a href="Untersuchungen/">Untersuchungen/</a></td><td>2024-03-14 09:15</td></tr>
<tr><td><a href="PATIENT_MUSTERMANN_MAX_19800131/">PATIENT_MUSTERMANN_MAX_19800131/</a></td><td>2024-03-14 09:15</td></tr>
<tr><td><a href="Rechnungen/">Rechnungen/</a></td><td>2024-03-14 09:15</td></tr>
</table><address>Apache/2.4.58 (Debian) Server at 203.0.113.30 Port 80</address></body></html>`,
    patientValues: ['MUSTERMANN', 'MAX', '19800131'],
    // Patienten/, Untersuchungen/, PATIENT_…/ (Rechnungen/ is not)
    medicalEntries: 3,
    entries: 4,
  },
  fr: {
    html: `<html><head><title>Directory listing for /imagerie/</title></head><body><h1>Directory listing for /imagerie/</h1><hr><ul>
<li><a href="examens/">examens/</a></li><li><a href="DUPONT_CLAIRE_19900303/">DUPONT_CLAIRE_19900303/</a></li>
<li><a href="compte_rendu.pdf">compte_rendu.pdf</a></li><li><a href="irm_genou.dcm">irm_genou.dcm</a></li></ul><hr></body></html>`,
    patientValues: ['DUPONT', 'CLAIRE', '19900303'],
    // examens/ and irm_genou.dcm; the patient's folder has no medical word
    medicalEntries: 2,
    entries: 4,
  },
};

const SERVER = { en: 'index-of', de: 'index-of', fr: 'python' };

const photoListing: TestPage = {
  html: nginxListing('/photos/2024/', ['IMG_2041.jpg', 'IMG_2042.jpg', 'IMG_2043.HEIC', 'holiday/', 'notes.txt']),
  patientValues: [],
};

describe('directory-listing', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('a listing of medical files and folders over http: is directory-listing, high and recognised', () => {
      const { findings } = analyseHtml(LISTINGS[lang], 'http://203.0.113.30/listing/');
      expect(findingOf(findings, 'directory-listing')).toEqual({
        id: 'directory-listing',
        severity: 'high',
        certainty: 'recognised',
        evidence: `${SERVER[lang]} directory index with ${LISTINGS[lang].medicalEntries} medical entries of ${LISTINGS[lang].entries}`,
      });
    });

    it('the evidence never names the patient folders', () => {
      const { findings } = analyseHtml(LISTINGS[lang], 'http://203.0.113.30/listing/');
      expectEvidenceFreeOf(findings, LISTINGS[lang].patientValues);
    });

    it('a medical listing over https: is directory-listing too', () => {
      const { findings } = analyseHtml(LISTINGS[lang], 'https://files.example.org/listing/');
      expect(findingOf(findings, 'directory-listing')).toBeDefined();
    });
  });

  it('a listing of holiday photos (IMG_2041.jpg) is not directory-listing and not medical', () => {
    const { facts, findings } = analyseHtml(photoListing, 'http://203.0.113.30/photos/2024/');
    expect(facts.directoryIndex?.entries).toBe(5);
    expect(findings).toEqual([]);
  });

  it('a listing with one medical-sounding folder only is not directory-listing', () => {
    const page = { html: nginxListing('/share/', ['dicom/', 'invoices/', 'photos/']), patientValues: [] };
    expect(findingOf(analyseHtml(page, 'http://203.0.113.30/share/').findings, 'directory-listing')).toBeUndefined();
  });

  it('a study list page is not directory-listing', () => {
    expect(findingOf(analyseHtml(STUDY_LIST.en, 'http://203.0.113.9/studies').findings, 'directory-listing')).toBeUndefined();
  });

  it.each(Object.entries(NOT_MEDICAL))('%s is not directory-listing', (_name, page) => {
    expect(findingOf(analyseHtml(page, 'http://www.example.com/').findings, 'directory-listing')).toBeUndefined();
  });
});
