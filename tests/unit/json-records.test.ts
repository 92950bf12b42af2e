// Patient identity in JSON answers: real answers of Debian's Orthanc (REST and DICOMweb) captured by
// tests/fixtures/capture-answers.ts, FHIR R4 resources in the shape of the spec's examples, and
// ordinary JSON that must stay quiet.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJsonPatientData, JSON_LIMITS, jsonScalar } from '../../src/patient-data/json-records.js';
import { SYNTHETIC_PATIENTS } from '../harness/servers/dicom.js';

const ANSWERS = join(import.meta.dirname, '../fixtures/answers');
const answer = (file: string): unknown => JSON.parse(readFileSync(join(ANSWERS, file), 'utf8')) as unknown;

const names = (file: string): string[] => findJsonPatientData(answer(file)).records.map((record) => record.fields.name ?? '').sort();
const ALL_NAMES = SYNTHETIC_PATIENTS.map((patient) => patient.name).sort();
const [ANNA] = SYNTHETIC_PATIENTS;

describe('Orthanc REST answers (captured from Orthanc 1.10.1)', () => {
  it('/patients?expand: three patients, one record each, with name, ID and birth date', () => {
    const data = findJsonPatientData(answer('orthanc/patients-expand.json'));
    expect(data.kind).toBe('orthanc-rest');
    expect(data.distinctPatients).toBe(3);
    expect(data.records).toContainEqual({ fields: { name: ANNA!.name, patientId: ANNA!.id, birthDate: ANNA!.birthDate } });
  });

  it('/studies?expand: the study record joins PatientMainDicomTags and the study tags', () => {
    const data = findJsonPatientData(answer('orthanc/studies-expand.json'));
    expect(data).toMatchObject({ kind: 'orthanc-rest', distinctPatients: 3 });
    expect(data.records).toContainEqual({
      fields: { name: ANNA!.name, patientId: ANNA!.id, birthDate: ANNA!.birthDate, accession: ANNA!.accession, studyDate: ANNA!.studyDate },
    });
  });

  it.each([
    ['orthanc/studies-expand-full.json', 3],
    ['orthanc/tools-find-studies.json', 3],
    ['orthanc/patient.json', 1],
    ['orthanc/patient-full.json', 1],
    ['orthanc/study.json', 1],
    ['orthanc/study-full.json', 1],
    ['orthanc/instance-tags.json', 1],
  ])('%s: %i patient(s), read as Orthanc REST', (file, patients) => {
    const data = findJsonPatientData(answer(file));
    expect(data.kind).toBe('orthanc-rest');
    expect(data.distinctPatients).toBe(patients);
    expect(names(file).every((name) => ALL_NAMES.includes(name))).toBe(true);
  });

  it('?simplify tags are DICOM keywords: plain JSON with patient-specific keys', () => {
    const data = findJsonPatientData(answer('orthanc/instance-tags-simplify.json'));
    expect(data).toMatchObject({ kind: 'json', distinctPatients: 1 });
    expect(data.records[0]?.fields).toMatchObject({ name: ANNA!.name, patientId: ANNA!.id });
  });

  it.each(['orthanc/system.json', 'orthanc/patients.json', 'orthanc/tools-find-patients-ids.json', 'orthanc/series-expand.json'])(
    '%s names no patient',
    (file) => {
      expect(findJsonPatientData(answer(file))).toMatchObject({ records: [], distinctPatients: 0 });
    },
  );
});

