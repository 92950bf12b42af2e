// Could this page be a medical portal at all? Decided on the quick look (src/snapshot/quick-look.ts):
// if not, the full read and the checks are not even loaded. The gate must never miss a portal, so
// it is generous: any word of the field in English, German or French, a viewer's name, DICOM-style
// names or files, a directory index, or a JSON answer lets the page through to the full check.
// Viewers are let through by the same fingerprints that name them later (products.ts): any title or
// address sign of any product is enough here, whatever its weight. This runs on every page (in the gate
// script, content/gate.iife.ts), so it takes those signs from their generated, compact copy.

import type { QuickLook } from '../snapshot/quick-look';
import { PRODUCT_ADDRESS_SIGNS, PRODUCT_TITLE_SIGNS } from './product-entry-signs.generated';

const MEDICAL_HINTS = new RegExp(
  [
    'patient', 'dicom', 'pacs', 'radiolog', 'x-?ray', 'r[öo]ntgen', '\\bmrt?\\b', '\\bmri\\b', '\\birm\\b', 'imagerie', 'imaging', 'mammogra',
    '\\bstud(y|ies|ie|ien)\\b', '[ée]tudes?\\b', 'examens?\\b', 'untersuchung', 'befund', 'compte[- ]rendu', 'worklist', 'accession', 'zugangsnummer',
    'eingangsnummer', '\\bmrn\\b', 'geburtsdatum', 'date de naissance', 'birth ?date', 'date of birth', '\\bdob\\b', 'modalit', 'orthanc', 'ohif',
    'dcm4che', 'conquest', 'horos', 'osirix', 'weasis', 'viewer', 'my ?chart',
    '\\.dcm\\b', 'dicomdir', '\\bim_?\\d{4,}', '\\b\\d+(\\.\\d+){4,}',
    'index of /', 'directory listing', 'parent directory', 'listing directory', 'directory: /',
  ].join('|'),
  // No "u" flag: compiling the case-insensitive Unicode form of this pattern is the larger part of what
  // the gate costs on a page (bench/, issue 15); every word here is matched alike without it.
  'i',
);
// A DICOM person name ("MÜLLER^HANS"), in any script: the one part that needs Unicode, tried only on text
// with a caret in it.
const DICOM_PERSON_NAME = /\p{Lu}{2,}\^\p{Lu}/iu;

const hasHint = (text: string): boolean => MEDICAL_HINTS.test(text) || (text.includes('^') && DICOM_PERSON_NAME.test(text));

function hasProductSign(look: QuickLook): boolean {
  return PRODUCT_TITLE_SIGNS.some((pattern) => pattern.test(look.title)) || PRODUCT_ADDRESS_SIGNS.some((pattern) => pattern.test(look.url));
}

export function mayBeMedicalPortal(look: QuickLook): boolean {
  if (/json/i.test(look.contentType)) return true;
  return hasHint(look.title) || hasHint(look.url) || hasHint(look.text) || hasProductSign(look);
}
