// no-login: patient data is visible to anyone. Decided by the re-check (src/content/recheck-without-credentials.ts),
// never by missing "Logout" words: the page's request was repeated without cookies or passwords and
// patient data came back. On a share link for one patient (a long random code in the address) the
// finding is link-is-key instead: there the link itself is the key.
// Tests: tests/unit/checks/no-login.test.ts; real Orthanc in tests/browser/orthanc.test.ts.

import type { RecheckOutcome } from '../snapshot/snapshot';
import type { Check } from './check';

// What kind of answer it was, never what was in it.
const ANSWER_NAMES: Record<Extract<RecheckOutcome, { kind: 'patient-data' }>['answer'], string> = {
  html: 'a web page',
  'dicom-json': 'DICOMweb data (DICOM JSON)',
  'orthanc-rest': 'Orthanc REST API data',
  fhir: 'FHIR data',
  json: 'JSON data',
};

export const noLogin: Check = {
  id: 'no-login',
  run({ snapshot, facts }) {
    const recheck = snapshot.recheck;
    if (!facts.isMedicalPortal || facts.isShareLink || recheck?.kind !== 'patient-data') return null;
    return {
      id: 'no-login',
      severity: 'high',
      certainty: 'verified',
      evidence: `repeated the ${recheck.url === 'page' ? 'page request' : "page's data request"} without cookies or passwords: ${ANSWER_NAMES[recheck.answer]} with ${recheck.records} patient record(s) came back`,
    };
  },
};
