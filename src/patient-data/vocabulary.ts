// Words that name patient fields in study lists, viewers and portals, in English, German and French,
// plus the DICOM keywords viewers show verbatim (Orthanc Explorer prints "PatientID: …").
// Sources: ../shared/research/fingerprints.md §3 (OHIF, Orthanc Explorer 2 and DICOM labels).

export type PatientField = 'name' | 'birthDate' | 'patientId' | 'accession' | 'studyDate';

export interface FieldLabel {
  field: PatientField;
  /**
   * True when the label itself says "patient" or is a radiology term (accession, study date, DICOM keyword).
   * "Name" or "Date of birth" alone are not: a shop's customer table has those too.
   */
  patientSpecific: boolean;
}

/** Lower case, accents removed, punctuation folded to spaces: "Numéro d'accès:" → "numero d acces". */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Patterns run on normalised labels (see normaliseLabel), anchored to the whole label.
const LABELS: ReadonlyArray<{ pattern: RegExp } & FieldLabel> = [
  // DICOM keywords and tags as archives print them.
  { pattern: /^patientname$|^0010 0010$|^00100010$/, field: 'name', patientSpecific: true },
  { pattern: /^patientid$|^0010 0020$|^00100020$/, field: 'patientId', patientSpecific: true },
  { pattern: /^patientbirthdate$|^0010 0030$|^00100030$/, field: 'birthDate', patientSpecific: true },
  { pattern: /^accessionnumber$|^0008 0050$|^00080050$/, field: 'accession', patientSpecific: true },
  { pattern: /^studydate$|^0008 0020$|^00080020$/, field: 'studyDate', patientSpecific: true },
  // English
  { pattern: /^patient s? ?names?$|^patient$|^patient full name$/, field: 'name', patientSpecific: true },
  { pattern: /^(patient (id|number|no)|mrn|medical record (number|no)|patient identifier)$/, field: 'patientId', patientSpecific: true },
  { pattern: /^patient s? ?(birth ?date|date of birth|dob)$/, field: 'birthDate', patientSpecific: true },
  { pattern: /^(accession( number| no| #)?|acc( no| #)?)$/, field: 'accession', patientSpecific: true },
  { pattern: /^(study|exam|examination|scan) date$/, field: 'studyDate', patientSpecific: true },
  { pattern: /^(name|full name|last name first name)$/, field: 'name', patientSpecific: false },
  { pattern: /^(birth ?date|date of birth|dob|born|birthday)$/, field: 'birthDate', patientSpecific: false },
  // German
  { pattern: /^(patienten ?name|name des patienten|patient in|patientin)$/, field: 'name', patientSpecific: true },
  { pattern: /^(patienten ?id|patienten ?nummer|patienten ?nr)$/, field: 'patientId', patientSpecific: true },
  { pattern: /^(geburtsdatum des patienten|geburtsdatum patient)$/, field: 'birthDate', patientSpecific: true },
  { pattern: /^(eingangsnummer|zugangsnummer|auftragsnummer)$/, field: 'accession', patientSpecific: true },
  { pattern: /^(studiendatum|untersuchungsdatum|aufnahmedatum|datum der untersuchung)$/, field: 'studyDate', patientSpecific: true },
  { pattern: /^(name vorname|nachname vorname|vollstandiger name)$/, field: 'name', patientSpecific: false },
  { pattern: /^(geburtsdatum|geb datum|geboren|geb)$/, field: 'birthDate', patientSpecific: false },
  // French
  { pattern: /^(nom du patient|nom de la patiente|nom patient|patient e?)$/, field: 'name', patientSpecific: true },
  { pattern: /^(id patient|identifiant patient|ipp|numero (de )?patient|n patient)$/, field: 'patientId', patientSpecific: true },
  { pattern: /^date de naissance du patient$/, field: 'birthDate', patientSpecific: true },
  { pattern: /^(numero d acces|n d acces|numero dsn)$/, field: 'accession', patientSpecific: true },
  { pattern: /^(date de l etude|date de l examen|date d examen)$/, field: 'studyDate', patientSpecific: true },
  { pattern: /^(nom|nom prenom|nom et prenom)$/, field: 'name', patientSpecific: false },
  { pattern: /^(date de naissance|ne e? le)$/, field: 'birthDate', patientSpecific: false },
];

export function matchFieldLabel(label: string): FieldLabel | null {
  const normalised = normaliseLabel(label);
  if (normalised.length === 0 || normalised.length > 40) return null;
  for (const entry of LABELS) {
    if (entry.pattern.test(normalised)) return { field: entry.field, patientSpecific: entry.patientSpecific };
  }
  return null;
}

/** Words that show a login page belongs to a patient or image portal, not to webmail or a shop. */
export const PORTAL_WORDS =
  /patient ?portal|patient access|my ?chart|image (portal|viewer)|imaging|radiolog|pacs|dicom|x-?ray|mri\b|befund|patientenportal|bild(daten)?portal|röntgen|espace patient|portail patient|imagerie|radiologie|compte[- ]rendu|dossier (médical|d'imagerie)|study list|worklist|studienliste|liste d'études/i;
