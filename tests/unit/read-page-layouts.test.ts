// The same patients, laid out the ways real products lay them out: cells made of several elements,
// header rows in a table of their own, ARIA grids built from divs, and repeated divs or list items
// without any column label. Each layout is read by the real reader and judged by the real pipeline.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../src/analysis/analyse-page.js';
import { countDistinctPatients, findPatientRecords } from '../../src/patient-data/patient-records.js';
import { SNAPSHOT_LIMITS as LIMITS } from '../../src/snapshot/snapshot.js';
import { limitBreaches } from '../harness/snapshot-limits.js';
import { snapshotOfFile, snapshotOfHtml } from './fixture-page.js';

const page = (body: string, title = 'Studies'): string => `<html><head><title>${title}</title></head><body>${body}</body></html>`;
// OHIF's title and its app-config.js script: the product fingerprints name it (score 4).
const ohifPage = (body: string): string =>
  `<html><head><title>OHIF Viewer</title><script src="/app-config.js"></script></head><body><div id="root">${body}</div></body></html>`;
const OHIF_URL = 'http://127.0.0.1:3000/';

const PATIENTS = [
  { dicom: 'HARTMANN^KLAUS', shown: 'HARTMANN, KLAUS', id: 'HO-7700311', date: 'Jan 5, 2024', modality: 'CT', description: 'CT HEAD' },
  { dicom: 'BEISPIEL^ERIKA', shown: 'BEISPIEL, ERIKA', id: 'HO-7700312', date: 'Feb 12, 2024', modality: 'MR', description: 'MR KNEE' },
  { dicom: 'EXEMPLE^JEAN', shown: 'EXEMPLE, JEAN', id: 'HO-7700313', date: 'Mar 20, 2024', modality: 'CR\\SR', description: 'CHEST' },
];

describe('cell text, as a person sees it', () => {
  it('splits a cell where its elements start and end: name and ID in two divs are both seen', () => {
    const snapshot = snapshotOfHtml(
      page(`<table><tr><th>Patient</th><th>Study date</th></tr>
        <tr><td><div>HARTMANN^KLAUS</div><div>HO-7700311</div></td><td>20240105</td></tr></table>`),
    );
    expect(snapshot.tables[0]?.rows[0]?.[0]).toBe('HARTMANN^KLAUS\nHO-7700311');
    expect(findPatientRecords(snapshot)).toEqual([{ fields: { name: 'HARTMANN^KLAUS', patientId: 'HO-7700311', studyDate: '20240105' } }]);
  });

  it('keeps inline elements in the text around them, splits at spans, and leaves out scripts and styles', () => {
    const snapshot = snapshotOfHtml(
      page(`<table><tr><td>Dr. <b>Jane</b> <a href="#">Doe</a></td><td><span>Jan 5, 2024</span><span>10:32 AM</span></td>
        <td>X<script>var secret = 1;</script><style>td{}</style><br>Y</td></tr></table>`),
    );
    expect(snapshot.tables[0]?.rows[0]).toEqual(['Dr. Jane Doe', 'Jan 5, 2024\n10:32 AM', 'X\nY']);
  });

  it('a study date cell with its time in a second span is still a date', () => {
    const snapshot = snapshotOfHtml(
      page(`<table><tr><th>Patient Name</th><th>Study Date</th></tr>
        <tr><td>HARTMANN^KLAUS</td><td><span>Jan 5, 2024</span><span>10:32 AM</span></td></tr></table>`),
    );
    expect(findPatientRecords(snapshot)).toEqual([{ fields: { name: 'HARTMANN^KLAUS', studyDate: 'Jan 5, 2024' } }]);
  });

  it('reads a header with a sort button in it by its first part', () => {
    const snapshot = snapshotOfHtml(
      page(`<table><tr><th><span>Patient Name</span><button>▲</button></th><th><div>MRN</div><svg><text>sort</text></svg></th></tr>
        <tr><td>HARTMANN^KLAUS</td><td>HO-7700311</td></tr></table>`),
    );
    expect(findPatientRecords(snapshot)).toEqual([{ fields: { name: 'HARTMANN^KLAUS', patientId: 'HO-7700311' } }]);
  });

  it('an empty study list whose headers hold sort buttons still names its columns (study-list)', () => {
    const snapshot = snapshotOfHtml(page('<table><tr><th><span>Patient Name</span><button>sort</button></th><th><span>Study Date</span><button>sort</button></th></tr></table>'));
    expect(analysePage(snapshot).facts.medicalReasons).toContain('study-list');
  });

  it('a cell of 10,000 elements is read within its limits', () => {
    const spans = '<span>DOE^JANE</span>'.repeat(10_000);
    const snapshot = snapshotOfHtml(page(`<table><tr><th>Patient Name</th><th>Patient ID</th></tr><tr><td>${spans}</td><td>X1</td></tr></table>`));
    expect(limitBreaches(snapshot)).toEqual([]);
    expect(snapshot.tables[0]?.rows[0]?.[0]?.length).toBeLessThanOrEqual(LIMITS.cellChars);
  });
});