describe('DICOMweb answers (captured from the Orthanc DICOMweb plugin 1.7)', () => {
  it('the QIDO-RS study list as OHIF asks for it: three patients in DICOM JSON', () => {
    const data = findJsonPatientData(answer('dicomweb/studies-ohif.json'));
    expect(data.kind).toBe('dicom-json');
    expect(data.distinctPatients).toBe(3);
    expect(names('dicomweb/studies-ohif.json')).toEqual(ALL_NAMES);
  });

  it('a study\'s WADO-RS metadata: two instances of one patient', () => {
    const data = findJsonPatientData(answer('dicomweb/study-metadata.json'));
    expect(data).toMatchObject({ kind: 'dicom-json', distinctPatients: 1 });
    expect(data.records).toHaveLength(2);
  });

  it.each(['dicomweb/studies-one.json', 'dicomweb/series-metadata.json', 'dicomweb/series-instances.json'])('%s: one patient', (file) => {
    expect(findJsonPatientData(answer(file))).toMatchObject({ kind: 'dicom-json', distinctPatients: 1 });
  });

  it('Orthanc repeats the patient tags in a study\'s series list', () => {
    expect(findJsonPatientData(answer('dicomweb/study-series.json'))).toMatchObject({ kind: 'dicom-json', distinctPatients: 1 });
  });

  it('the referring physician (00080090, also PN) is not a patient', () => {
    const study = {
      '00080090': { vr: 'PN', Value: [{ Alphabetic: 'BEISPIEL^JANA^^DR' }] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
      '00100020': { vr: 'LO', Value: ['MRN7701'] },
    };
    expect(JSON.stringify(findJsonPatientData([study]))).not.toContain('BEISPIEL');
  });

  it('reads datasets inside sequences as records of their own', () => {
    const dataset = {
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.11'] },
      '0040A375': {
        vr: 'SQ',
        Value: [{ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'ROE^RICHARD' }] }, '00100020': { vr: 'LO', Value: ['X2'] } }],
      },
    };
    expect(findJsonPatientData(dataset)).toEqual({ kind: 'dicom-json', records: [{ fields: { name: 'ROE^RICHARD', patientId: 'X2' } }], distinctPatients: 1 });
  });

  it('takes the ideographic form when a name has no alphabetic one', () => {
    expect(jsonScalar({ vr: 'PN', Value: [{ Ideographic: '山田^太郎' }] })).toBe('山田^太郎');
  });
});

describe('FHIR R4 (fake data in the shape of the spec examples)', () => {
  it('a Patient resource: name from family and given, identifier, birth date', () => {
    expect(findJsonPatientData(answer('fhir/patient.json'))).toEqual({
      kind: 'fhir',
      records: [{ fields: { name: 'Testperson, Anna', patientId: 'PC-TEST-0001', birthDate: '1970-01-01' } }],
      distinctPatients: 1,
    });
  });

  it('an ImagingStudy: the subject shown by name, the accession number, the start date', () => {
    expect(findJsonPatientData(answer('fhir/imaging-study.json'))).toEqual({
      kind: 'fhir',
      records: [{ fields: { name: 'Max Mustermann', accession: 'PCACC0002', studyDate: '2024-02-12' } }],
      distinctPatients: 1,
    });
  });

  it('a searchset Bundle of Patients: three patients (name as text too)', () => {
    const data = findJsonPatientData(answer('fhir/bundle-searchset.json'));
    expect(data).toMatchObject({ kind: 'fhir', distinctPatients: 3 });
    expect(data.records.map((record) => record.fields.name)).toEqual(['Testperson, Anna', 'Max Mustermann', 'Dupont, Claire']);
  });

  it('a Bundle of ImagingStudies: two patients', () => {
    expect(findJsonPatientData(answer('fhir/bundle-imaging-studies.json'))).toMatchObject({ kind: 'fhir', distinctPatients: 2 });
  });

  it('a CapabilityStatement or an empty searchset is FHIR without a patient', () => {
    expect(findJsonPatientData({ resourceType: 'Bundle', type: 'searchset', total: 0 })).toEqual({ kind: 'fhir', records: [], distinctPatients: 0 });
    expect(findJsonPatientData({ resourceType: 'CapabilityStatement', status: 'active', fhirVersion: '4.0.1', name: 'Example Server' })).toMatchObject({ records: [] });
  });
});

