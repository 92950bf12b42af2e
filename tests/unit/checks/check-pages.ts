// Small inline pages shared by the per-check tests: medical pages in English, German and French, and the
// hard negatives every check must stay quiet on. Each page lists the patient values it shows, so a test
// can prove that a finding's evidence never repeats them. All persons, IDs and dates are invented.

import { expect } from 'vitest';
import { analysePage } from '../../../src/analysis/analyse-page.js';
import type { Finding, FindingId } from '../../../src/shared/report.js';
import type { RecheckOutcome } from '../../../src/snapshot/snapshot.js';
import { snapshotOfHtml } from '../fixture-page.js';

export type Language = 'en' | 'de' | 'fr';

export interface TestPage {
  html: string;
  /** Names, IDs and dates of patients on the page; empty when it shows none. */
  patientValues: string[];
}

const page = (lang: string, title: string, body: string, patientValues: string[] = []): TestPage => ({
  html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  patientValues,
});

const table = (headers: string[], rows: string[][]): string =>
  `<table><thead><tr>${headers.map((header) => `<th>${header}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

const STUDY_ROWS = {
  en: [
    ['DOE^JANE', 'MRN-10042', 'Mar 3, 2024', 'ACC7781', 'MR'],
    ['ROE^RICHARD', 'MRN-10043', '2024-03-04', 'ACC7782', 'CT'],
    ['Smith, Alice', 'MRN-10044', '2024-03-05', 'ACC7783', 'CR'],
  ],
  de: [
    ['Mustermann, Max', 'PID-4711', '31.01.1980', '12.03.2024'],
    ['Musterfrau, Erika', 'PID-4712', '15.06.1975', '13.03.2024'],
  ],
  fr: [
    ['Dupont, Claire', 'FR2024-0001', '03/03/1990', '14/03/2024'],
    ['Exemple, Jean', 'FR2024-0002', '21/11/1962', '15/03/2024'],
  ],
};

const cellsOf = (rows: string[][]): string[] => rows.flat().filter((cell) => !/^(MR|CT|CR)$/.test(cell));

/** An archive's study list: several patients with names, IDs and dates. */
export const STUDY_LIST: Record<Language, TestPage> = {
  en: page('en', 'Study List', `<h1>Study List</h1>${table(['Patient Name', 'MRN', 'Study Date', 'Accession', 'Modality'], STUDY_ROWS.en)}`, cellsOf(STUDY_ROWS.en)),
  de: page('de', 'Studienliste', `<h1>Studienliste</h1>${table(['Patientenname', 'Patienten-ID', 'Geburtsdatum', 'Untersuchungsdatum'], STUDY_ROWS.de)}`, cellsOf(STUDY_ROWS.de)),
  fr: page('fr', "Liste d'études", `<h1>Liste d'études</h1>${table(['Nom du patient', 'IPP', 'Date de naissance', "Date de l'examen"], STUDY_ROWS.fr)}`, cellsOf(STUDY_ROWS.fr)),
};

/** A patient's own page in a portal: one patient. */
export const ONE_PATIENT: Record<Language, TestPage> = {
  en: page(
    'en',
    'My results – Patient Portal',
    '<h1>My imaging results</h1><dl><dt>Patient name</dt><dd>Jane Doe</dd><dt>Date of birth</dt><dd>01/31/1980</dd><dt>Patient ID</dt><dd>A12345</dd></dl><a href="/logout">Sign out</a>',
    ['Jane Doe', '01/31/1980', 'A12345'],
  ),
  de: page(
    'de',
    'Mein Befund – Patientenportal',
    '<h1>Ihr Befund</h1><section><p>Patientenname: Max Mustermann</p><p>Geburtsdatum: 31.01.1980</p><p>Untersuchungsdatum: 12.03.2024</p></section><a href="/abmelden">Abmelden</a>',
    ['Max Mustermann', '31.01.1980', '12.03.2024'],
  ),
  fr: page(
    'fr',
    'Compte rendu – Espace patient',
    "<h1>Votre compte rendu</h1><section><p>Nom du patient : Claire Dupont</p><p>Date de naissance : 03/03/1990</p><p>Date de l'examen : 14/03/2024</p></section><a href=\"/deconnexion\">Se déconnecter</a>",
    ['Claire Dupont', '03/03/1990', '14/03/2024'],
  ),
};

const loginForm = (action: string, user: string, password: string): string =>
  `<form method="post" action="${action}"><label>${user} <input name="username"></label><label>${password} <input type="password" name="password"></label><button>OK</button></form>`;