describe('a header row in a table of its own (virtualised grids)', () => {
  const headerTable = '<table><thead><tr><th>Patient Name</th><th>MRN</th><th>Study Date</th><th>Modality</th></tr></thead></table>';
  const bodyTable = `<div class="scroller"><table><tbody>${PATIENTS.map(
    (patient) => `<tr><td>${patient.dicom}</td><td>${patient.id}</td><td>${patient.date}</td><td>${patient.modality}</td></tr>`,
  ).join('')}</tbody></table></div>`;

  it('lends its headers to the next table, whose rows have as many cells', () => {
    const snapshot = snapshotOfHtml(page(headerTable + bodyTable));
    expect(snapshot.tables[0]?.headers).toEqual(['Patient Name', 'MRN', 'Study Date', 'Modality']);
    expect(snapshot.tables[0]?.rows).toHaveLength(3);
    expect(countDistinctPatients(findPatientRecords(snapshot))).toBe(3);
  });

  it('is danger with many-patients on plain http, in any page, viewer or not', () => {
    const { facts, findings } = analysePage(snapshotOfHtml(page(headerTable + bodyTable)));
    expect(facts.distinctPatients).toBe(3);
    expect(findings.map((finding) => finding.id)).toContain('many-patients');
  });

  it('does not lend them to a table of another width', () => {
    const other = '<table><tr><td>HARTMANN^KLAUS</td><td>HO-7700311</td></tr><tr><td>BEISPIEL^ERIKA</td><td>HO-7700312</td></tr></table>';
    const snapshot = snapshotOfHtml(page(headerTable + other));
    expect(findPatientRecords(snapshot)).toEqual([]);
  });
});

