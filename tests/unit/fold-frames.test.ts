// A tab's report from its frames' reports (src/background/fold-frames.ts): the worst verdict wins, each
// finding a frame adds names the frame's origin, the top page's own findings and facts come first.

import { describe, expect, it } from 'vitest';
import { foldFrameReports, worstVerdict } from '../../src/background/fold-frames.js';
import { isPageSnapshotMessage, isReportAgainMessage } from '../../src/shared/messages.js';
import { parseReport, type Finding, type Report } from '../../src/shared/report.js';
import { emptySnapshot } from '../../src/snapshot/snapshot.js';

const report = (pageOrigin: string, verdict: Report['verdict'], findings: Finding[], extra: Partial<Report> = {}): Report => ({
  version: 2,
  verdict,
  findings,
  product: null,
  productVersion: null,
  pageOrigin,
  checkedAt: 1_000,
  analysisMs: 1,
  loginCheck: null,
  ...extra,
});
const finding = (id: Finding['id'], severity: Finding['severity']): Finding => ({ id, severity, certainty: 'certain', evidence: id });

const PORTAL = 'https://portal.example.org';
const VIEWER = 'http://203.0.113.5:8042';

describe('foldFrameReports', () => {
  it('a not-medical portal page framing an open archive becomes danger, with the frame named on its findings', () => {
    const top = report(PORTAL, 'not-medical', []);
    const frame = report(VIEWER, 'danger', [finding('no-login', 'high'), finding('plain-http', 'high'), finding('known-viewer', 'info')], {
      product: 'Orthanc Explorer',
      loginCheck: 'patient-data',
      checkedAt: 2_000,
    });
    const folded = foldFrameReports(top, [frame]);
    expect(folded.verdict).toBe('danger');
    expect(folded.pageOrigin).toBe(PORTAL);
    expect(folded.findings.map((each) => [each.id, each.frame])).toEqual([
      ['no-login', VIEWER],
      ['plain-http', VIEWER],
      ['known-viewer', VIEWER],
    ]);
    expect(folded.product).toBe('Orthanc Explorer');
    expect(folded.loginCheck).toBe('patient-data');
    expect(folded.checkedAt).toBe(2_000);
    // What is stored still parses.
    expect(parseReport(folded)).toEqual(folded);
  });

  it("the top page's own finding is kept over a frame's, and findings stay in the checks' order", () => {
    const top = report('http://portal.example.org', 'warning', [finding('plain-http', 'medium')], { product: 'OHIF Viewer' });
    const frame = report(VIEWER, 'danger', [finding('plain-http', 'high'), finding('no-login', 'high')], { product: 'Orthanc Explorer' });
    const folded = foldFrameReports(top, [frame]);
    expect(folded.findings.map((each) => [each.id, each.severity, each.frame ?? 'top'])).toEqual([
      ['no-login', 'high', VIEWER],
      ['plain-http', 'medium', 'top'],
    ]);
    expect(folded.product).toBe('OHIF Viewer');
  });

  it("of two frames with the same finding, the more serious one is kept", () => {
    const other = 'http://203.0.113.6';
    const folded = foldFrameReports(report(PORTAL, 'ok', []), [
      report(VIEWER, 'warning', [finding('mixed-content', 'medium')]),
      report(other, 'warning', [finding('mixed-content', 'high')]),
    ]);
    expect(folded.findings).toEqual([{ ...finding('mixed-content', 'high'), frame: other }]);
    expect(folded.verdict).toBe('warning');
  });

  it('frames that are not medical change nothing', () => {
    const top = report(PORTAL, 'ok', [finding('known-viewer', 'info')]);
    expect(foldFrameReports(top, [report('https://ads.example.net', 'not-medical', [])])).toEqual({ ...top });
    expect(foldFrameReports(top, [])).toBe(top);
  });

  it('worstVerdict orders danger > warning > ok > not-medical', () => {
    expect(worstVerdict(['ok', 'danger', 'warning'])).toBe('danger');
    expect(worstVerdict(['not-medical', 'ok'])).toBe('ok');
    expect(worstVerdict([])).toBe('not-medical');
  });
});

describe('frame origins in stored reports', () => {
  it('a finding may carry an origin, never an address with a path or another scheme', () => {
    const stored = (frame: unknown): unknown => ({ ...report(PORTAL, 'danger', [{ ...finding('no-login', 'high'), frame } as Finding]) });
    expect(parseReport(stored(VIEWER))).not.toBeNull();
    for (const bad of [`${VIEWER}/app/explorer.html`, 'javascript:alert(1)', 'file:///etc', 42, '', `${VIEWER}?patient=DOE`]) expect(parseReport(stored(bad))).toBeNull();
  });
});

describe('snapshot messages', () => {
  const valid = { type: 'page-snapshot', documentId: 'k3x9', sequence: 1, readMs: 2, snapshot: emptySnapshot('http://203.0.113.5/') };

  it('carry their document id and number', () => {
    expect(isPageSnapshotMessage(valid)).toBe(true);
    for (const broken of [{ ...valid, documentId: undefined }, { ...valid, sequence: '1' }, { ...valid, snapshot: null }]) expect(isPageSnapshotMessage(broken)).toBe(false);
  });

  it('report-again is told apart from other messages', () => {
    expect(isReportAgainMessage({ type: 'report-again' })).toBe(true);
    expect(isReportAgainMessage({ type: 'check-again' })).toBe(false);
    expect(isReportAgainMessage(null)).toBe(false);
  });
});
