// Finds patient records — values, not words — in a snapshot: rows of study lists, "Label: value"
// groups of viewers, and objects in archive API answers (json-records.ts).

import type { PageSnapshot, LabelValue, SnapshotTable } from '../snapshot/snapshot';
import { matchFieldLabel, type FieldLabel, type PatientField } from './vocabulary';
import { isDicomPersonName, isValueFor } from './values';
import { findJsonPatientData } from './json-records';

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

export function findPatientRecords(snapshot: PageSnapshot): PatientRecord[] {
  const drafts = [
    ...snapshot.tables.flatMap(recordsFromTable),
    ...recordsFromLabelValues(snapshot.labelValues),
  ];
  // Archive API answers have formats of their own (json-records.ts), with their own record rules.
  const fromJson = snapshot.json === null ? [] : findJsonPatientData(snapshot.json).records;
  return [...drafts.filter(isPatientRecord).map(({ fields }) => ({ fields })), ...fromJson];
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
