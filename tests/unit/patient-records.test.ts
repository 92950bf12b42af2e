// Patient data is values, not words: which texts count as names, dates and IDs, which labels name a
// patient field, and how records are found in tables, label/value blocks and archive JSON.

import { describe, expect, it } from 'vitest';
import { countDistinctPatients, findDicomNamesInText, findPatientRecords, type PatientRecord } from '../../src/patient-data/patient-records.js';
import { isCommaPersonName, isDateValue, isDicomPersonName, isIdentifierValue, isModalityList, isNameValue, isValueFor } from '../../src/patient-data/values.js';
import { matchFieldLabel, normaliseLabel, PORTAL_WORDS } from '../../src/patient-data/vocabulary.js';
import { readPage } from '../../src/snapshot/read-page.js';
import { emptySnapshot } from '../../src/snapshot/snapshot.js';
import { loadDocument, snapshotOfHtml } from './fixture-page.js';

const recordsInHtml = (body: string): PatientRecord[] => findPatientRecords(snapshotOfHtml(`<html><head><title>t</title></head><body>${body}</body></html>`));

function recordsInJson(json: unknown): PatientRecord[] {
  const snapshot = emptySnapshot('http://203.0.113.5:8042/patients');
  snapshot.json = json;
  return findPatientRecords(snapshot);
}

describe('values', () => {
  describe('dates', () => {
    it.each([
      'Saturday, March 3, 1990',
      'Samstag, 3. März 1990',
      'samedi 3 mars 1990',
      '31.01.1980',
      '31/01/1980',
      '31-01-1980',
      '01/31/1980',
      '1980-01-31',
      '19800131',
      '31 Jan 1980',
      '31. Januar 1980',
      'Jan 31, 1980',
      'Feb. 2, 1875',
      '20-Mar-2024',
    ])('%s is a date', (text) => {
      expect(isDateValue(text)).toBe(true);
    });

    // "Mar" must not be taken for the French weekday "mar(di)" and stripped.
    it.each(['March 3, 1990', 'Mar 3, 2024'])('%s, written month first without a weekday, is a date', (text) => {
      expect(isDateValue(text)).toBe(true);
    });

    it.each(['12/34/5678', '32-Mar-2024', '20-Mar-24', '(0010,0010)', '1980', '31.13.1980', '32.01.1980', '2024-13-01', '17000101', 'Jane Doe', '', '31.01.80'])('%j is not a date', (text) => {
      expect(isDateValue(text)).toBe(false);
    });
  });

  describe('names', () => {
    it.each(['DOE^JANE', 'DOE^JANE^^MRS', 'Dupont, Claire', 'Jane Doe', "O'Brien^Sean", 'Müller-Lüdenscheidt, Jörg', 'Émilie Lefèvre'])('%s is a name', (text) => {
      expect(isNameValue(text)).toBe(true);
    });

    it.each(['Jane Doe 2', 'X1001', '(0010,0010)', '19800131', 'Al', '^JANE', '', 'a'.repeat(81)])('%j is not a name', (text) => {
      expect(isNameValue(text)).toBe(false);
    });

    it.each(['DOE^JANE', 'DOE^JANE^^MRS', 'Mustermann^Max', 'DUPONT^CLAIRE^MARIE'])('%s is written like a DICOM person name', (text) => {
      expect(isDicomPersonName(text)).toBe(true);
    });

    it.each(['Jane Doe', 'Dupont, Claire', 'doe^jane', '^JANE', 'DOE JANE'])('%s is not written like a DICOM person name', (text) => {
      expect(isDicomPersonName(text)).toBe(false);
    });
  });

  describe('names written "FAMILY, GIVEN" (OHIF) and modality codes', () => {
    it.each(['HARTMANN, KLAUS', 'Dupont, Claire', 'MÜLLER-LÜDENSCHEIDT, Jörg', "O'BRIEN, Sean", 'DOE, J.', 'VAN DER BERG, Anna Maria'])('%s is a name written family name first', (text) => {
      expect(isCommaPersonName(text)).toBe(true);
    });

    it.each(['Paris, 2024', 'HARTMANN,KLAUS2', 'Yes, we can see the images on the screen', ', KLAUS', 'HARTMANN^KLAUS', 'A, B'])('%j is not', (text) => {
      expect(isCommaPersonName(text)).toBe(false);
    });

    it.each(['CT', 'MR', 'CR', 'CT/SR', 'CT\\SR', 'MR, PT', ' US '])('%j is a modality or a list of them', (text) => {
      expect(isModalityList(text)).toBe(true);
    });

    it.each(['MRI', 'ct', 'CT scan', 'Track CT', 'CTX', ''])('%j is not', (text) => {
      expect(isModalityList(text)).toBe(false);
    });
  });

  describe('identifiers', () => {
    it.each(['X1001', 'PID-4711', '2024FR0001', 'A.12/3', '7'])('%s is a patient ID or accession number', (text) => {
      expect(isIdentifierValue(text)).toBe(true);
    });

    it.each(['withheld', 'ABC', '-123', 'X 1001', '1'.repeat(65), ''])('%j is not an identifier', (text) => {
      expect(isIdentifierValue(text)).toBe(false);
    });
  });

  it('isValueFor checks each field with its own kind of value', () => {
    expect(isValueFor('name', 'DOE^JANE')).toBe(true);
    expect(isValueFor('name', '19800131')).toBe(false);
    expect(isValueFor('birthDate', '19800131')).toBe(true);
    expect(isValueFor('studyDate', 'DOE^JANE')).toBe(false);
    expect(isValueFor('patientId', 'X1001')).toBe(true);
    expect(isValueFor('accession', 'none')).toBe(false);
  });
});

