// The reader on pages saved from real products (tests/fixtures/captured/), holding the three synthetic
// patients of the test harness: what each page shows is found whatever its layout.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../src/analysis/analyse-page.js';
import { countDistinctPatients, findPatientRecords } from '../../src/patient-data/patient-records.js';
import { SYNTHETIC_PATIENTS } from '../harness/servers/dicom.js';
import { limitBreaches } from '../harness/snapshot-limits.js';
import { snapshotOfFile } from './fixture-page.js';

// OHIF shows DICOM names "FAMILY^GIVEN" as "FAMILY, GIVEN".
const shownByOhif = SYNTHETIC_PATIENTS.map((patient) => patient.name.split('^').join(', ')).sort();

describe('OHIF 3.13.2 study list (header row and body rows in two tables)', () => {
  const snapshot = snapshotOfFile('captured/ohif-3.13.2/study-list.html', 'http://127.0.0.1:8080/');

  it('reads the body rows under the header row of the other table', () => {
    const list = snapshot.tables.find((table) => table.rows.length === SYNTHETIC_PATIENTS.length);
    expect(list?.headers.slice(0, 5)).toEqual(['Patient', 'Study Date', 'Modalities', 'Description', 'Accession']);
    expect(list?.rows.map((row) => row[0]).sort()).toEqual(shownByOhif);
    expect(limitBreaches(snapshot)).toEqual([]);
  });

  it('finds the three synthetic patients, each with the study date and accession number shown', () => {
    const records = findPatientRecords(snapshot);
    expect(countDistinctPatients(records)).toBe(3);
    expect(records.map((record) => record.fields.name).sort()).toEqual(shownByOhif);
    expect(records.map((record) => record.fields.accession).sort()).toEqual(SYNTHETIC_PATIENTS.map((patient) => patient.accession).sort());
    expect(records.every((record) => record.fields.studyDate !== undefined)).toBe(true);
  });

  it('finds them from the values alone too: unlabelled rows of a known viewer (names, dates, modalities)', () => {
    const unlabelled = { ...snapshot, tables: snapshot.tables.map((table) => ({ ...table, headers: [] })) };
    expect(findPatientRecords(unlabelled)).toEqual([]);
    expect(countDistinctPatients(findPatientRecords(unlabelled, { inKnownViewer: true }))).toBe(3);
  });

  it('is many-patients and known-viewer on plain http; danger with no-login when the re-check gets patient data', () => {
    const { facts, findings } = analysePage(snapshot);
    expect(facts.product?.name).toBe('OHIF Viewer');
    expect(facts.distinctPatients).toBe(3);
    expect(findings.map((finding) => finding.id).sort()).toEqual(['known-viewer', 'many-patients', 'plain-http']);
    const rechecked = analysePage({ ...snapshot, recheck: { kind: 'patient-data', url: 'data-request', answer: 'dicom-json', records: 3, patients: 3 } });
    expect(rechecked.verdict).toBe('danger');
    expect(rechecked.findings.map((finding) => finding.id)).toContain('no-login');
  });
});

describe('OHIF 3.13.2 study list in an 800 px window: the Patient column only', () => {
  const snapshot = snapshotOfFile('captured/ohif-3.13.2-narrow/study-list.html', 'http://127.0.0.1:8080/');

  it('a name under "Patient" in a known viewer is a patient, even alone: three patients, many-patients', () => {
    const { facts, findings } = analysePage(snapshot);
    expect(facts.distinctPatients).toBe(3);
    expect(facts.patientRecords.map((record) => record.fields.name).sort()).toEqual(shownByOhif);
    expect(findings.map((finding) => finding.id)).toContain('many-patients');
  });

  it('outside a known viewer, a name alone is no record (the two-field rule)', () => {
    expect(findPatientRecords(snapshot)).toEqual([]);
  });
});

describe('Orthanc Explorer 1.10.1, every page in one document', () => {
  it('the patient list shows the three synthetic patients, by name and patient ID', () => {
    const snapshot = snapshotOfFile('captured/orthanc-explorer-1.10.1/patient-list.html', 'http://127.0.0.1:8042/app/explorer.html#find-patients');
    const records = findPatientRecords(snapshot);
    expect(countDistinctPatients(records)).toBe(3);
    expect([...new Set(records.map((record) => record.fields.patientId))].sort()).toEqual(SYNTHETIC_PATIENTS.map((patient) => patient.id).sort());
  });

  it("one patient's page shows one patient, though their study is listed on it too", () => {
    const snapshot = snapshotOfFile('captured/orthanc-explorer-1.10.1/patient.html', 'http://127.0.0.1:8042/app/explorer.html#patient?uuid=x');
    const { facts } = analysePage(snapshot);
    expect(facts.distinctPatients).toBe(1);
    expect(facts.patientRecords.map((record) => record.fields.patientId).filter(Boolean)).toEqual([SYNTHETIC_PATIENTS[0]!.id]);
  });
});
