// Is this text a plausible value for a patient field? Labels alone prove nothing (a news article says
// "patient names"); the checks look for values next to labels: a name, a date, an identifier.

import { letterPattern } from './letter-pattern';
import type { PatientField } from './vocabulary';

const DATE_PATTERNS = [
  /^(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, // DICOM DA: 19800131
  /^(18|19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, // ISO
  /^(0?[1-9]|[12]\d|3[01])[./-](0?[1-9]|1[0-2])[./-](18|19|20)\d{2}$/, // 31.01.1980, 31/01/1980
  /^(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])\/(18|19|20)\d{2}$/, // US 01/31/1980
  /^(0?[1-9]|[12]\d|3[01])\.? [A-Za-zÀ-ÿ]{3,9}\.? (18|19|20)\d{2}$/, // 31 Jan 1980, 31. Januar 1980
  /^(0?[1-9]|[12]\d|3[01])-[A-Za-z]{3}-(18|19|20)\d{2}$/, // 31-Jan-1980 (OHIF 3.13's study list)
  /^[A-Za-z]{3,9}\.? (0?[1-9]|[12]\d|3[01]),? (18|19|20)\d{2}$/, // Jan 31, 1980
];

// Viewers spell dates out: Orthanc Explorer shows "Saturday, March 3, 1990". The weekday is dropped first:
// a full weekday name, or a short one followed by a comma ("Sat,"), so "Mar 3, 2024" keeps its month.
const WEEKDAY_PREFIX =
  /^((monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?|(mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)\.?,)\s+/i;

export function isDateValue(text: string): boolean {
  const value = text.trim().replace(WEEKDAY_PREFIX, '');
  return value.length >= 8 && value.length <= 20 && DATE_PATTERNS.some((pattern) => pattern.test(value));
}

// Names in any script: letter patterns (letter-pattern.ts), cheap on ASCII text.
const NAME_CHARACTERS = letterPattern(String.raw`^[\p{L}][\p{L}\p{M} '’.,^-]*$`, 'u');
const NOT_LETTERS = letterPattern(String.raw`[^\p{L}]`, 'gu');
const DICOM_PERSON_NAME = letterPattern(String.raw`^[\p{Lu}][\p{L}'’ -]*\^[\p{L}'’ -]*(\^[\p{L}'’. -]*){0,3}$`, 'u');
const COMMA_PERSON_NAME = letterPattern(String.raw`^\p{L}[\p{L}\p{M}'’ -]*\p{L}, ?\p{L}[\p{L}\p{M}'’. -]*$`, 'u');

/** DICOM person names ("DOE^JANE") or ordinary names ("Jane Doe", "Dupont, Claire"). */
export function isNameValue(text: string): boolean {
  const value = text.trim();
  if (value.length < 3 || value.length > 80) return false;
  if (!NAME_CHARACTERS.test(value)) return false;
  const letters = value.replace(NOT_LETTERS.for(value), '');
  return letters.length >= 3;
}

export function isDicomPersonName(text: string): boolean {
  return DICOM_PERSON_NAME.test(text.trim());
}

/**
 * A person's name written family name first, then a comma: "HARTMANN, KLAUS", as OHIF's study list
 * shows a DICOM name. Also how bibliographies and programmes list authors, so it proves nothing alone.
 */
export function isCommaPersonName(text: string): boolean {
  const value = text.trim();
  if (value.length > 80 || !COMMA_PERSON_NAME.test(value)) return false;
  // A name has a few words on each side of the comma; a sentence has more.
  return value.split(',').every((side) => side.trim().split(/\s+/).length <= 3);
}

// Modalities (DICOM PS3.3 C.7.3.1.1.1) that image portals list: one code, or several ("CT/SR", "CT\\SR").
const MODALITY_CODES =
  'CR|CT|MR|NM|US|PT|XA|RF|DX|MG|IO|PX|OT|SR|SEG|KO|PR|SM|OP|OPT|OCT|ES|XC|GM|RG|BMD|DOC|ECG|RTSTRUCT|RTDOSE|RTPLAN|RTIMAGE|RTRECORD|REG|IVUS|HC|AU';
const MODALITY_LIST = new RegExp(`^(?:${MODALITY_CODES})(?:\\s*[/\\\\,]\\s*(?:${MODALITY_CODES}))*$`);

/** A modality code or a list of them, exactly: "MR", "CT/SR". */
export function isModalityList(text: string): boolean {
  return MODALITY_LIST.test(text.trim());
}

// FAMILY_GIVEN_YYYYMMDD, as CD exports and scripts name a patient's folder, optionally after "PATIENT_".
const PATIENT_NAMED_FOLDER = letterPattern(String.raw`^(?:pat(?:ient(?:en)?)?[_ -])?[\p{L}'-]{2,}[_^ ,-]+[\p{L}'-]{2,}[_ -]+(?:18|19|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])\/?$`, 'iu');

/** A folder or file named after a patient and their birth date: TESTPERSON_ANNA_19800101/. */
export function isPatientNamedFolder(name: string): boolean {
  return PATIENT_NAMED_FOLDER.test(name);
}

// A DICOM UID (PS3.5 §9.1): digit components without leading zeros, under an ISO/ITU root, at most 64
// characters. Five or more components, so a version number (1.2.3) is not one.
const DICOM_UID = /^[0-2](\.(0|[1-9]\d*)){4,}$/;

/** A study, series or image UID. UIDs of the standard itself (1.2.840.10008.…: file types) name no study. */
export function isInstanceUid(text: string): boolean {
  return text.length <= 64 && DICOM_UID.test(text) && !text.startsWith('1.2.840.10008.');
}

/** Patient IDs and accession numbers: short codes that contain at least one digit. */
export function isIdentifierValue(text: string): boolean {
  const value = text.trim();
  return value.length >= 1 && value.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value) && /\d/.test(value);
}

export function isValueFor(field: PatientField, text: string): boolean {
  switch (field) {
    case 'name':
      return isNameValue(text);
    case 'birthDate':
    case 'studyDate':
      return isDateValue(text);
    case 'patientId':
    case 'accession':
      return isIdentifierValue(text);
  }
}