describe('ARIA grids built from divs', () => {
  const cell = (text: string, role = 'gridcell'): string => `<div role="${role}"><div class="truncate">${text}</div></div>`;
  const grid = (options: { role: 'grid' | 'table'; cellRole: 'gridcell' | 'cell'; header: boolean; modality: boolean }): string => `<div role="${options.role}" aria-rowcount="4">
    ${options.header ? `<div role="rowgroup"><div role="row">${cell('Patient Name', 'columnheader')}${cell('Patient ID', 'columnheader')}${cell('Study Date', 'columnheader')}</div></div>` : ''}
    <div role="rowgroup">${PATIENTS.map(
      (patient) =>
        `<div role="row">${[patient.shown, patient.id, patient.date, ...(options.modality ? [patient.modality] : [])].map((text) => cell(text, options.cellRole)).join('')}</div>`,
    ).join('')}</div>
  </div>`;
  const labelled = grid({ role: 'grid', cellRole: 'gridcell', header: true, modality: false });

  it('reads the column headers and one row per role="row"', () => {
    const snapshot = snapshotOfHtml(page(labelled));
    expect(snapshot.tables[0]).toEqual({
      headers: ['Patient Name', 'Patient ID', 'Study Date'],
      rows: PATIENTS.map((patient) => [patient.shown, patient.id, patient.date]),
    });
  });

  it('takes a header row with a select-all cell in it as the header', () => {
    const withCheckbox = labelled.replace('<div role="row">', '<div role="row"><div role="gridcell"><input type="checkbox" aria-label="Select all"></div>');
    expect(snapshotOfHtml(page(withCheckbox)).tables[0]?.headers).toEqual(['', 'Patient Name', 'Patient ID', 'Study Date']);
  });

  it('finds three patients under the labels, without a known viewer', () => {
    const { facts } = analysePage(snapshotOfHtml(page(labelled)));
    expect(facts.distinctPatients).toBe(3);
    expect(facts.isMedicalPortal).toBe(true);
  });

  // Two ways to find a grid (read-page.ts, gridRoots): one query in a page of up to gridQueryElements
  // elements, a walk of the first gridSearchElements elements of a larger one.
  const filler = (elements: number): string => '<p>x</p>'.repeat(elements);
  it.each([
    ['a small page, the grid last', filler(50), ''],
    ['a page larger than the walk, smaller than the query bound: the grid after the walk’s end', filler(LIMITS.gridSearchElements + 500), ''],
    ['a page larger than the query bound, the grid first', '', filler(LIMITS.gridQueryElements + 500)],
  ])('finds the grid in %s', (_, before, after) => {
    expect(snapshotOfHtml(page(`${before}${labelled}${after}`)).tables[0]?.headers).toEqual(['Patient Name', 'Patient ID', 'Study Date']);
  });

  it('does not look past the first elements of a page larger than the query bound (the work stays bounded)', () => {
    const late = `${filler(LIMITS.gridQueryElements + 500)}${labelled}`;
    expect(snapshotOfHtml(page(late)).tables).toEqual([]);
  });

  it('reads role="table" with role="cell" the same way; without headers, only a known viewer makes its rows patients', () => {
    const unlabelled = grid({ role: 'table', cellRole: 'cell', header: false, modality: true });
    expect(snapshotOfHtml(page(unlabelled)).tables[0]?.rows).toHaveLength(3);
    expect(analysePage(snapshotOfHtml(page(unlabelled))).facts.distinctPatients).toBe(0);
    expect(analysePage(snapshotOfHtml(ohifPage(unlabelled), OHIF_URL)).facts.distinctPatients).toBe(3);
  });
});

describe('repeated rows of divs and list items, without labels', () => {
  // OHIF's study list as the issue describes it: names "FAMILY, GIVEN", dates "Jan 5, 2024", modalities,
  // descriptions; no label the reader knows next to them.
  const divRows = PATIENTS.map(
    (patient) =>
      `<div class="flex row hover:bg-secondary"><div class="w-3/12"><span>${patient.shown}</span></div><div class="w-2/12">${patient.id}</div>
       <div class="w-2/12"><span>${patient.date}</span><span>10:32 AM</span></div><div class="w-3/12">${patient.description}</div><div class="w-1/12">${patient.modality}</div></div>`,
  ).join('');

  it('in a known viewer, each row with a name, a date and a modality is a patient', () => {
    const snapshot = snapshotOfHtml(ohifPage(`<div class="list">${divRows}</div>`), OHIF_URL);
    expect(snapshot.tables.some((table) => table.rows.length === 3)).toBe(true);
    const { facts, findings } = analysePage(snapshot);
    expect(facts.product?.name).toBe('OHIF Viewer');
    expect(facts.distinctPatients).toBe(3);
    expect(findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['many-patients', 'known-viewer', 'plain-http']));
  });

  it('the same rows on a page that is no known viewer are no patients: programmes list "LAST, First" with dates too', () => {
    const { facts } = analysePage(snapshotOfHtml(page(`<div class="list">${divRows}</div>`, 'Radiology days 2024')));
    expect(facts.distinctPatients).toBe(0);
    expect(facts.isMedicalPortal).toBe(false);
  });

  it('"LAST, FIRST" and a date without a modality code is no patient, even in a viewer', () => {
    const rows = PATIENTS.map((patient) => `<li><span>${patient.shown}</span><span>${patient.date}</span></li>`).join('');
    expect(analysePage(snapshotOfHtml(ohifPage(`<ul>${rows}</ul>`), OHIF_URL)).facts.distinctPatients).toBe(0);
  });

  it('list items with DICOM names next to a date are patients in a viewer', () => {
    const rows = PATIENTS.map((patient) => `<li class="study"><a href="#"><h4>${patient.dicom}</h4><p>${patient.date}</p></a></li>`).join('');
    expect(analysePage(snapshotOfHtml(ohifPage(`<ul>${rows}</ul>`), OHIF_URL)).facts.distinctPatients).toBe(3);
  });

  it('reads rows only of the shape of the one holding the name, at most SNAPSHOT_LIMITS.rowsPerTable', () => {
    const letters = (index: number): string => String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26));
    const many = Array.from({ length: 200 }, (_, index) => `<div class="r"><span>TESTPERSON^${letters(index)}</span><span>20240105</span></div>`).join('');
    const snapshot = snapshotOfHtml(ohifPage(`<div><div class="header">Studies</div>${many}<p>footer</p></div>`), OHIF_URL);
    const list = snapshot.tables.find((table) => table.rows.length > 2);
    expect(list?.rows).toHaveLength(LIMITS.rowsPerTable);
    expect(list?.rows[0]).toEqual(['TESTPERSON^AA', '20240105']);
    expect(limitBreaches(snapshot)).toEqual([]);
  });

  it('a name inside a table cell leaves the table to the table reader (no list read twice)', () => {
    const snapshot = snapshotOfHtml(page('<table><tr><td>Name:</td><td>DOE^JANE</td></tr></table>'));
    expect(snapshot.tables).toHaveLength(1);
  });
});

