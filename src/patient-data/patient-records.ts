// Finds patient records — values, not words — in a snapshot: rows of study lists, "Label: value"
// groups of viewers, and objects in archive API answers (json-records.ts). In a known viewer, rows
// without column labels count too when their values look like a patient's: a name next to a date.

import { TEXT_PART_SEPARATOR, type PageSnapshot, type LabelValue, type SnapshotTable } from '../snapshot/snapshot';
import { runToEnd, type Steps } from '../snapshot/slices';
import { matchFieldLabel, type FieldLabel } from './vocabulary';
import { isCommaPersonName, isDateValue, isDicomPersonName, isIdentifierValue, isModalityList, isValueFor } from './values';
import { findJsonPatientData } from './json-records';
import { letterPattern } from './letter-pattern';
import { countDistinctPatients, type PatientRecord } from './patient-record';

// Re-exported: the facts, the checks and the tests take them from here.
export { countDistinctPatients, type PatientRecord };


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

/**
 * Rows, and label/value pairs, read between two pauses of the sliced analysis (slices.ts). A pause costs
 * nothing until the slice's time is up, so they are close: the first rows are the slow ones (the value
 * patterns are made as they are first used). The records of a 60-row study list in one step were the
 * longest stretch of the content script's analysis, 2 to 4 ms in DevTools traces, and a garbage
 * collection falling into it made the longest task the extension caused (bench/, issue 15). Ten rows
 * a step still took 2 to 2.5 ms in the study list's first step; four keep a step well under a 2 ms slice.
 */
export const RECORD_STEP = { rows: 4, labelValues: 25 } as const;

/** A row's record under its columns' labels, or, in a known viewer, one its values alone make. */
function recordFromRow(row: readonly string[], columns: ReadonlyArray<FieldLabel | null>, nameColumn: FieldLabel | undefined, context: RecordContext): DraftRecord | null {
  const record: DraftRecord = { fields: {}, patientSpecific: false };
  row.forEach((cell, index) => {
    const label = columns[index];
    if (label) addField(record, label, cell);
  });
  // A narrow window shows a viewer's study list with its patient column only (OHIF 3.13 at 800 px):
  // a name under "Patient", written "DOE^JANE" or "DOE, JANE", is that patient's.
  const name = record.fields.name;
  if (context.inKnownViewer && nameColumn?.patientSpecific && name !== undefined && (isDicomPersonName(name) || isCommaPersonName(name))) record.viewerPatientName = true;
  if (isPatientRecord(record) || !context.inKnownViewer) return record;
  return unlabelledRecord(row);
}

function* recordsFromTableInSteps(table: SnapshotTable, context: RecordContext): Steps<DraftRecord[]> {
  // A pause before each header, and before the first rows: the label patterns are made as the headers
  // are first read, the value patterns as the first rows are. The 10,000-element study list's seven
  // headers took about 1.5 ms, its first rows as much, and together in one slice they made a task of 5 ms
  // (DevTools traces, bench/, issue 15).
  const columns: Array<FieldLabel | null> = [];
  for (const header of table.headers) {
    yield;
    columns.push(columnLabel(header));
  }
  if (!columns.some((column) => column !== null) && !context.inKnownViewer) return [];
  const nameColumn = columns.find((column) => column?.field === 'name') ?? undefined;
  const records: DraftRecord[] = [];
  for (const [index, row] of table.rows.entries()) {
    if (index % RECORD_STEP.rows === 0) yield;
    const record = recordFromRow(row, columns, nameColumn, context);
    if (record) records.push(record);
  }
  return records;
}

const DICOM_NAME: FieldLabel = { field: 'name', patientSpecific: true };

function* recordsFromLabelValuesInSteps(pairs: readonly LabelValue[]): Steps<DraftRecord[]> {
  const pairsPerBlock = new Map<number, number>();
  for (const pair of pairs) pairsPerBlock.set(pair.block, (pairsPerBlock.get(pair.block) ?? 0) + 1);
  const holdsRecord = (block: number): boolean => (pairsPerBlock.get(block) ?? 0) >= 2;

  const records: DraftRecord[] = [];
  let current: DraftRecord | null = null;
  let currentBlock = -1;
  for (const [index, pair] of pairs.entries()) {
    if (index % RECORD_STEP.labelValues === RECORD_STEP.labelValues - 1) yield;
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

/** The patient records of a snapshot, pausing every few rows and label/value pairs (RECORD_STEP). */
export function* findPatientRecordsInSteps(snapshot: PageSnapshot, context: RecordContext = { inKnownViewer: false }): Steps<PatientRecord[]> {
  const drafts: DraftRecord[] = [];
  for (const table of snapshot.tables) drafts.push(...(yield* recordsFromTableInSteps(table, context)));
  drafts.push(...(yield* recordsFromLabelValuesInSteps(snapshot.labelValues)));
  // Archive API answers have formats of their own (json-records.ts), with their own record rules.
  const fromJson = snapshot.json === null ? [] : findJsonPatientData(snapshot.json).records;
  return [...drafts.filter(isPatientRecord).map(({ fields }) => ({ fields })), ...fromJson];
}

export function findPatientRecords(snapshot: PageSnapshot, context: RecordContext = { inKnownViewer: false }): PatientRecord[] {
  return runToEnd(findPatientRecordsInSteps(snapshot, context));
}

const DICOM_NAME_IN_TEXT = letterPattern(String.raw`(?<![\p{L}^])\p{Lu}[\p{Lu}'’-]+\^\p{Lu}[\p{L}'’-]*`, 'gu');

/** Distinct DICOM-style person names ("DOE^JANE") in a text: how viewers print patients without labels. */
export function findDicomNamesInText(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(DICOM_NAME_IN_TEXT.for(text))) {
    names.add(match[0].toUpperCase());
    if (names.size >= 1000) break;
  }
  return [...names];
}
