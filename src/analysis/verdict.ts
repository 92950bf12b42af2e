// The verdict rules, written down for people in docs/verdict-rules.md; keep the two in step.

import type { Finding, Verdict } from '../shared/report';
import type { PageFacts } from './page-facts';

export function decideVerdict(facts: PageFacts, findings: readonly Finding[]): Verdict {
  if (!facts.isMedicalPortal) return 'not-medical';
  const has = (id: Finding['id']): boolean => findings.some((finding) => finding.id === id);
  // Open to anyone who finds the address. A share link (link-is-key) is open only to whoever has the link.
  const dataOverHttp = has('plain-http') && facts.showsPatientData;
  if (has('no-login') || has('directory-listing') || dataOverHttp) return 'danger';
  // Information (the viewer's name) and minor points (a study UID in the address) are shown, not warned about.
  return findings.some((finding) => finding.severity === 'high' || finding.severity === 'medium') ? 'warning' : 'ok';
}
