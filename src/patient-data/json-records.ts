// Patient identity in JSON answers, in the formats archives and viewers really speak:
//  - DICOM JSON (PS3.18 Annex F): QIDO-RS study lists and WADO-RS metadata, {"00100010":{"vr":"PN",
//    "Value":[{"Alphabetic":"DOE^JANE"}]}}, datasets in arrays and in sequences (vr "SQ");
//  - Orthanc's REST API: MainDicomTags / PatientMainDicomTags, plain ("PatientName": …) or with ?full
//    ("0010,0010": {"Name":"PatientName","Type":"String","Value":…}); /tools/find answers alike;
//  - FHIR R4: Patient (name, identifier, birthDate) and ImagingStudy (subject, identifiers), alone or
//    in a Bundle;
//  - plain JSON whose keys name patient fields ("patientName", "patient_id", "PatientBirthDate"), or
//    ordinary field names inside an object or list called "patient(s)".
// Pure and bounded (JSON_LIMITS): hostile JSON yields fewer records, never an exception.
// Captured answers and their tests: tests/fixtures/answers/, tests/unit/json-records.test.ts.

import { countDistinctPatients, type PatientRecord } from './patient-record';
import { isDicomPersonName, isIdentifierValue, isValueFor } from './values';
import { matchFieldLabel, normaliseLabel, type FieldLabel, type PatientField } from './vocabulary';

export type JsonAnswerKind = 'dicom-json' | 'orthanc-rest' | 'fhir' | 'json';

export interface JsonPatientData {
  /** The format of the answer: of its first patient record, else of the first archive object in it. */
  kind: JsonAnswerKind;
  records: PatientRecord[];
  distinctPatients: number;
}

export const JSON_LIMITS = {
  /** Objects, arrays and object members looked at, in all. */
  nodes: 50_000,
  /** Archive answers nest a few levels (Bundle → entry → resource → name); deeper is not a record. */
  depth: 24,
} as const;

interface DraftRecord extends PatientRecord {
  kind: JsonAnswerKind;
  /** Something says "patient": the format's patient slot, a patient-specific key, or a "patient" parent. */
  patientSpecific: boolean;
  /** Plain JSON that splits the name: "lastName"/"firstName" inside a patient object. */
  family?: string;
  given?: string;
  /** Fields taken from keys that do not say "patient" ("name"): a patient-specific key replaces them. */
  weak?: Set<PatientField>;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// Own members only: a key named "__proto__" or "constructor" in hostile JSON must not reach the prototype.
const own = (node: JsonObject, key: string): unknown => (Object.hasOwn(node, key) ? node[key] : undefined);

function addField(record: DraftRecord, field: PatientField, value: string | null): void {
  if (value === null || record.fields[field] !== undefined || !isValueFor(field, value)) return;
  record.fields[field] = value.trim();
}

// A record is patient identity when it names or identifies someone (name or patient ID), has a second
// field, and something says "patient". Two fields keep out a lone "Name: Jane"; the patient evidence
// keeps out a shop's customers ({"name", "birthday"}).
function isPatientRecord(record: DraftRecord): boolean {
  const { fields } = record;
  const identifies = fields.name !== undefined || fields.patientId !== undefined;
  const dicomName = fields.name !== undefined && isDicomPersonName(fields.name);
  return identifies && Object.keys(fields).length >= 2 && (record.patientSpecific || dicomName);
}

/** DICOM JSON and Orthanc ?full wrap values: {"vr":"PN","Value":[{"Alphabetic":…}]}, {"Name":…,"Value":…}. */
export function jsonScalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (!isObject(value)) return null;
  const wrapped = own(value, 'Value');
  if (typeof wrapped === 'string' || typeof wrapped === 'number') return jsonScalar(wrapped);
  if (!Array.isArray(wrapped) || wrapped.length === 0) return null;
  const first: unknown = wrapped[0];
  if (isObject(first)) {
    // A person name: the alphabetic form, else the ideographic or phonetic one.
    for (const form of ['Alphabetic', 'Ideographic', 'Phonetic']) {
      const name = own(first, form);
      if (typeof name === 'string') return name;
    }
    return null;
  }
  return jsonScalar(first);
}

// ---- DICOM JSON ------------------------------------------------------------------------------------

const DICOM_TAG = /^[0-9A-Fa-f]{8}$/;
const DICOM_FIELDS: ReadonlyMap<string, PatientField> = new Map<string, PatientField>([
  ['00100010', 'name'],
  ['00100020', 'patientId'],
  ['00100030', 'birthDate'],
  ['00080050', 'accession'],
  ['00080020', 'studyDate'],
]);

function isDicomDataset(node: JsonObject): boolean {
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    return DICOM_TAG.test(key) && isObject(value) && typeof own(value, 'vr') === 'string';
  }
  return false;
}

// ---- Orthanc REST ----------------------------------------------------------------------------------

const ORTHANC_TAG = /^[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}$/;

const isOrthancResource = (node: JsonObject): boolean => isObject(own(node, 'MainDicomTags')) || isObject(own(node, 'PatientMainDicomTags'));

