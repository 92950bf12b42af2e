// The stored report's shape (docs/report-format.md): parseReport keeps a valid report and drops anything
// else, so an old or corrupted value never reaches the popup or the badge.

import { describe, expect, it } from 'vitest';
import { FINDING_IDS, isFindingId, parseReport, reportKey, type Report } from '../../src/shared/report.js';

const VALID: Report = {
  version: 2,
  verdict: 'danger',
  findings: [
    { id: 'no-login', severity: 'high', certainty: 'verified', evidence: 'repeated the page request without cookies or passwords: 4 patient record(s) came back' },
    { id: 'plain-http', severity: 'medium', certainty: 'certain', evidence: 'page address is http:' },
  ],
  product: 'Orthanc Explorer',
  productVersion: null,
  pageOrigin: 'http://127.0.0.1:8765',
  checkedAt: 1_795_373_843_776,
  analysisMs: 213.3,
  loginCheck: 'patient-data',
};

const without = (key: keyof Report): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...VALID };
  delete copy[key];
  return copy;
};

const withFinding = (finding: Record<string, unknown>): Record<string, unknown> => ({ ...VALID, findings: [finding] });
const aFinding = VALID.findings[0]!;

describe('parseReport', () => {
  it('accepts a valid report and gives it back unchanged', () => {
    expect(parseReport(structuredClone(VALID))).toEqual(VALID);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a not-medical report with no findings, product or login check', { ...VALID, verdict: 'not-medical', findings: [], product: null, loginCheck: null }],
    ...(['danger', 'warning', 'ok', 'not-medical'] as const).map((verdict): [string, Record<string, unknown>] => [`the verdict ${verdict}`, { ...VALID, verdict }]),
    ...(['patient-data', 'no-patient-data', 'login-required', 'could-not-verify'] as const).map((loginCheck): [string, Record<string, unknown>] => [
      `the login check ${loginCheck}`,
      { ...VALID, loginCheck },
    ]),
    ['a finding of every id', { ...VALID, findings: FINDING_IDS.map((id) => ({ ...aFinding, id })) }],
    ['a product version', { ...VALID, product: 'Orthanc', productVersion: '1.10.1' }],
    ['an information finding', withFinding({ id: 'known-viewer', severity: 'info', certainty: 'recognised', evidence: 'recognised as Orthanc Explorer' })],
    ['a known-viewer finding of the variant insecure-setup', withFinding({ id: 'known-viewer', severity: 'high', certainty: 'certain', evidence: '', variant: 'insecure-setup' })],
    ['extra fields', { ...VALID, note: 'from a newer build' }],
  ])('accepts %s', (_what, report) => {
    expect(parseReport(report)).toEqual(report);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', JSON.stringify(VALID)],
    ['a number', 1],
    ['an array', [VALID]],
    ['an empty object', {}],
    ['version 0', { ...VALID, version: 0 }],
    ['version 1 (before product versions, info severity and the five newer findings)', { ...VALID, version: 1 }],
    ['version 3', { ...VALID, version: 3 }],
    ['version "2"', { ...VALID, version: '2' }],
    ['no version', without('version')],
    ['no verdict', without('verdict')],
    ['an unknown verdict', { ...VALID, verdict: 'safe' }],
    ['no findings', without('findings')],
    ['findings that are not an array', { ...VALID, findings: { 0: aFinding } }],
    ['a finding with an unknown id', withFinding({ ...aFinding, id: 'no-https' })],
    ['a finding id written with underscores', withFinding({ ...aFinding, id: 'no_login' })],
    ['a finding with an unknown severity', withFinding({ ...aFinding, severity: 'critical' })],
    ['a finding with an unknown certainty', withFinding({ ...aFinding, certainty: 'sure' })],
    ['a finding whose evidence is not a string', withFinding({ ...aFinding, evidence: 4 })],
    ['a finding without evidence', withFinding({ id: 'no-login', severity: 'high', certainty: 'verified' })],
    ['a finding that is null', { ...VALID, findings: [null] }],
    ['a finding that is a string', { ...VALID, findings: ['no-login'] }],
    ['no product', without('product')],
    ['a product that is a number', { ...VALID, product: 7 }],
    ['no productVersion', without('productVersion')],
    ['a productVersion that is a number', { ...VALID, productVersion: 1.1 }],
    ['a finding with an unknown variant', withFinding({ ...aFinding, variant: 'default-password' })],
    ['a finding whose variant is null', withFinding({ ...aFinding, variant: null })],
    ['no pageOrigin', without('pageOrigin')],
    ['a pageOrigin that is null', { ...VALID, pageOrigin: null }],
    ['no checkedAt', without('checkedAt')],
    ['a checkedAt written as a date string', { ...VALID, checkedAt: '2026-11-20T10:00:00Z' }],
    ['no analysisMs', without('analysisMs')],
    ['an analysisMs written as a string', { ...VALID, analysisMs: '213.3' }],
    ['no loginCheck', without('loginCheck')],
    ['an unknown loginCheck', { ...VALID, loginCheck: 'open' }],
    ['a loginCheck that is the whole re-check outcome', { ...VALID, loginCheck: { kind: 'patient-data', url: 'page', records: 4 } }],
  ])('rejects %s', (_what, value) => {
    expect(parseReport(value)).toBeNull();
  });
});

describe('isFindingId', () => {
  it('knows exactly the ten finding ids', () => {
    expect(FINDING_IDS.filter(isFindingId)).toEqual([
      'no-login',
      'directory-listing',
      'plain-http',
      'password-over-http',
      'many-patients',
      'known-viewer',
      'third-party-tracking',
      'patient-data-in-url',
      'mixed-content',
      'link-is-key',
    ]);
    expect([undefined, null, 1, 'No-Login', 'many_patients', ''].some(isFindingId)).toBe(false);
  });
});

describe('reportKey', () => {
  it('is report:<tabId>', () => {
    expect(reportKey(42)).toBe('report:42');
    expect(reportKey(0)).toBe('report:0');
  });

  it('gives different tabs different keys', () => {
    expect(reportKey(1)).not.toBe(reportKey(11));
  });
});
