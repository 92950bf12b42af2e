// The verdict rules (docs/verdict-rules.md §4): danger, warning, ok, not-medical — first through the
// whole pipeline on small pages, then decideVerdict alone to pin down what it looks at.

import { describe, expect, it } from 'vitest';
import type { PageFacts } from '../../src/analysis/page-facts.js';
import { decideVerdict } from '../../src/analysis/verdict.js';
import type { Finding, FindingId } from '../../src/shared/report.js';
import type { RecheckOutcome } from '../../src/snapshot/snapshot.js';
import { analyseHtml, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, PORTAL_LOGIN, portalLoginPostingTo, STUDY_LIST, type TestPage } from './checks/check-pages.js';

const OPEN: RecheckOutcome = { kind: 'patient-data', url: 'page', answer: 'html', records: 3, patients: 1 };
const LOGIN: RecheckOutcome = { kind: 'login-required', status: 401, scheme: null };

const dicomListing: TestPage = {
  html: `<html><head><title>Index of /cd/</title></head><body><h1>Index of /cd/</h1><hr><pre><a href="../">../</a>
<a href="DICOMDIR">DICOMDIR</a>
<a href="IM000001">IM000001</a>
</pre><hr></body></html>`,
  patientValues: [],
};

const ids = (findings: readonly Finding[]): FindingId[] => findings.map((finding) => finding.id);

describe('verdict of whole pages', () => {
  describe('danger', () => {
    it('an https study list that still shows patients without a login is danger (no-login)', () => {
      const { verdict, findings } = analyseHtml(STUDY_LIST.en, 'https://pacs.example.org/studies', OPEN);
      expect(ids(findings)).toEqual(['no-login', 'many-patients']);
      expect(verdict).toBe('danger');
    });

    it('a DICOM directory listing over https is danger (directory-listing), with no other finding', () => {
      const { verdict, findings } = analyseHtml(dicomListing, 'https://files.example.org/cd/');
      expect(ids(findings)).toEqual(['directory-listing']);
      expect(verdict).toBe('danger');
    });

    it.each(LANGUAGES)("%s: one patient's data over http, behind a login, is danger (plain-http with data)", (lang) => {
      const { verdict, findings } = analyseHtml(ONE_PATIENT[lang], 'http://portal.example.org/me', LOGIN);
      expect(ids(findings)).toEqual(['plain-http']);
      expect(verdict).toBe('danger');
    });
  });

  describe('warning', () => {
    it.each(LANGUAGES)('%s: a patient-portal login page over http, without patient data, is warning', (lang) => {
      const { verdict, findings } = analyseHtml(PORTAL_LOGIN[lang], 'http://portal.example.org/login');
      expect(ids(findings)).toEqual(['plain-http', 'password-over-http']);
      expect(verdict).toBe('warning');
    });

    it('many patients behind https and a login is warning', () => {
      const { verdict, findings } = analyseHtml(STUDY_LIST.de, 'https://pacs.example.org/studies', LOGIN);
      expect(ids(findings)).toEqual(['many-patients']);
      expect(verdict).toBe('warning');
    });

    it('an https login page whose form posts to http: is warning', () => {
      const { verdict, findings } = analyseHtml(portalLoginPostingTo('http://portal.example.org/login'), 'https://portal.example.org/');
      expect(ids(findings)).toEqual(['password-over-http']);
      expect(verdict).toBe('warning');
    });
  });

  describe('ok', () => {
    it.each(LANGUAGES)('%s: a patient-portal login page over https is ok', (lang) => {
      const { verdict, findings, facts } = analyseHtml(PORTAL_LOGIN[lang], 'https://portal.example.org/login');
      expect(facts.isMedicalPortal).toBe(true);
      expect(findings).toEqual([]);
      expect(verdict).toBe('ok');
    });

    it.each<[string, RecheckOutcome]>([
      ['the re-check found a login', LOGIN],
      ['the re-check could not verify', { kind: 'could-not-verify', reason: 'timeout' }],
      ['the re-check got an answer without patient data', { kind: 'no-patient-data', status: 200 }],
    ])("one patient's page over https is ok when %s", (_why, recheck) => {
      expect(analyseHtml(ONE_PATIENT.fr, 'https://portal.example.org/me', recheck).verdict).toBe('ok');
    });
  });

  describe('not-medical', () => {
    it.each(Object.entries(NOT_MEDICAL))('%s is not-medical over http, even if a re-check claimed patient data', (_name, page) => {
      const { verdict, findings } = analyseHtml(page, 'http://www.example.com/', OPEN);
      expect(findings).toEqual([]);
      expect(verdict).toBe('not-medical');
    });
  });
});

describe('decideVerdict', () => {
  const facts = (overrides: Partial<PageFacts>): PageFacts => ({
    product: null,
    patientRecords: [],
    distinctPatients: 0,
    showsPatientData: false,
    directoryIndex: null,
    medicalReasons: ['patient-portal-login'],
    isMedicalPortal: true,
    isPlainHttp: false,
    isShareLink: false,
    ...overrides,
  });
  const finding = (id: FindingId, severity: Finding['severity'] = 'high'): Finding => ({ id, severity, certainty: 'certain', evidence: '' });

  it('is not-medical for a page that is not a medical portal, whatever the findings say', () => {
    expect(decideVerdict(facts({ isMedicalPortal: false, medicalReasons: [] }), [finding('no-login'), finding('directory-listing')])).toBe('not-medical');
  });

  it.each(['no-login', 'directory-listing'] as const)('is danger with %s alone', (id) => {
    expect(decideVerdict(facts({}), [finding(id)])).toBe('danger');
  });

  it('is danger with plain-http when the page shows patient data', () => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 1 }), [finding('plain-http')])).toBe('danger');
  });

  it('is warning with plain-http when the page shows no patient data, even if that finding said high', () => {
    expect(decideVerdict(facts({ isPlainHttp: true }), [finding('plain-http', 'high')])).toBe('warning');
  });

  it.each(['password-over-http', 'many-patients'] as const)('is warning with %s alone, even when the page shows patient data', (id) => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 3 }), [finding(id)])).toBe('warning');
  });

  it('is ok for a medical portal with no findings', () => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 1 }), [])).toBe('ok');
  });

  it('is ok with only information and minor findings: the viewer named, a study UID in the address', () => {
    expect(decideVerdict(facts({}), [finding('known-viewer', 'info'), finding('patient-data-in-url', 'low')])).toBe('ok');
  });

  it.each<[FindingId, Finding['severity']]>([
    ['known-viewer', 'high'],
    ['third-party-tracking', 'medium'],
    ['third-party-tracking', 'high'],
    ['mixed-content', 'medium'],
    ['patient-data-in-url', 'medium'],
    ['patient-data-in-url', 'high'],
  ])('is warning with %s of severity %s alone', (id, severity) => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 1 }), [finding(id, severity)])).toBe('warning');
  });

  it('is warning, not danger, with link-is-key: open to whoever has the link, not to anyone who finds the address', () => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 1, isShareLink: true }), [finding('link-is-key'), finding('known-viewer', 'info')])).toBe('warning');
  });

  it('is danger with link-is-key when plain-http also carries the patient data', () => {
    expect(decideVerdict(facts({ showsPatientData: true, distinctPatients: 1, isShareLink: true, isPlainHttp: true }), [finding('link-is-key'), finding('plain-http')])).toBe('danger');
  });

  it('is danger with link-is-key next to a medical directory listing', () => {
    expect(decideVerdict(facts({ isShareLink: true }), [finding('link-is-key'), finding('directory-listing')])).toBe('danger');
  });
});
