// One patient's record, as the readers of pages (patient-records.ts) and of archive answers
// (json-records.ts) both find them, and how many different patients a list of them holds.

import { letterPattern } from './letter-pattern';
import type { PatientField } from './vocabulary';

const NOT_LETTERS = letterPattern(String.raw`[^\p{L}]+`, 'gu');

export interface PatientRecord {
  fields: Partial<Record<PatientField, string>>;
}

/**
 * Different patients among the records: by patient ID, else by name, else by birth date. A record without
 * an ID whose name is that of a record with one is that patient (a list and a label block both show them).
 */
export function countDistinctPatients(records: readonly PatientRecord[]): number {
  const nameKey = (name: string | undefined): string | undefined => name === undefined ? undefined : name.toLowerCase().replace(NOT_LETTERS.for(name), ' ').trim();
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
