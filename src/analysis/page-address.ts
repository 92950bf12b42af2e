// What the page's own address carries: patient data in its path or query (patient-data-in-url), and a
// long random code that works as the key to the page (link-is-key). Only the kind of thing found is
// returned, never the value: the report stores no patient data.
// The fragment (#…) is left out: browsers do not send it to the site, to its logs or in a referrer.

import { matchFieldLabel } from '../patient-data/vocabulary';
import { isDateValue, isDicomPersonName, isIdentifierValue, isInstanceUid, isNameValue, isPatientNamedFolder } from '../patient-data/values';

export type AddressDataKind = 'name' | 'birth-date' | 'patient-id' | 'accession' | 'study-uid';

/** In the order the evidence names them: most telling first. */
export const ADDRESS_DATA_KINDS: readonly AddressDataKind[] = ['name', 'birth-date', 'patient-id', 'accession', 'study-uid'];

export interface AddressParts {
  /** Decoded path segments, without empty ones. */
  segments: string[];
  /** Decoded query parameters. */
  params: Array<[string, string]>;
}

// Bounds: an address can be 2 MB long in some browsers.
const MAX_SEGMENTS = 40;
const MAX_PARAMS = 50;
const MAX_VALUE = 512;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function addressParts(url: string): AddressParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { segments: [], params: [] };
  }
  const segments = parsed.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .slice(0, MAX_SEGMENTS)
    .map((segment) => decoded(segment).slice(0, MAX_VALUE));
  const params: Array<[string, string]> = [];
  for (const [key, value] of parsed.searchParams) {
    if (params.length >= MAX_PARAMS) break;
    params.push([key.slice(0, 100), value.slice(0, MAX_VALUE)]);
  }
  return { segments, params };
}

// Values a search box leaves around a name: OHIF's "DOE*", a quoted term.
const withoutWildcards = (value: string): string => value.replace(/[*%?"]/g, '').trim();

/** Kinds of patient data in one piece of the address, read without a label. */
function unlabelledKinds(piece: string): AddressDataKind[] {
  const kinds: AddressDataKind[] = [];
  if (isInstanceUid(piece)) kinds.push('study-uid');
  if (isDicomPersonName(piece)) kinds.push('name');
  if (isPatientNamedFolder(piece)) kinds.push('name', 'birth-date');
  return kinds;
}

/** Kinds of patient data one query parameter carries, by its name (patientName, mrn, dob, …) and value. */
function parameterKinds(key: string, value: string): AddressDataKind[] {
  const kinds: AddressDataKind[] = [];
  const label = matchFieldLabel(key);
  const bare = withoutWildcards(value);
  if (label?.field === 'name' && label.patientSpecific && isNameValue(bare)) kinds.push('name');
  if (label?.field === 'birthDate' && isDateValue(bare)) kinds.push('birth-date');
  if (label?.field === 'patientId' && isIdentifierValue(bare)) kinds.push('patient-id');
  if (label?.field === 'accession' && isIdentifierValue(bare)) kinds.push('accession');
  // StudyInstanceUIDs=uid1,uid2 and the like.
  for (const part of value.split(',').slice(0, 20)) kinds.push(...unlabelledKinds(part.trim()));
  return kinds;
}

export interface AddressPatientData {
  kinds: AddressDataKind[];
  inPath: boolean;
  inQuery: boolean;
}

export function findPatientDataInAddress(url: string): AddressPatientData {
  const { segments, params } = addressParts(url);
  const inPath = new Set(segments.flatMap(unlabelledKinds));
  const inQuery = new Set(params.flatMap(([key, value]) => parameterKinds(key, value)));
  return {
    kinds: ADDRESS_DATA_KINDS.filter((kind) => inPath.has(kind) || inQuery.has(kind)),
    inPath: inPath.size > 0,
    inQuery: inQuery.size > 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Share tokens: a long random code in the path or a query value. Not a DICOM UID, not an Orthanc ID
// (a hash of the patient ID, not a secret), not a file name, not words and numbers joined by dashes.

const TOKEN_CHARACTERS = /^[A-Za-z0-9_~.=-]{20,512}$/;
const ORTHANC_ID = /^[0-9a-f]{8}(-[0-9a-f]{8}){4}$/;
const FILE_NAME = /\.[A-Za-z][A-Za-z0-9]{1,4}$/;
export const MIN_TOKEN_LENGTH = 20;
const MIN_BITS_PER_CHARACTER = 3;

function bitsPerCharacter(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** A long random-looking code: letters and digits mixed within its parts, and enough different characters. */
export function looksLikeToken(piece: string): boolean {
  if (!TOKEN_CHARACTERS.test(piece) || !/\d/.test(piece) || !/[A-Za-z]/.test(piece)) return false;
  if (isInstanceUid(piece) || ORTHANC_ID.test(piece) || FILE_NAME.test(piece)) return false;
  // "report-2024-03-14-final" or "TESTPERSON_ANNA_19800101": every part only letters or only digits.
  const parts = piece.split(/[-_.~=]+/).filter((part) => part !== '');
  if (parts.every((part) => /^[A-Za-z]+$|^\d+$/.test(part))) return false;
  return bitsPerCharacter(piece) >= MIN_BITS_PER_CHARACTER;
}

/** Where the address carries a share token, if it does. */
export function findShareToken(url: string): 'path' | 'query' | null {
  const { segments, params } = addressParts(url);
  if (segments.some(looksLikeToken)) return 'path';
  if (params.some(([, value]) => value.split(/[/,]/).some(looksLikeToken))) return 'query';
  return null;
}