/** The sign-in page of a patient portal: medical, no patient data. */
export const PORTAL_LOGIN: Record<Language, TestPage> = {
  en: page('en', 'Patient Portal – Sign in', `<h1>Patient Portal</h1>${loginForm('/login', 'Email', 'Password')}`),
  de: page('de', 'Patientenportal – Anmeldung', `<h1>Patientenportal</h1>${loginForm('/anmelden', 'E-Mail', 'Passwort')}`),
  fr: page('fr', 'Espace patient – Connexion', `<h1>Espace patient</h1>${loginForm('/connexion', 'Identifiant', 'Mot de passe')}`),
};

/** A radiology portal login whose form sends the password to an absolute http: address. */
export function portalLoginPostingTo(action: string): TestPage {
  return page('en', 'Radiology Image Portal – Sign in', `<h1>Radiology image portal</h1>${loginForm(action, 'User', 'Password')}`);
}

/** Pages about medicine or with personal data that are not medical portals. */
export const NOT_MEDICAL: Record<string, TestPage> = {
  'a news article quoting "Patient name: withheld"': page(
    'en',
    'Hospital archive left open for years – City News',
    '<article><h1>Hospital image archive left open</h1><p>By Sam Reporter, 12 March 2024</p><p>The PACS server exposed DICOM images, patient names and birth dates of thousands of patients.</p><blockquote><p>Patient name: withheld</p></blockquote><p>Radiology staff said the Orthanc server is now behind a login.</p></article>',
  ),
  'a German news article quoting "Patientenname: geschwärzt"': page(
    'de',
    'Datenleck in Radiologiepraxis',
    '<article><h1>Röntgenbilder frei im Netz</h1><p>Name und Geburtsdatum der Patienten waren abrufbar.</p><blockquote><p>Patientenname: geschwärzt</p></blockquote></article>',
  ),
  'a DICOM standard table of patient attributes': page(
    'en',
    'DICOM PS3.6 – Data Dictionary',
    `<h1>Registry of DICOM Data Elements</h1>${table(
      ['Tag', 'Name', 'Keyword', 'VR', 'VM'],
      [
        ['(0010,0010)', "Patient's Name", 'PatientName', 'PN', '1'],
        ['(0010,0020)', 'Patient ID', 'PatientID', 'LO', '1'],
        ['(0010,0030)', "Patient's Birth Date", 'PatientBirthDate', 'DA', '1'],
      ],
    )}${table(['Attribute Name', 'Tag', 'Type', 'Attribute Description'], [["Patient's Name", '(0010,0010)', '2', "Patient's full name."]])}`,
  ),
  'a shop customer table with names and birth dates': page(
    'de',
    'Kunden – Shop-Verwaltung',
    `<h1>Kunden</h1>${table(
      ['Name', 'Geburtsdatum', 'E-Mail', 'Bestellungen'],
      [
        ['Anna Beispiel', '31.01.1980', 'anna@example.com', '3'],
        ['Bernd Muster', '15.06.1975', 'bernd@example.com', '1'],
      ],
    )}`,
  ),
  'a practice homepage with a "patient portal" link': page(
    'fr',
    'Cabinet de radiologie du Parc',
    '<h1>Cabinet de radiologie du Parc</h1><p>Dr. Anne Martin, radiologue</p><p>Horaires : lundi–vendredi 8h–18h</p><a href="https://portail.example.org/">Accéder à votre espace patient</a> <a href="/rdv">Prendre rendez-vous</a>',
  ),
  'an HR list of employees with birth dates': page(
    'en',
    'Staff directory – HR',
    `<h1>Employees</h1>${table(
      ['Employee no.', 'Full name', 'Date of birth', 'Department'],
      [
        ['E-1001', 'Alice Example', '1980-01-31', 'Radiology'],
        ['E-1002', 'Bob Example', '1975-06-15', 'Billing'],
      ],
    )}`,
  ),
  'a webmail login': page('en', 'Webmail – Login', `<h1>Webmail</h1>${loginForm('/login', 'Email', 'Password')}`),
};

/** Every check is tested in these languages. */
export const LANGUAGES: Language[] = ['en', 'de', 'fr'];

export function analyseHtml(testPage: TestPage, url: string, recheck: RecheckOutcome | null = null) {
  const snapshot = snapshotOfHtml(testPage.html, url);
  snapshot.recheck = recheck;
  return { snapshot, ...analysePage(snapshot) };
}

export function findingOf(findings: readonly Finding[], id: FindingId): Finding | undefined {
  return findings.find((finding) => finding.id === id);
}

/** No finding's evidence repeats a patient value, nor any word of one ("JANE" of "DOE^JANE"). */
export function expectEvidenceFreeOf(findings: readonly Finding[], patientValues: readonly string[]): void {
  const pieces = new Set(patientValues.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3)]));
  expect(pieces.size, 'the page must name patient values to check against').toBeGreaterThan(0);
  for (const finding of findings) {
    for (const piece of pieces) {
      const escaped = piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      expect(finding.evidence, `${finding.id} evidence repeats "${piece}"`).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu'));
    }
  }
}
