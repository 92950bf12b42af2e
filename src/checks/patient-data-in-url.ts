// patient-data-in-url: names, birth dates, patient IDs, accession numbers or study UIDs in the page
// address's path or query. Addresses end up in the browser history, in server logs and in referrers.
// Only the kinds go into the finding, never a value. Severity by what the address gives away: a name or
// birth date is high, a patient ID or accession number medium, a study UID alone low (it names a study,
// not a person; viewers like OHIF and Stone put it in every address).
// Fixtures: stone-webviewer-study.html (UID), dir-python-dicom.html (name and birth date in the folder),
// ohif-worklist-en.html opened with a search in its address.

import { findPatientDataInAddress, type AddressDataKind } from '../analysis/page-address';
import type { Severity } from '../shared/report';
import type { Check } from './check';

const KIND_WORDS: Record<AddressDataKind, string> = {
  name: 'a patient name',
  'birth-date': 'a birth date',
  'patient-id': 'a patient ID',
  accession: 'an accession number',
  'study-uid': 'a study UID',
};

function severityOf(kinds: readonly AddressDataKind[]): Severity {
  if (kinds.includes('name') || kinds.includes('birth-date')) return 'high';
  if (kinds.includes('patient-id') || kinds.includes('accession')) return 'medium';
  return 'low';
}

export const patientDataInUrl: Check = {
  id: 'patient-data-in-url',
  run({ snapshot, facts }) {
    if (!facts.isMedicalPortal) return null;
    const { kinds, inPath, inQuery } = findPatientDataInAddress(snapshot.url);
    if (kinds.length === 0) return null;
    const where = [inPath ? 'path' : '', inQuery ? 'query' : ''].filter(Boolean).join(' and ');
    return {
      id: 'patient-data-in-url',
      severity: severityOf(kinds),
      certainty: 'certain',
      evidence: `the address ${where} carries ${kinds.map((kind) => KIND_WORDS[kind]).join(', ')}`,
    };
  },
};