describe('vocabulary', () => {
  it('normalises labels: lower case, no accents, punctuation to spaces', () => {
    expect(normaliseLabel("Numéro d'accès:")).toBe('numero d acces');
    expect(normaliseLabel('  Patienten-ID ')).toBe('patienten id');
  });

  it.each([
    // DICOM keywords and tags
    ['PatientName', 'name', true],
    ['(0010,0010)', 'name', true],
    ['00100010', 'name', true],
    ['PatientID', 'patientId', true],
    ['0010,0020', 'patientId', true],
    ['PatientBirthDate', 'birthDate', true],
    ['00100030', 'birthDate', true],
    ['AccessionNumber', 'accession', true],
    ['0008,0050', 'accession', true],
    ['StudyDate', 'studyDate', true],
    // English
    ['Patient Name', 'name', true],
    ["Patient's Name", 'name', true],
    ['Patient', 'name', true],
    ['MRN', 'patientId', true],
    ['Medical record number', 'patientId', true],
    ["Patient's Birth Date", 'birthDate', true],
    ['Accession #', 'accession', true],
    ['Exam date', 'studyDate', true],
    ['Name', 'name', false],
    ['Date of birth', 'birthDate', false],
    ['DOB', 'birthDate', false],
    // German
    ['Patientenname', 'name', true],
    ['Patient/in', 'name', true],
    ['Patienten-ID', 'patientId', true],
    ['Geburtsdatum des Patienten', 'birthDate', true],
    ['Eingangsnummer', 'accession', true],
    ['Untersuchungsdatum', 'studyDate', true],
    ['Name, Vorname', 'name', false],
    ['Geb.-Datum', 'birthDate', false],
    // French
    ['Nom du patient', 'name', true],
    ['Patient(e)', 'name', true],
    ['IPP', 'patientId', true],
    ['Date de naissance du patient', 'birthDate', true],
    ["Numéro d'accès", 'accession', true],
    ["Date de l'examen", 'studyDate', true],
    ['Nom prénom', 'name', false],
    ['Né(e) le', 'birthDate', false],
  ] as const)('%s names the field %s (patient-specific: %s)', (label, field, patientSpecific) => {
    expect(matchFieldLabel(label)).toEqual({ field, patientSpecific });
  });

  it.each(['Patient names and birth dates were exposed', 'Modality', 'Referring physician', 'Attribute Name', 'Tag', 'E-Mail', 'Employee no.', '', 'patient name'.repeat(4)])(
    '%j names no patient field',
    (label) => {
      expect(matchFieldLabel(label)).toBeNull();
    },
  );

  it.each(['Patient Portal – Sign in', 'Patientenportal Anmeldung', 'Espace patient – Connexion', 'Radiology image viewer', 'PACS login'])('%s has a portal word', (text) => {
    expect(PORTAL_WORDS.test(text)).toBe(true);
  });

  it.each(['Webmail – Login', 'Shop – Mein Konto', 'Intranet Anmeldung'])('%s has no portal word', (text) => {
    expect(PORTAL_WORDS.test(text)).toBe(false);
  });
});

