// snapshot → facts → findings → verdict: the whole pure pipeline, used by the background (for the report)
// and by the content script (to decide whether the no-login re-check is warranted).

import { CHECKS } from '../checks';
import type { Finding, Verdict } from '../shared/report';
import type { PageSnapshot } from '../snapshot/snapshot';
import { derivePageFacts, type PageFacts } from './page-facts';
import { decideVerdict } from './verdict';

export interface PageAnalysis {
  facts: PageFacts;
  findings: Finding[];
  verdict: Verdict;
}

export function analysePage(snapshot: PageSnapshot): PageAnalysis {
  const facts = derivePageFacts(snapshot);
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    const finding = check.run({ snapshot, facts });
    if (finding) findings.push(finding);
  }
  return { facts, findings, verdict: decideVerdict(facts, findings) };
}

/**
 * The no-login re-check runs only on pages that look medical: even when they show no patient record,
 * their data requests may bring patient data (OHIF loads it as DICOMweb JSON).
 */
export function warrantsRecheck(facts: PageFacts): boolean {
  return facts.isMedicalPortal;
}
