// Could this page be a medical portal at all? Decided on the quick look (src/snapshot/quick-look.ts):
// if not, the full read and the checks are not even loaded. The gate must never miss a portal, so
// it is generous: any word of the field in English, German or French, a viewer's name, DICOM-style
// names or files, a directory index, or a JSON answer lets the page through to the full check.
// Viewers are let through by the same fingerprints that name them later (products.ts): any title or
// address sign of any product is enough here, whatever its weight.

import type { QuickLook } from '../snapshot/quick-look';
import { PRODUCTS } from './products';

const MEDICAL_HINTS = new RegExp(
  [
    'patient', 'dicom', 'pacs', 'radiolog', 'x-?ray', 'r[öo]ntgen', '\\bmrt?\\b', '\\bmri\\b', '\\birm\\b', 'imagerie', 'imaging', 'mammogra',
    '\\bstud(y|ies|ie|ien)\\b', '[ée]tudes?\\b', 'examens?\\b', 'untersuchung', 'befund', 'compte[- ]rendu', 'worklist', 'accession', 'zugangsnummer',
    'eingangsnummer', '\\bmrn\\b', 'geburtsdatum', 'date de naissance', 'birth ?date', 'date of birth', '\\bdob\\b', 'modalit', 'orthanc', 'ohif',
    'dcm4che', 'conquest', 'horos', 'osirix', 'weasis', 'viewer', 'my ?chart',
    '\\p{Lu}{2,}\\^\\p{Lu}', '\\.dcm\\b', 'dicomdir', '\\bim_?\\d{4,}', '\\b\\d+(\\.\\d+){4,}',
    'index of /', 'directory listing', 'parent directory', 'listing directory', 'directory: /',
  ].join('|'),
  'iu',
);

function hasProductSign(look: QuickLook): boolean {
  return PRODUCTS.some((product) =>
    product.signs.some((sign) => (sign.kind === 'title' && sign.pattern.test(look.title)) || (sign.kind === 'url' && sign.pattern.test(look.url))),
  );
}

export function mayBeMedicalPortal(look: QuickLook): boolean {
  if (/json/i.test(look.contentType)) return true;
  return MEDICAL_HINTS.test(look.title) || MEDICAL_HINTS.test(look.url) || MEDICAL_HINTS.test(look.text) || hasProductSign(look);
}
