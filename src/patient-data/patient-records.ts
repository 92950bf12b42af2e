// Finds patient records — values, not words — in a snapshot: rows of study lists, "Label: value"
// groups of viewers, and objects in archive API answers (Orthanc JSON, DICOM JSON).

import type { PageSnapshot, LabelValue, SnapshotTable } from '../snapshot/snapshot';
import { matchFieldLabel, type FieldLabel, type PatientField } from './vocabulary';
import { isDicomPersonName, isValueFor } from './values';

export interface PatientRecord {
  fields: Partial<Record<PatientField, string>>;
}

interface DraftRecord extends PatientRecord {
  patientSpecific: boolean;
}

// A record counts when it has two different fields and something says "patient": a patient-specific
// label or a DICOM-style name. Two fields keep out a lone "Name: Jane"; the patient label keeps out
// a shop's customer table (Name, Date of birth).
function isPatientRecord(record: DraftRecord): boolean {
  const fieldCount = Object.keys(record.fields).length;
  const dicomName = record.fields.name !== undefined && isDicomPersonName(record.fields.name);
  return fieldCount >= 2 && (record.patientSpecific || dicomName);
}

function addField(record: DraftRecord, label: FieldLabel, value: string): void {
  if (!isValueFor(label.field, value)) return;
  record.fields[label.field] = value.trim();
  if (label.patientSpecific) record.patientSpecific = true;
}

function recordsFromTable(table: SnapshotTable): DraftRecord[] {
  const columns = table.headers.map((header) => matchFieldLabel(header));
  if (!columns.some((column) => column !== null)) return [];
  return table.rows.map((row) => {
    const record: DraftRecord = { fields: {}, patientSpecific: false };
    row.forEach((cell, index) => {
      const label = columns[index];
      if (label) addField(record, label, cell);
    });
    return record;
  });
}

const DICOM_NAME: FieldLabel = { field: 'name', patientSpecific: true };

function recordsFromLabelValues(pairs: readonly LabelValue[]): DraftRecord[] {
  const pairsPerBlock = new Map<number, number>();
  for (const pair of pairs) pairsPerBlock.set(pair.block, (pairsPerBlock.get(pair.block) ?? 0) + 1);
  const holdsRecord = (block: number): boolean => (pairsPerBlock.get(block) ?? 0) >= 2;

  const records: DraftRecord[] = [];
  let current: DraftRecord | null = null;
  let currentBlock = -1;
  for (const pair of pairs) {
    // An unlabelled heading counts only when it is written like a DICOM name ("DOE^JANE").
    const label = pair.label === '' ? (isDicomPersonName(pair.value) ? DICOM_NAME : null) : matchFieldLabel(pair.label);
    if (!label) continue;
    // The next patient starts with a field seen again, or with a new block when blocks hold whole
    // records (Orthanc's list items). Blocks of one pair each (<li>Name: …</li><li>Born: …</li>)
    // are parts of one record.
    const blockChanged = pair.block !== currentBlock && (holdsRecord(pair.block) || holdsRecord(currentBlock));
    if (!current || blockChanged || current.fields[label.field] !== undefined) {
      current = { fields: {}, patientSpecific: false };
      records.push(current);
    }
    currentBlock = pair.block;
    addField(current, label, pair.value);
  }
  return records;
}

// DICOM JSON wraps values: {"vr":"PN","Value":[{"Alphabetic":"DOE^JANE"}]}; Orthanc uses plain strings,
// or with "?full" {"Name":"PatientName","Type":"String","Value":"DOE^JANE"} under the tag "0010,0010".
function jsonScalar(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const wrapped = (value as { Value?: unknown }).Value;
    if (typeof wrapped === 'string' || typeof wrapped === 'number') return String(wrapped);
    if (Array.isArray(wrapped) && wrapped.length > 0) {
      const first: unknown = wrapped[0];
      if (first && typeof first === 'object' && 'Alphabetic' in first) return jsonScalar((first as { Alphabetic: unknown }).Alphabetic);
      return jsonScalar(first);
    }
  }
  return null;
}

const JSON_NODE_BUDGET = 50_000;
// Archive answers nest a few levels (Orthanc: record → MainDicomTags → tag); deeper is not a record.
const JSON_DEPTH = 16;

function recordsFromJson(root: unknown): DraftRecord[] {
  const records: DraftRecord[] = [];
  let visited = 0;

  // Gathers the fields of one object and of its nested objects (Orthanc's MainDicomTags,
  // PatientMainDicomTags) into one record; nested arrays are separate lists of records.
  const collect = (node: Record<string, unknown>, record: DraftRecord, lists: unknown[][], depth = 0): void => {
    if (depth > JSON_DEPTH) return;
    for (const [key, value] of Object.entries(node)) {
      if (++visited > JSON_NODE_BUDGET) return;
      if (Array.isArray(value)) {
        lists.push(value);
        continue;
      }
      // Only patient-specific keys: "name" or "birthday" alone appear in every kind of JSON.
      const match = matchFieldLabel(key);
      const label = match?.patientSpecific ? match : null;
      const scalar = label ? jsonScalar(value) : null;
      if (label && scalar !== null) addField(record, label, scalar);
      else if (value && typeof value === 'object') collect(value as Record<string, unknown>, record, lists, depth + 1);
    }
  };

  const pending: unknown[] = [root];
  while (pending.length > 0 && visited <= JSON_NODE_BUDGET) {
    const node = pending.pop();
    visited++;
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
    } else if (node && typeof node === 'object') {
      const record: DraftRecord = { fields: {}, patientSpecific: false };
      const lists: unknown[][] = [];
      collect(node as Record<string, unknown>, record, lists);
      records.push(record);
      for (const list of lists) pending.push(list);
    }
  }
  return records;
}

export function findPatientRecords(snapshot: PageSnapshot): PatientRecord[] {
  const drafts = [
    ...snapshot.tables.flatMap(recordsFromTable),
    ...recordsFromLabelValues(snapshot.labelValues),
    ...(snapshot.json === null ? [] : recordsFromJson(snapshot.json)),
  ];
  return drafts.filter(isPatientRecord).map(({ fields }) => ({ fields }));
}

/** Distinct DICOM-style person names ("DOE^JANE") in a text: how viewers print patients without labels. */
export function findDicomNamesInText(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}^])\p{Lu}[\p{Lu}'’-]+\^\p{Lu}[\p{L}'’-]*/gu)) {
    names.add(match[0].toUpperCase());
    if (names.size >= 1000) break;
  }
  return [...names];
}

/** Different patients among the records: by patient ID, else by name, else by birth date. */
export function countDistinctPatients(records: readonly PatientRecord[]): number {
  const keys = new Set<string>();
  for (const { fields } of records) {
    const key = fields.patientId ?? fields.name?.toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim() ?? fields.birthDate;
    if (key !== undefined) keys.add(key);
  }
  return keys.size === 0 ? Math.min(records.length, 1) : keys.size;
}
