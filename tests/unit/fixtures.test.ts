// Every fixture page through the real reader and the real checks, in Node.
// What each page is comes from tests/fixtures/catalog.ts; the expected findings follow from it and
// from the verdict rules in docs/verdict-rules.md.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../src/analysis/analyse-page.js';
import type { FindingId } from '../../src/shared/report.js';
import type { RecheckOutcome } from '../../src/snapshot/snapshot.js';
import { FIXTURES, type FixtureCase } from '../fixtures/catalog.js';
import { snapshotOfFile } from './fixture-page.js';

function analyseFixture(fixture: FixtureCase, recheck: RecheckOutcome | null = null) {
  const snapshot = snapshotOfFile(fixture.file, fixture.url, fixture.contentType ?? (fixture.file.endsWith('.json') ? 'application/json' : 'text/html'));
  snapshot.recheck = recheck;
  return { snapshot, ...analysePage(snapshot) };
}

function expectedFindings(fixture: FixtureCase): FindingId[] {
  const { expect: page } = fixture;
  if (!page.medicalPortal) return [];
  const http = fixture.url.startsWith('http:');
  const ids: FindingId[] = [];
  if (page.directoryListing === 'medical') ids.push('directory-listing');
  if (page.patientRecords === 'several') ids.push('many-patients');
  if (http) ids.push('plain-http');
  if ((http && page.passwordField) || page.loginFormPostsToHttp) ids.push('password-over-http');
  if (page.product) ids.push('known-viewer');
  if (page.patientDataInUrl) ids.push('patient-data-in-url');
  if (page.thirdPartyTracking) ids.push('third-party-tracking');
  if (page.mixedContent) ids.push('mixed-content');
  return ids.sort();
}

const URL_DATA_SEVERITY = { high: 'high', medium: 'medium', low: 'low' } as const;

// A page may be catalogued twice, at two addresses (the OHIF list before and after a search).
describe.each(FIXTURES.map((fixture) => [`${fixture.file}${new URL(fixture.url).search ? ` at ${new URL(fixture.url).search}` : ''}`, fixture] as const))('%s', (_name, fixture) => {
  it(`is ${fixture.expect.medicalPortal ? '' : 'not '}a medical portal (${fixture.why})`, () => {
    const { facts } = analyseFixture(fixture);
    expect(facts.isMedicalPortal, `reasons: ${facts.medicalReasons.join(', ')}`).toBe(fixture.expect.medicalPortal);
  });

  it(`shows ${fixture.expect.patientRecords} patient(s)`, () => {
    const { facts } = analyseFixture(fixture);
    const expected = fixture.expect.patientRecords;
    if (expected === 'several') expect(facts.distinctPatients).toBeGreaterThanOrEqual(2);
    else expect(facts.distinctPatients).toBe(expected);
  });

  it('gets exactly the findings its kind of page calls for', () => {
    const { findings } = analyseFixture(fixture);
    expect(findings.map((finding) => finding.id).sort()).toEqual(expectedFindings(fixture));
  });

  it('recognises a directory index when there is one, and only then', () => {
    const { facts } = analyseFixture(fixture);
    const listing = fixture.expect.directoryListing;
    if (listing === 'none') expect(facts.directoryIndex).toBeNull();
    else expect(facts.directoryIndex?.medicalEntries ?? -1)[listing === 'medical' ? 'toBeGreaterThan' : 'toBe'](0);
  });

  it('sees the password field when there is one', () => {
    const { snapshot } = analyseFixture(fixture);
    expect(snapshot.passwordFieldCount > 0).toBe(fixture.expect.passwordField);
  });

  if (fixture.expect.product) {
    it(`names the product ${fixture.expect.product}${fixture.expect.productVersion ? ` ${fixture.expect.productVersion}` : ''}, in known-viewer`, () => {
      const { facts, findings } = analyseFixture(fixture);
      // The catalogue uses short names ("OHIF"), the extension the product's full name ("OHIF Viewer").
      expect(facts.product?.name ?? '').toMatch(new RegExp(`^${fixture.expect.product}`));
      expect(facts.product?.version ?? null).toBe(fixture.expect.productVersion ?? null);
      const knownViewer = findings.find((finding) => finding.id === 'known-viewer');
      if (fixture.expect.productWarning) {
        expect(knownViewer).toMatchObject({ severity: 'high', variant: fixture.expect.productWarning });
      } else {
        expect(knownViewer).toMatchObject({ severity: 'info' });
        expect(knownViewer?.variant).toBeUndefined();
      }
    });
  }

  if (fixture.expect.patientDataInUrl) {
    it(`finds ${fixture.expect.patientDataInUrl}-severity patient data in its address, and never repeats it`, () => {
      const { findings } = analyseFixture(fixture);
      const finding = findings.find((candidate) => candidate.id === 'patient-data-in-url');
      expect(finding?.severity).toBe(URL_DATA_SEVERITY[fixture.expect.patientDataInUrl!]);
      const pieces = new URL(fixture.url).pathname.split(/[/_.?=&]/).concat([...new URL(fixture.url).searchParams.values()]).filter((piece) => piece.length >= 4);
      for (const piece of pieces) expect(finding?.evidence).not.toContain(piece);
    });
  }

  if (!fixture.expect.medicalPortal) {
    it('is never danger, even if a re-check claimed patient data', () => {
      const { verdict, findings } = analyseFixture(fixture, { kind: 'patient-data', url: 'page', answer: 'html', records: 3, patients: 1 });
      expect(verdict).toBe('not-medical');
      expect(findings).toEqual([]);
    });
  }

  if (fixture.expect.medicalPortal && fixture.expect.patientRecords !== 0 && !fixture.expect.shareLink) {
    it('is danger with no-login when the re-check without credentials still gets patient data', () => {
      const { verdict, findings } = analyseFixture(fixture, { kind: 'patient-data', url: 'page', answer: 'html', records: 2, patients: 1 });
      expect(verdict).toBe('danger');
      expect(findings.map((finding) => finding.id)).toContain('no-login');
      expect(findings.map((finding) => finding.id)).not.toContain('link-is-key');
    });

    it('has no no-login when the server asks for a login', () => {
      const { findings } = analyseFixture(fixture, { kind: 'login-required', status: 401, scheme: 'basic' });
      expect(findings.map((finding) => finding.id)).not.toContain('no-login');
    });
  }

  if (fixture.expect.shareLink) {
    it('is link-is-key, not no-login, when the re-check without credentials still gets patient data: a share link', () => {
      const { verdict, findings, facts } = analyseFixture(fixture, { kind: 'patient-data', url: 'page', answer: 'html', records: 1, patients: 1 });
      expect(facts.isShareLink).toBe(true);
      expect(findings.map((finding) => finding.id)).toContain('link-is-key');
      expect(findings.map((finding) => finding.id)).not.toContain('no-login');
      expect(verdict).toBe(fixture.url.startsWith('http:') ? 'danger' : 'warning');
    });

    it('is no finding of either kind when the server asks for a login', () => {
      const { findings } = analyseFixture(fixture, { kind: 'login-required', status: 401, scheme: null });
      expect(findings.map((finding) => finding.id)).not.toContain('link-is-key');
    });
  }
});