describe('findPatientRecords', () => {
  describe('tables', () => {
    it('reads one record per row of a study list, under the column labels', () => {
      const records = recordsInHtml(`<table>
        <tr><th>Patient Name</th><th>Patient ID</th><th>Modality</th><th>Study Date</th></tr>
        <tr><td>DOE^JANE</td><td>X1001</td><td>MR</td><td>20240301</td></tr>
        <tr><td>ROE^RICHARD</td><td>X1002</td><td>CT</td><td>20240302</td></tr></table>`);
      expect(records).toEqual([
        { fields: { name: 'DOE^JANE', patientId: 'X1001', studyDate: '20240301' } },
        { fields: { name: 'ROE^RICHARD', patientId: 'X1002', studyDate: '20240302' } },
      ]);
    });

    it('reads German and French column labels', () => {
      expect(recordsInHtml('<table><tr><th>Patientenname</th><th>Geburtsdatum</th></tr><tr><td>Mustermann, Max</td><td>31.01.1980</td></tr></table>')).toEqual([
        { fields: { name: 'Mustermann, Max', birthDate: '31.01.1980' } },
      ]);
      expect(recordsInHtml('<table><tr><th>Nom du patient</th><th>IPP</th></tr><tr><td>Dupont, Claire</td><td>FR2024-0001</td></tr></table>')).toEqual([
        { fields: { name: 'Dupont, Claire', patientId: 'FR2024-0001' } },
      ]);
    });

    it('a customer table (Name, Date of birth) is no patient record: nothing says "patient"', () => {
      expect(recordsInHtml('<table><tr><th>Name</th><th>Date of birth</th></tr><tr><td>Jane Doe</td><td>31.01.1980</td></tr></table>')).toEqual([]);
    });

    it('a table with only generic labels is a record when the name is written like DICOM', () => {
      expect(recordsInHtml('<table><tr><th>Name</th><th>Date of birth</th></tr><tr><td>DOE^JANE</td><td>19800131</td></tr></table>')).toEqual([
        { fields: { name: 'DOE^JANE', birthDate: '19800131' } },
      ]);
    });

    it('a row with one valid field is no record', () => {
      expect(recordsInHtml('<table><tr><th>Patient Name</th><th>Patient ID</th></tr><tr><td>DOE^JANE</td><td>unknown</td></tr></table>')).toEqual([]);
    });

    it('a DICOM standard table of attributes is no record', () => {
      expect(
        recordsInHtml(`<table><tr><th>Attribute Name</th><th>Tag</th><th>Type</th><th>Attribute Description</th></tr>
          <tr><td>Patient's Name</td><td>(0010,0010)</td><td>2</td><td>Patient's full name.</td></tr>
          <tr><td>Patient ID</td><td>(0010,0020)</td><td>2</td><td>Primary identifier for the Patient.</td></tr></table>`),
      ).toEqual([]);
    });
  });

  describe('label/value blocks', () => {
    it('reads an Orthanc Explorer patient list: one record per list item, the name in its <h3>', () => {
      const item = (name: string, id: string, born: string) =>
        `<li><a href="#patient?uuid=${id}"><h3>${name}</h3><p>PatientID: <strong>${id}</strong></p><p>Birth date: <strong>${born}</strong></p></a></li>`;
      const records = recordsInHtml(`<ul data-role="listview">${item('DOE^JANE', 'X1', 'Saturday, March 3, 1990')}${item('ROE^RICHARD', 'X2', 'Monday, January 31, 1980')}</ul>`);
      expect(records).toEqual([
        { fields: { name: 'DOE^JANE', patientId: 'X1', birthDate: 'Saturday, March 3, 1990' } },
        { fields: { name: 'ROE^RICHARD', patientId: 'X2', birthDate: 'Monday, January 31, 1980' } },
      ]);
    });

    it('an Orthanc list item with a name but no other valid value is no record', () => {
      expect(recordsInHtml('<ul><li><h3>DOE^JANE</h3><p>PatientID: <strong>-</strong></p></li></ul>')).toEqual([]);
    });

    it('a heading not written like a DICOM name is not taken as a name', () => {
      expect(recordsInHtml('<ul><li><h3>Radiology</h3><p>PatientID: <strong>X1</strong></p></li></ul>')).toEqual([]);
    });

    it('reads a definition list', () => {
      expect(recordsInHtml('<dl><dt>Patient name</dt><dd>Jane Doe</dd><dt>Date of birth</dt><dd>01/31/1980</dd><dt>Patient ID</dt><dd>A12345</dd></dl>')).toEqual([
        { fields: { name: 'Jane Doe', birthDate: '01/31/1980', patientId: 'A12345' } },
      ]);
    });

    it('reads a list with one "Label: value" pair per item as one record', () => {
      expect(recordsInHtml('<ul><li>Nom du patient : Claire Dupont</li><li>Date de naissance : 03/03/1990</li><li>IPP : FR2024-0001</li></ul>')).toEqual([
        { fields: { name: 'Claire Dupont', birthDate: '03/03/1990', patientId: 'FR2024-0001' } },
      ]);
    });

    it('starts a new record when a field comes again', () => {
      const records = recordsInHtml('<p>Patientenname: Max Mustermann</p><p>Geburtsdatum: 31.01.1980</p><p>Patientenname: Erika Musterfrau</p><p>Geburtsdatum: 15.06.1975</p>');
      expect(records.map((record) => record.fields.name)).toEqual(['Max Mustermann', 'Erika Musterfrau']);
    });

    it('reads two-cell header rows (<th>label</th><td>value</td>)', () => {
      expect(recordsInHtml('<table><tr><th>Patient ID</th><td>X1001</td></tr><tr><th>Study date</th><td>2024-03-01</td></tr></table>')).toEqual([
        { fields: { patientId: 'X1001', studyDate: '2024-03-01' } },
      ]);
    });

    it('a news quote "Patient name: withheld" is no record', () => {
      expect(recordsInHtml('<article><p>The files held patient names and dates of birth.</p><blockquote>Patient name: withheld</blockquote></article>')).toEqual([]);
    });

    it('a lone "Name: Jane" is no record', () => {
      expect(recordsInHtml('<p>Name: Jane Doe</p><p>Email: jane@example.com</p>')).toEqual([]);
    });
  });

  describe('Orthanc JSON', () => {
    it('reads /patients?expand: MainDicomTags merged into one record per patient', () => {
      const records = recordsInJson([
        { ID: 'a1', MainDicomTags: { PatientName: 'DOE^JANE', PatientID: 'X1', PatientBirthDate: '19800131', PatientSex: 'F' }, Studies: ['s1', 's2'], Type: 'Patient' },
        { ID: 'a2', MainDicomTags: { PatientName: 'ROE^RICHARD', PatientID: 'X2', PatientBirthDate: '19751115' }, Studies: ['s3'], Type: 'Patient' },
      ]);
      expect(records).toEqual([
        { fields: { name: 'DOE^JANE', patientId: 'X1', birthDate: '19800131' } },
        { fields: { name: 'ROE^RICHARD', patientId: 'X2', birthDate: '19751115' } },
      ]);
    });

    it('reads a study with PatientMainDicomTags and its own MainDicomTags as one record', () => {
      expect(
        recordsInJson({ ID: 's1', MainDicomTags: { AccessionNumber: 'ACC1', StudyDate: '20240301' }, PatientMainDicomTags: { PatientName: 'DOE^JANE', PatientID: 'X1' } }),
      ).toEqual([{ fields: { accession: 'ACC1', studyDate: '20240301', name: 'DOE^JANE', patientId: 'X1' } }]);
    });

    it('reads the ?full form, keyed by tag with {Name, Type, Value}', () => {
      const records = recordsInJson({
        MainDicomTags: {
          '0010,0010': { Name: 'PatientName', Type: 'String', Value: 'DOE^JANE' },
          '0010,0020': { Name: 'PatientID', Type: 'String', Value: 'X1' },
          '0010,0030': { Name: 'PatientBirthDate', Type: 'String', Value: '19800131' },
        },
      });
      expect(records).toEqual([{ fields: { name: 'DOE^JANE', patientId: 'X1', birthDate: '19800131' } }]);
    });

    // The {"Name":"PatientSex",…} object of a tag that is no patient field must not be read as a name.
    it('keeps the patient name in the ?full form when other tags follow it', () => {
      const records = recordsInJson({
        MainDicomTags: {
          '0010,0010': { Name: 'PatientName', Type: 'String', Value: 'DOE^JANE' },
          '0010,0020': { Name: 'PatientID', Type: 'String', Value: 'X1' },
          '0010,0040': { Name: 'PatientSex', Type: 'String', Value: 'F' },
        },
      });
      expect(records).toEqual([{ fields: { name: 'DOE^JANE', patientId: 'X1' } }]);
    });

    it('an Orthanc /system answer has no records', () => {
      expect(recordsInJson({ Name: 'MyOrthanc', DicomAet: 'ORTHANC', ApiVersion: 22, IsHttpServerSecure: false, Version: '1.12.4' })).toEqual([]);
    });

    it('reads JSON as the browser shows it, from the <pre> of an application/json page', () => {
      const json = JSON.stringify([{ MainDicomTags: { PatientName: 'DOE^JANE', PatientID: 'X1' } }]);
      const url = 'http://203.0.113.5:8042/patients?expand';
      const snapshot = readPage(loadDocument(`<html><body><pre>${json}</pre></body></html>`, url, 'application/json'), url);
      expect(findPatientRecords(snapshot)).toEqual([{ fields: { name: 'DOE^JANE', patientId: 'X1' } }]);
    });
  });

  describe('DICOM JSON (QIDO-RS)', () => {
    const study = (name: string, id: string, born: string, accession: string) => ({
      '00080020': { vr: 'DA', Value: ['20240314'] },
      '00080050': { vr: 'SH', Value: [accession] },
      '00080090': { vr: 'PN', Value: [{ Alphabetic: 'BEISPIEL^JANA^^DR' }] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] },
      '00100020': { vr: 'LO', Value: [id] },
      '00100030': { vr: 'DA', Value: [born] },
    });

    it('unwraps vr/Value/Alphabetic and reads one record per study', () => {
      expect(recordsInJson([study('DOE^JANE', 'MRN7701', '19750921', 'A1')])).toEqual([
        { fields: { studyDate: '20240314', accession: 'A1', name: 'DOE^JANE', patientId: 'MRN7701', birthDate: '19750921' } },
      ]);
    });

    it('the referring physician is not a patient', () => {
      const records = recordsInJson([study('DOE^JANE', 'MRN7701', '19750921', 'A1')]);
      expect(JSON.stringify(records)).not.toContain('BEISPIEL');
    });

    it('three studies of two patients count as two patients', () => {
      const records = recordsInJson([study('DOE^JANE', 'MRN7701', '19750921', 'A1'), study('DOE^JANE', 'MRN7701', '19750921', 'A2'), study('ROE^RICHARD', 'MRN7702', '19600101', 'A3')]);
      expect(records).toHaveLength(3);
      expect(countDistinctPatients(records)).toBe(2);
    });
  });
});

