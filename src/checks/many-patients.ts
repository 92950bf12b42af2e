// many-patients: records of two or more different patients on one page. A patient's own portal shows
// one patient; a list of many means the archive itself is open to whoever sees this page.
// Fixtures: study-list and API fixtures with several patients; single-patient portal pages as negatives.

import type { Check } from './check';

export const manyPatients: Check = {
  id: 'many-patients',
  run({ facts }) {
    if (!facts.isMedicalPortal || facts.distinctPatients < 2) return null;
    return {
      id: 'many-patients',
      severity: 'medium',
      certainty: 'certain',
      evidence: `${facts.distinctPatients} different patients on the page`,
    };
  },
};