describe('plain JSON', () => {
  it('patient-specific keys in camelCase and snake_case', () => {
    const data = findJsonPatientData({ results: [{ patientName: 'Jane Doe', patient_id: 'MRN-1', PatientBirthDate: '1980-01-31' }, { patientName: 'Richard Roe', patient_id: 'MRN-2' }] });
    expect(data).toEqual({
      kind: 'json',
      records: [{ fields: { name: 'Jane Doe', patientId: 'MRN-1', birthDate: '1980-01-31' } }, { fields: { name: 'Richard Roe', patientId: 'MRN-2' } }],
      distinctPatients: 2,
    });
  });

  it('ordinary keys inside an object or a list called "patient(s)" count', () => {
    expect(findJsonPatientData({ patient: { name: 'Jane Doe', dob: '1980-01-31' }, study: { modality: 'MR' } }).records).toEqual([{ fields: { name: 'Jane Doe', birthDate: '1980-01-31' } }]);
    expect(findJsonPatientData({ patients: [{ firstName: 'Jane', lastName: 'Doe', birthDate: '1980-01-31' }] }).records).toEqual([{ fields: { name: 'Doe, Jane', birthDate: '1980-01-31' } }]);
  });

  it('a name written like a DICOM name counts next to a second field', () => {
    expect(findJsonPatientData([{ name: 'DOE^JANE', dob: '19800131' }]).records).toEqual([{ fields: { name: 'DOE^JANE', birthDate: '19800131' } }]);
  });

  it("a patient-specific key wins over a plain \"name\" met before it (the doctor's)", () => {
    expect(findJsonPatientData({ doctor: { name: 'Richard Roe' }, patientName: 'Jane Doe', patientId: 'MRN-1' }).records).toEqual([{ fields: { name: 'Jane Doe', patientId: 'MRN-1' } }]);
  });
});

describe('ordinary JSON stays quiet', () => {
  const quiet: Array<[string, unknown]> = [
    ["a shop's customers", { customers: [{ id: 'C-1001', name: 'Jane Doe', birthday: '1980-01-31', email: 'jane@example.com' }, { id: 'C-1002', name: 'Richard Roe', birthday: '1975-11-15' }] }],
    ['a user profile API', { id: 42, login: 'jdoe', name: 'Jane Doe', dob: '1980-01-31', avatar_url: 'https://example.com/a.png', created_at: '2020-01-01T00:00:00Z' }],
    ['GeoJSON', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'City Hospital', id: 'H-12' }, geometry: { type: 'Point', coordinates: [13.4, 52.5] } }] }],
    ['a package.json', { name: 'portal-checkup', version: '0.1.0', author: 'Jane Doe', dependencies: { 'webextension-polyfill': '^0.12.0' } }],
    ['a team list', { members: [{ name: 'Jane Doe', born: '1980-01-31', employeeId: 'E-77' }] }],
    ['a patient count without names', { patients: 1204, studies: 3310, lastBackup: '2024-01-05' }],
  ];
  it.each(quiet)('%s', (_what, json) => {
    expect(findJsonPatientData(json)).toMatchObject({ kind: 'json', records: [], distinctPatients: 0 });
  });
});

describe('hostile JSON', () => {
  it('never throws and stays within its node budget', () => {
    const wide = Array.from({ length: JSON_LIMITS.nodes * 2 }, (_, index) => ({ PatientName: `DOE^JANE${'X'.repeat(index % 3)}`, PatientID: `X${index}` }));
    const started = performance.now();
    const data = findJsonPatientData(wide);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(data.records.length).toBeGreaterThan(100);
    expect(data.records.length).toBeLessThan(JSON_LIMITS.nodes);
  });

  it('deep nesting is cut at the depth limit', () => {
    let deep: unknown = { PatientName: 'DOE^JANE', PatientID: 'X1' };
    for (let level = 0; level < 10_000; level++) deep = level % 2 === 0 ? [deep] : { patient: deep };
    expect(findJsonPatientData(deep)).toMatchObject({ records: [] });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['a string', 'DOE^JANE'],
    ['__proto__ and constructor keys', JSON.parse('{"__proto__":{"PatientName":"DOE^JANE"},"constructor":{"vr":"PN"},"00100010":{"vr":5}}')],
    ['wrong types in every slot', { resourceType: 'Patient', name: 'x', identifier: 5, birthDate: { a: 1 } }],
    ['an Orthanc resource with non-object tags', { MainDicomTags: { PatientName: ['DOE^JANE'] }, PatientMainDicomTags: null }],
    ['DICOM JSON with empty and odd values', { '00100010': { vr: 'PN', Value: [null, {}] }, '00100020': { vr: 'LO', Value: [] }, '00100030': { vr: 'DA' } }],
  ])('%s gives no record', (_what, json) => {
    expect(findJsonPatientData(json).records).toEqual([]);
  });
});