describe('countDistinctPatients', () => {
  const record = (fields: PatientRecord['fields']): PatientRecord => ({ fields });

  it('counts different patient IDs', () => {
    expect(countDistinctPatients([record({ patientId: 'X1', name: 'DOE^JANE' }), record({ patientId: 'X2', name: 'DOE^JANE' })])).toBe(2);
  });

  it('counts the same patient ID once', () => {
    expect(countDistinctPatients([record({ patientId: 'X1', accession: 'A1' }), record({ patientId: 'X1', accession: 'A2' })])).toBe(1);
  });

  it('without IDs, compares names by their letters only, ignoring case', () => {
    expect(countDistinctPatients([record({ name: 'DOE^JANE', birthDate: '19800131' }), record({ name: 'Doe Jane', birthDate: '31.01.1980' })])).toBe(1);
    expect(countDistinctPatients([record({ name: 'DOE^JANE', birthDate: '19800131' }), record({ name: 'ROE^RICHARD', birthDate: '19800131' })])).toBe(2);
  });

  it('without IDs or names, compares birth dates', () => {
    expect(countDistinctPatients([record({ birthDate: '19800131', studyDate: '20240301' }), record({ birthDate: '19751115', studyDate: '20240301' })])).toBe(2);
  });

  it('records with none of ID, name or birth date count as one patient together', () => {
    expect(countDistinctPatients([record({ accession: 'A1', studyDate: '20240301' }), record({ accession: 'A2', studyDate: '20240302' })])).toBe(1);
  });

  it('no records, no patients', () => {
    expect(countDistinctPatients([])).toBe(0);
  });
});

describe('findDicomNamesInText', () => {
  it('finds distinct DICOM-style names, upper-cased', () => {
    expect(findDicomNamesInText('DOE^JANE 1980-01-31 F | ROE^Richard | DOE^JANE again | MÜLLER^JÖRG')).toEqual(['DOE^JANE', 'ROE^RICHARD', 'MÜLLER^JÖRG']);
  });

  it('ignores names not written with a capital family name and a caret', () => {
    expect(findDicomNamesInText('Jane Doe, doe^jane, D^JANE, x^Y, the ^ operator, 2^10')).toEqual([]);
  });

  it('does not start a name inside a longer caret chain', () => {
    expect(findDicomNamesInText('DOE^JANE^^MRS')).toEqual(['DOE^JANE']);
  });
});
