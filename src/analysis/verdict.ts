// The verdict rules, written down for people in docs/verdict-rules.md; keep the two in step.

import type { Finding, Verdict } from '../shared/report';
import type { PageFacts } from './page-facts';

export function decideVerdict(facts: PageFacts, findings: readonly Finding[]): Verdict {
  if (!facts.isMedicalPortal) return 'not-medical';
  const has = (id: Finding['id']): boolean => findings.some((finding) => finding.id === id);
  const dataOverHttp = has('plain-http') && facts.showsPatientData;
  if (has('no-login') || has('directory-listing') || dataOverHttp) return 'danger';
  return findings.length > 0 ? 'warning' : 'ok';
}