// /instances/…/tags without ?simplify: {"0010,0010": {"Name":"PatientName","Type":"String","Value":…}}.
function isOrthancTagMap(node: JsonObject): boolean {
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    return ORTHANC_TAG.test(key) && isObject(value) && typeof own(value, 'Name') === 'string' && typeof own(value, 'Type') === 'string';
  }
  return false;
}

// ---- FHIR ------------------------------------------------------------------------------------------

const fhirType = (node: JsonObject): string | null => {
  const type = own(node, 'resourceType');
  return typeof type === 'string' ? type : null;
};

function fhirHumanName(names: unknown): string | null {
  if (!Array.isArray(names)) return null;
  const humanNames = names.slice(0, 10).filter(isObject);
  const name = humanNames.find((candidate) => own(candidate, 'use') === 'official') ?? humanNames[0];
  if (!name) return null;
  const text = own(name, 'text');
  if (typeof text === 'string') return text;
  const family = own(name, 'family');
  const given = own(name, 'given');
  const givenNames = Array.isArray(given) ? given.slice(0, 5).filter((part): part is string => typeof part === 'string') : [];
  if (typeof family !== 'string') return givenNames.length > 0 ? givenNames.join(' ') : null;
  return givenNames.length > 0 ? `${family}, ${givenNames.join(' ')}` : family;
}

// An Identifier's value, optionally only of one type (ACSN: accession number).
function fhirIdentifier(identifiers: unknown, typeCode?: string): string | null {
  const list = Array.isArray(identifiers) ? identifiers.slice(0, 10) : [identifiers];
  for (const identifier of list) {
    if (!isObject(identifier)) continue;
    const value = own(identifier, 'value');
    if (typeof value !== 'string' || !isIdentifierValue(value)) continue;
    const type = own(identifier, 'type');
    const coding = isObject(type) ? own(type, 'coding') : undefined;
    const codes = Array.isArray(coding) ? coding.slice(0, 5).filter(isObject).map((code) => own(code, 'code')) : [];
    if (typeCode === undefined ? !codes.includes('ACSN') : codes.includes(typeCode)) return value;
  }
  return null;
}

// FHIR dates and instants: "1970-01-01", "2024-02-12T09:30:00Z"; the date part is what counts.
const fhirDate = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, 10) : null);

function fhirRecord(node: JsonObject, type: string): DraftRecord | null {
  const record: DraftRecord = { fields: {}, kind: 'fhir', patientSpecific: true };
  if (type === 'Patient') {
    addField(record, 'name', fhirHumanName(own(node, 'name')));
    addField(record, 'patientId', fhirIdentifier(own(node, 'identifier')));
    addField(record, 'birthDate', fhirDate(own(node, 'birthDate')));
    return record;
  }
  if (type === 'ImagingStudy') {
    const subject = own(node, 'subject');
    if (isObject(subject)) {
      const display = own(subject, 'display');
      addField(record, 'name', typeof display === 'string' ? display : null);
      addField(record, 'patientId', fhirIdentifier(own(subject, 'identifier')));
    }
    addField(record, 'accession', fhirIdentifier(own(node, 'identifier'), 'ACSN'));
    addField(record, 'studyDate', fhirDate(own(node, 'started')));
    return record;
  }
  return null;
}

// ---- plain JSON ------------------------------------------------------------------------------------

/** "patientBirthDate" → "patient Birth Date": camelCase keys read as words. */
const splitCamelCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2');

function keyLabel(key: string): FieldLabel | null {
  return matchFieldLabel(key) ?? matchFieldLabel(splitCamelCase(key));
}

// An object or list named after patients: what it holds is about patients, "name" included.
const PATIENT_KEY = /^(patients?|patient (info|information|details|data|demographics)|patienten|patientin|patient e?s?)$/;
const GIVEN_NAME_KEY = /^(patient )?(first|given|fore) ?names?$|^(vorname|prenom)$/;
const FAMILY_NAME_KEY = /^(patient )?(last|family|sur) ?name$|^(surname|nachname|nom de famille)$/;

const normalisedKey = (key: string): string => normaliseLabel(splitCamelCase(key));

// ---- the walk --------------------------------------------------------------------------------------

interface Pending {
  node: unknown;
  depth: number;
  /** Inside an object or list called "patient(s)". */
  inPatient: boolean;
}

function formatOf(node: JsonObject): JsonAnswerKind | null {
  if (fhirType(node) !== null) return 'fhir';
  if (isOrthancResource(node) || isOrthancTagMap(node)) return 'orthanc-rest';
  if (isDicomDataset(node)) return 'dicom-json';
  return null;
}

