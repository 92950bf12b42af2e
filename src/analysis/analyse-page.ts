// snapshot → facts → findings → verdict: the whole pure pipeline, used by the background (for the report)
// and by the content script (to decide whether the no-login re-check is warranted).

import { CHECKS } from '../checks';
import type { Finding, Verdict } from '../shared/report';
import type { PageSnapshot } from '../snapshot/snapshot';
import { runToEnd, type Steps } from '../snapshot/slices';
import { derivePageFactsInSteps, type PageFacts } from './page-facts';
import { decideVerdict } from './verdict';

export interface PageAnalysis {
  facts: PageFacts;
  findings: Finding[];
  verdict: Verdict;
}

export function analysePage(snapshot: PageSnapshot): PageAnalysis {
  return runToEnd(analysePageInSteps(snapshot));
}

/** The same, pausing inside the facts and after each check: the content script runs it in slices (slices.ts). */
export function* analysePageInSteps(snapshot: PageSnapshot): Steps<PageAnalysis> {
  const facts = yield* derivePageFactsInSteps(snapshot);
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    yield;
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
