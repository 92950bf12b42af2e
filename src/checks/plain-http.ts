// plain-http: a medical portal served over http:, so anyone on the network path can read it.
// Loopback is not exempt: the real Orthanc test runs on 127.0.0.1 and must see this finding.
// Fixtures: every http: medical fixture in tests/fixtures/catalog.ts.

import type { Check } from './check';

export const plainHttp: Check = {
  id: 'plain-http',
  run({ facts }) {
    if (!facts.isMedicalPortal || !facts.isPlainHttp) return null;
    const showsData = facts.showsPatientData;
    return {
      id: 'plain-http',
      severity: showsData ? 'high' : 'medium',
      certainty: 'certain',
      evidence: showsData ? 'page address is http: and the page shows patient data' : 'page address is http:',
    };
  },
};
