// link-is-key: the page shows patient data without any login (verified by the re-check, as for no-login),
// and its address carries a long random code: a share link for one patient. Anyone who gets the link
// sees the data, but nobody can find it without the link. Replaces no-login on such pages, and gives a
// warning instead of danger (docs/verdict-rules.md §4). A "share link" that opens many patients is no-login.
// Fixtures: share-link-study-de.html; token-link-not-medical.html is the non-medical negative.

import type { Check } from './check';

export const linkIsKey: Check = {
  id: 'link-is-key',
  run({ snapshot, facts }) {
    const recheck = snapshot.recheck;
    if (!facts.isMedicalPortal || !facts.isShareLink || recheck?.kind !== 'patient-data') return null;
    return {
      id: 'link-is-key',
      severity: 'high',
      certainty: 'verified',
      evidence: `the address carries a long random code, and the page request repeated without cookies or passwords brought ${recheck.records} patient record(s) back`,
    };
  },
};