export function findJsonPatientData(root: unknown): JsonPatientData {
  const drafts: DraftRecord[] = [];
  let firstFormat: JsonAnswerKind | null = null;
  let visited = 0;
  // Depth-first, in document order: later siblings are pushed first.
  const pending: Pending[] = [{ node: root, depth: 0, inPatient: false }];
  const later = (items: Pending[]): void => {
    for (let index = items.length - 1; index >= 0; index--) pending.push(items[index]!);
  };

  // The fields of one dataset: DICOM JSON tags, or Orthanc's (plain or ?full) tags. Sequences hold
  // datasets of their own, read as separate records.
  const readTags = (tags: JsonObject, record: DraftRecord, depth: number, nested: Pending[]): void => {
    for (const key in tags) {
      if (!Object.hasOwn(tags, key) || ++visited > JSON_LIMITS.nodes) return;
      const value = tags[key];
      if (isObject(value) && (own(value, 'vr') === 'SQ' || own(value, 'Type') === 'Sequence')) {
        const items = own(value, 'Value');
        if (Array.isArray(items)) nested.push({ node: items, depth: depth + 1, inPatient: false });
        continue;
      }
      // A tag ("00100010", "0010,0010") is looked up; only Orthanc's plain keywords go through the vocabulary.
      const isTag = DICOM_TAG.test(key) || ORTHANC_TAG.test(key);
      const field = isTag ? DICOM_FIELDS.get(key.replace(',', '').toUpperCase()) : keyLabel(key)?.field;
      // Orthanc's plain MainDicomTags use DICOM keywords, which are all patient-specific labels.
      if (field !== undefined) addField(record, field, jsonScalar(value));
    }
  };

  // Plain JSON: the fields of an object and of its nested objects form one record; nested lists and
  // nested archive objects are records of their own.
  const collect = (node: JsonObject, record: DraftRecord, inPatient: boolean, depth: number, nested: Pending[]): void => {
    if (depth > JSON_LIMITS.depth) return;
    for (const key in node) {
      if (!Object.hasOwn(node, key) || ++visited > JSON_LIMITS.nodes) return;
      const value = node[key];
      const words = normalisedKey(key);
      const patientKey = PATIENT_KEY.test(words);
      if (Array.isArray(value)) {
        nested.push({ node: value, depth: depth + 1, inPatient: inPatient || patientKey });
        continue;
      }
      if (isObject(value) && formatOf(value) !== null) {
        nested.push({ node: value, depth: depth + 1, inPatient: inPatient || patientKey });
        continue;
      }
      const label = keyLabel(key);
      const scalar = jsonScalar(value);
      if (scalar !== null && label) {
        // "name" or "birthday" alone appear in every kind of JSON: such fields are kept only until a
        // patient-specific key (or any key inside a patient object) gives the same field.
        const strong = label.patientSpecific || inPatient;
        if (strong && isValueFor(label.field, scalar)) {
          if (record.weak?.delete(label.field)) delete record.fields[label.field];
          record.patientSpecific = true;
        } else if (!strong && record.fields[label.field] === undefined && isValueFor(label.field, scalar)) {
          (record.weak ??= new Set()).add(label.field);
        }
        addField(record, label.field, scalar);
      } else if (typeof value === 'string' && (inPatient || words.startsWith('patient ')) && (GIVEN_NAME_KEY.test(words) || FAMILY_NAME_KEY.test(words))) {
        if (GIVEN_NAME_KEY.test(words)) record.given ??= value;
        else record.family ??= value;
        record.patientSpecific = true;
      } else if (isObject(value)) {
        collect(value, record, inPatient || patientKey, depth + 1, nested);
      }
    }
  };

  while (pending.length > 0 && visited <= JSON_LIMITS.nodes) {
    const { node, depth, inPatient } = pending.pop()!;
    visited++;
    if (depth > JSON_LIMITS.depth) continue;
    if (Array.isArray(node)) {
      later(node.slice(0, Math.max(0, JSON_LIMITS.nodes - visited)).map((item) => ({ node: item, depth: depth + 1, inPatient })));
      continue;
    }
    if (!isObject(node)) continue;
    const format = formatOf(node);
    firstFormat ??= format;
    const nested: Pending[] = [];
    let record: DraftRecord;
    if (format === 'fhir') {
      record = fhirRecord(node, fhirType(node)!) ?? { fields: {}, kind: 'fhir', patientSpecific: false };
      // Bundles hold their resources in entry[].resource; resources hold others in "contained".
      for (const key of ['entry', 'contained']) {
        const child = own(node, key);
        if (child !== undefined) nested.push({ node: child, depth: depth + 1, inPatient: false });
      }
    } else if (format === 'orthanc-rest' || format === 'dicom-json') {
      record = { fields: {}, kind: format, patientSpecific: true };
      if (format === 'orthanc-rest' && isOrthancResource(node)) {
        for (const key of ['PatientMainDicomTags', 'MainDicomTags']) {
          const tags = own(node, key);
          if (isObject(tags)) readTags(tags, record, depth + 1, nested);
        }
      } else {
        readTags(node, record, depth, nested);
      }
    } else {
      record = { fields: {}, kind: 'json', patientSpecific: inPatient };
      collect(node, record, inPatient, depth, nested);
      if (record.family !== undefined) addField(record, 'name', record.given === undefined ? record.family : `${record.family}, ${record.given}`);
    }
    drafts.push(record);
    later(nested);
  }

  const patients = drafts.filter(isPatientRecord);
  const records = patients.map(({ fields }) => ({ fields }));
  return { kind: patients[0]?.kind ?? firstFormat ?? 'json', records, distinctPatients: records.length === 0 ? 0 : countDistinctPatients(records) };
}
