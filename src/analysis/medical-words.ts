// The words of the field that let a page through the quick-look gate wherever they stand in its title,
// address or text (medical-gate.ts, in lower case). A module of their own because the generated product
// signs (entry-signs-source.ts) leave out every sign these words already let through.

/** Found anywhere in the text, in any case. */
export const WORDS_ANYWHERE = [
  'patient', 'dicom', 'pacs', 'radiolog', 'xray', 'x-ray', 'röntgen', 'rontgen', 'imagerie', 'imaging', 'mammogra',
  'étude', 'etude', 'examen', 'untersuchung', 'befund', 'compte-rendu', 'compte rendu', 'worklist', 'accession',
  'zugangsnummer', 'eingangsnummer', 'geburtsdatum', 'date de naissance', 'birthdate', 'birth date', 'date of birth',
  'modalit', 'orthanc', 'ohif', 'dcm4che', 'conquest', 'horos', 'osirix', 'weasis', 'viewer', 'mychart', 'my chart',
  '.dcm', 'index of /', 'directory listing', 'parent directory', 'listing directory', 'directory: /',
];
