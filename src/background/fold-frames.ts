// A tab's report from the reports of its frames. Portals often wrap the viewer in an iframe (another port,
// another host): the patient sees one page, so the tab gets one verdict, the worst of its frames, and every
// finding a frame adds says which frame's origin it came from (origin only: a frame's path can carry
// patient data). The top page keeps its own address, product and re-check result first.

import { CHECKS } from '../checks';
import type { Finding, Report, Severity, Verdict } from '../shared/report';

const VERDICT_WEIGHT: Record<Verdict, number> = { 'not-medical': 0, ok: 1, warning: 2, danger: 3 };
const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };
const CHECK_ORDER = new Map(CHECKS.map((check, index) => [check.id, index]));

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, verdict) => (VERDICT_WEIGHT[verdict] > VERDICT_WEIGHT[worst] ? verdict : worst), 'not-medical');
}

/**
 * `top`: the report of the tab's top frame. `frames`: the reports of the frames inside it, in any order.
 * One finding per id: the top page's own if it has one, else the most serious a frame has, marked with
 * that frame's origin. Findings stay in the checks' order, as the popup lists them.
 */
export function foldFrameReports(top: Report, frames: readonly Report[]): Report {
  if (frames.length === 0) return top;
  const findings = new Map<Finding['id'], Finding>(top.findings.map((finding) => [finding.id, finding]));
  for (const frame of frames) {
    for (const finding of frame.findings) {
      const held = findings.get(finding.id);
      if (held && (held.frame === undefined || SEVERITY_WEIGHT[held.severity] >= SEVERITY_WEIGHT[finding.severity])) continue;
      findings.set(finding.id, { ...finding, frame: frame.pageOrigin });
    }
  }
  const withProduct = top.product ? top : (frames.find((frame) => frame.product !== null) ?? top);
  const loginChecked = top.loginCheck ? top : (frames.find((frame) => frame.loginCheck === 'patient-data') ?? frames.find((frame) => frame.loginCheck !== null) ?? top);
  return {
    ...top,
    verdict: worstVerdict([top.verdict, ...frames.map((frame) => frame.verdict)]),
    findings: [...findings.values()].sort((a, b) => (CHECK_ORDER.get(a.id) ?? 0) - (CHECK_ORDER.get(b.id) ?? 0)),
    product: withProduct.product,
    productVersion: withProduct.productVersion,
    loginCheck: loginChecked.loginCheck,
    checkedAt: Math.max(top.checkedAt, ...frames.map((frame) => frame.checkedAt)),
  };
}