describe("a known viewer's patient column alone", () => {
  const list = (names: string[]): string => `<table><tr><th>Patient</th><th></th></tr>${names.map((name) => `<tr><td>${name}</td><td><button>…</button></td></tr>`).join('')}</table>`;

  it('names written as viewers write them are patients', () => {
    expect(analysePage(snapshotOfHtml(ohifPage(list(PATIENTS.map((patient) => patient.shown))), OHIF_URL)).facts.distinctPatients).toBe(3);
    expect(analysePage(snapshotOfHtml(ohifPage(list(PATIENTS.map((patient) => patient.dicom))), OHIF_URL)).facts.distinctPatients).toBe(3);
  });

  it('ordinary names ("Jane Doe"), or a column labelled only "Name", are not', () => {
    expect(analysePage(snapshotOfHtml(ohifPage(list(['Jane Doe', 'Richard Roe'])), OHIF_URL)).facts.distinctPatients).toBe(0);
    expect(analysePage(snapshotOfHtml(ohifPage(list(PATIENTS.map((patient) => patient.shown)).replace('<th>Patient</th>', '<th>Name</th>')), OHIF_URL)).facts.distinctPatients).toBe(0);
  });
});

describe('one patient seen twice, once with an ID and once without', () => {
  it('is one patient: a record without an ID joins the record with one of the same name', () => {
    expect(
      countDistinctPatients([
        { fields: { name: 'HARTMANN^KLAUS', patientId: 'HO-7700311' } },
        { fields: { name: 'HARTMANN, KLAUS', studyDate: 'Jan 5, 2024' } },
        { fields: { name: 'BEISPIEL, ERIKA', studyDate: 'Feb 12, 2024' } },
      ]),
    ).toBe(2);
  });
});

describe('a conference programme: speakers "LAST, First", session dates, MR and CT tracks', () => {
  const snapshot = snapshotOfFile('pages/conference-programme-imaging.html', 'https://imaging-days.example.org/programme');

  it('its table, its repeated session cards and its list of speakers are read', () => {
    expect(snapshot.tables.map((table) => table.rows.length).sort()).toEqual([2, 3, 4]);
  });

  it('holds no patient: it is no viewer, and its columns name no patient field', () => {
    const { facts, verdict } = analysePage(snapshot);
    expect(facts.product).toBeNull();
    expect(facts.distinctPatients).toBe(0);
    expect(verdict).toBe('not-medical');
  });

  // What keeps it quiet is the product fingerprint: its rows have the shape of OHIF's.
  it('would look like a study list inside a known viewer', () => {
    expect(countDistinctPatients(findPatientRecords(snapshot, { inKnownViewer: true }))).toBeGreaterThanOrEqual(2);
  });
});
