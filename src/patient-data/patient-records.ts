// Finds patient records — values, not words — in a snapshot: rows of study lists, "Label: value"
// groups of viewers, and objects in archive API answers (Orthanc JSON, DICOM JSON). In a known viewer,
// rows without column labels count too when their values look like a patient's: a name next to a date.

import { TEXT_PART_SEPARATOR, type PageSnapshot, type LabelValue, type SnapshotTable } from '../snapshot/snapshot';
import { matchFieldLabel, type FieldLabel, type PatientField } from './vocabulary';
import { isCommaPersonName, isDateValue, isDicomPersonName, isIdentifierValue, isModalityList, isValueFor } from './values';

export interface PatientRecord {
  fields: Partial<Record<PatientField, string>>;
}

/** Where the snapshot comes from, beyond what it holds. */
export interface RecordContext {
  /** The page is a viewer the product fingerprints recognise: unlabelled rows may be read as patients. */
  inKnownViewer: boolean;
}

interface DraftRecord extends PatientRecord {
  patientSpecific: boolean;
  /** A name in a known viewer's patient column, written as viewers write names: enough alone. */
  viewerPatientName?: boolean;
}

// A record counts when it has two different fields and something says "patient": a patient-specific
// label or a DICOM-style name. Two fields keep out a lone "Name: Jane"; the patient label keeps out
// a shop's customer table (Name, Date of birth).
function isPatientRecord(record: DraftRecord): boolean {
  const fieldCount = Object.keys(record.fields).length;
  const dicomName = record.fields.name !== undefined && isDicomPersonName(record.fields.name);
  return (fieldCount >= 2 && (record.patientSpecific || dicomName)) || record.viewerPatientName === true;
}

/** The parts of a cell's text (see TEXT_PART_SEPARATOR). */
function partsOf(text: string): string[] {
  return text.split(TEXT_PART_SEPARATOR).filter((part) => part.trim() !== '');
}

// A cell is read whole first ("Jan 5, 2024"), then part by part: <div>DOE^JANE</div><div>X1</div> under
// "Patient" is the name, and the ID shown with it.
function addField(record: DraftRecord, label: FieldLabel, text: string): void {
  const parts = partsOf(text);
  const value = [parts.join(' '), ...(parts.length > 1 ? parts : [])].find((candidate) => isValueFor(label.field, candidate));
  if (value === undefined) return;
  record.fields[label.field] = value.trim();
  if (label.patientSpecific) record.patientSpecific = true;
  if (label.field === 'name' && record.fields.patientId === undefined) {
    const id = parts.find((part) => part !== value && isIdentifierValue(part));
    if (id !== undefined) record.fields.patientId = id.trim();
  }
}

/** A header's label: the whole header, else its first part that is one ("Patient Name" above a sort button). */
export function columnLabel(header: string): FieldLabel | null {
  const parts = partsOf(header);
  for (const candidate of [parts.join(' '), ...(parts.length > 1 ? parts : [])]) {
    const label = matchFieldLabel(candidate);
    if (label) return label;
  }
  return null;
}

/**
 * A row without labels, in a known viewer: a name written like DICOM ("DOE^JANE") next to a date, or
 * written "DOE, JANE" next to a date and a modality code (OHIF's study list). Elsewhere, programmes and
 * bibliographies list "LAST, First" with dates too; the viewer is what makes them patients.
 */
function unlabelledRecord(cells: readonly string[]): DraftRecord | null {
  const parts = cells.flatMap(partsOf).map((part) => part.trim());
  const dicomName = parts.find(isDicomPersonName);
  const name = dicomName ?? parts.find(isCommaPersonName);
  const date = parts.find(isDateValue);
  if (name === undefined || date === undefined) return null;
  if (dicomName === undefined && !parts.some(isModalityList)) return null;
  return { fields: { name, studyDate: date }, patientSpecific: true };
}

function recordsFromTable(table: SnapshotTable, context: RecordContext): DraftRecord[] {
  const columns = table.headers.map(columnLabel);
  if (!columns.some((column) => column !== null) && !context.inKnownViewer) return [];
  return table.rows.flatMap((row) => {
    const record: DraftRecord = { fields: {}, patientSpecific: false };
    row.forEach((cell, index) => {
      const label = columns[index];
      if (label) addField(record, label, cell);
    });
    // A narrow window shows a viewer's study list with its patient column only (OHIF 3.13 at 800 px):
    // a name under "Patient", written "DOE^JANE" or "DOE, JANE", is that patient's.
    const name = record.fields.name;
    const nameColumn = columns.find((column) => column?.field === 'name');
    if (context.inKnownViewer && nameColumn?.patientSpecific && name !== undefined && (isDicomPersonName(name) || isCommaPersonName(name))) record.viewerPatientName = true;
    if (isPatientRecord(record) || !context.inKnownViewer) return [record];
    const unlabelled = unlabelledRecord(row);
    return unlabelled ? [unlabelled] : [];
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
    const label = pair.label === '' ? (partsOf(pair.value).some(isDicomPersonName) ? DICOM_NAME : null) : matchFieldLabel(pair.label);
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

export function findPatientRecords(snapshot: PageSnapshot, context: RecordContext = { inKnownViewer: false }): PatientRecord[] {
  const drafts = [
    ...snapshot.tables.flatMap((table) => recordsFromTable(table, context)),
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

/**
 * Different patients among the records: by patient ID, else by name, else by birth date. A record without
 * an ID whose name is that of a record with one is that patient (a list and a label block both show them).
 */
export function countDistinctPatients(records: readonly PatientRecord[]): number {
  const nameKey = (name: string | undefined): string | undefined => name?.toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
  const idByName = new Map<string, string>();
  for (const { fields } of records) {
    const name = nameKey(fields.name);
    if (fields.patientId !== undefined && name !== undefined && !idByName.has(name)) idByName.set(name, fields.patientId);
  }
  const keys = new Set<string>();
  for (const { fields } of records) {
    const name = nameKey(fields.name);
    const key = fields.patientId ?? (name !== undefined ? (idByName.get(name) ?? name) : undefined) ?? fields.birthDate;
    if (key !== undefined) keys.add(key);
  }
  return keys.size === 0 ? Math.min(records.length, 1) : keys.size;
}
