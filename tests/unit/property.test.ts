// Property tests of the whole pure pipeline (readPage → analysePage → buildReport) on generated pages:
// broken and hostile HTML, frames, SVG, XML, text and JSON documents, study lists hidden in noise, and a
// few huge or deep pages. Properties: nothing throws; the report is well-formed and holds no patient value;
// the reader's work stays within its node budget (counted with snapshot.nodesVisited, never timed); every
// list in the snapshot keeps its limit; a page that is not medical is never called dangerous.
// Pages are parsed by happy-dom with scripts off, as tests/unit/fixture-page.ts does. happy-dom's own
// selector engine recurses, so the 100,000-deep and 1,000,000-element pages run in real Chromium
// (tests/browser/hostile.test.ts); here deep pages stay within what happy-dom itself can hold.

import fc from 'fast-check';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { analysePage, type PageAnalysis } from '../../src/analysis/analyse-page.js';
import { buildReport } from '../../src/background/build-report.js';
import { FINDING_IDS, parseReport, type Report } from '../../src/shared/report.js';
import { readPage } from '../../src/snapshot/read-page.js';
import { SNAPSHOT_LIMITS as LIMITS, type PageSnapshot, type RecheckOutcome } from '../../src/snapshot/snapshot.js';
import { limitBreaches } from '../harness/snapshot-limits.js';
import {
  brokenHtml,
  brokenHtmlDocuments,
  escapeHtml,
  fakePatient,
  fakePatients,
  framesHtml,
  isoDate,
  jsonDocument,
  patientValues,
  studyListTable,
  svgDocument,
  xmlDocument,
  type FakePatient,
} from './generators/pages.js';

const HTTP_URL = 'http://198.51.100.7/portal/page';
const HTTPS_URL = 'https://198.51.100.7/portal/page';
const VERDICTS = ['danger', 'warning', 'ok', 'not-medical'];

// One happy-dom window for every generated page: a window per page would cost more than the page.
const window = new Window({
  url: 'https://198.51.100.7/',
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
});
afterAll(async () => {
  await window.happyDOM.close();
});

let pagesChecked = 0;
afterAll(() => {
  console.log(`property.test.ts: ${pagesChecked} pages read and analysed; skipped: ${parserFailures} that happy-dom's parser threw on`);
});

type ParseAs = 'text/html' | 'application/xml' | 'image/svg+xml';

function parse(source: string, contentType = 'text/html', parseAs: ParseAs = 'text/html'): Document {
  const doc = new window.DOMParser().parseFromString(source, parseAs) as unknown as Document;
  Object.defineProperty(doc, 'contentType', { value: contentType });
  return doc;
}

let parserFailures = 0;
/**
 * Browsers parse any string; happy-dom's parser throws on a few broken ones (a nested <html> in an
 * <option>, some malformed XML). Those inputs are skipped: they test happy-dom, not the extension.
 */
function parseGenerated(source: string, contentType = 'text/html', parseAs: ParseAs = 'text/html'): Document {
  try {
    return parse(source, contentType, parseAs);
  } catch {
    parserFailures++;
    fc.pre(false);
    throw new Error('unreachable: fc.pre(false) throws');
  }
}

/** A text or JSON answer as browsers show it: the text in a <pre> of an otherwise empty page. */
function textDocument(text: string, contentType: string): Document {
  const doc = parse('<html><head></head><body></body></html>', contentType);
  const pre = doc.createElement('pre');
  pre.textContent = text;
  doc.body.append(pre);
  return doc;
}

interface Checked {
  snapshot: PageSnapshot;
  analysis: PageAnalysis;
  report: Report;
}

/** The pipeline as the extension runs it: the content script reads and analyses, the background builds the report. */
function check(doc: Document, url: string, recheck: RecheckOutcome | null = null): Checked {
  pagesChecked++;
  const snapshot = readPage(doc, url);
  snapshot.recheck = recheck;
  const analysis = analysePage(snapshot);
  // The snapshot crosses to the background as a message: it must survive being copied.
  const sent = structuredClone(snapshot);
  const report = buildReport(sent, url, 1, 1_700_000_000_000);
  return { snapshot, analysis, report };
}

function expectWellFormed({ snapshot, analysis, report }: Checked, patients: readonly FakePatient[] = []): void {
  expect(limitBreaches(snapshot)).toEqual([]);
  expect(VERDICTS).toContain(report.verdict);
  expect(report.verdict).toBe(analysis.verdict);
  // The background keeps only what parseReport accepts; a report it made itself must pass unchanged.
  expect(parseReport(structuredClone(report))).toEqual(report);
  const ids = report.findings.map((finding) => finding.id);
  for (const id of ids) expect(FINDING_IDS).toContain(id);
  expect(new Set(ids).size).toBe(ids.length);
  if (!analysis.facts.isMedicalPortal) {
    expect(report.verdict).toBe('not-medical');
    expect(report.findings).toEqual([]);
  }
  const stored = JSON.stringify(report);
  for (const value of patients.flatMap(patientValues)) expect(stored).not.toContain(value);
}

// A fixed seed keeps CI repeatable; PROPERTY_SEED=random (or a number) explores other pages.
const SEED = process.env.PROPERTY_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.PROPERTY_SEED ?? 6_062_026);
const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, endOnFailure: true, seed: SEED });

/**
 * Inputs that hit a bug already reported and pinned by a skipped test below, left out of the bulk runs
 * so those keep testing everything else. Remove a line here when its bug is fixed.
 */

describe('arbitrary and broken HTML', () => {
  it('never throws, and always gives a well-formed, bounded report (any URL scheme, any re-check outcome)', () => {
    const recheck = fc.constantFrom<RecheckOutcome | null>(
      null,
      { kind: 'patient-data', url: 'page', answer: 'html', records: 3, patients: 1 },
      { kind: 'no-patient-data', status: 200 },
      { kind: 'login-required', status: 401, scheme: 'basic' },
      { kind: 'could-not-verify', reason: 'timeout' },
    );
    fc.assert(
      fc.property(brokenHtml, fc.constantFrom(HTTP_URL, HTTPS_URL, 'http://[::1]:8042/app/explorer.html#find-patients'), recheck, (html, url, outcome) => {
        expectWellFormed(check(parseGenerated(html), url, outcome));
      }),
      runs(3500),
    );
  });

  it('a broken page built only from non-medical words, links and fields is not-medical, whatever it claims ("Portal Checkup: OK", "Logout")', () => {
    fc.assert(
      fc.property(brokenHtmlDocuments({ medical: false }), fc.constantFrom(HTTP_URL, HTTPS_URL), (html, url) => {
        const checked = check(parseGenerated(html), url, { kind: 'patient-data', url: 'page', answer: 'html', records: 1, patients: 1 });
        expectWellFormed(checked);
        expect(checked.report.verdict).toBe('not-medical');
        expect(checked.report.findings).toEqual([]);
      }),
      runs(2500),
    );
  });

  it('a study list of two or more patients among broken HTML is still found: danger on http:, no patient value in the report', () => {
    fc.assert(
      fc.property(
        brokenHtmlDocuments({ medical: false }),
        fakePatients(2, 6),
        fc.nat(),
        fc.constantFrom('http', 'https-open', 'https-login'),
        (noise, patients, position, setting) => {
          const doc = parseGenerated(noise);
          const holder = doc.createElement('div');
          holder.innerHTML = studyListTable(patients);
          const parent = doc.body ?? doc.documentElement;
          const before = parent.childNodes[position % (parent.childNodes.length + 1)] ?? null;
          parent.insertBefore(holder, before);
          // The reader looks at the first LIMITS.tables tables only (a separate test covers decoy tables).
          const tables = Array.from(doc.getElementsByTagName('table'));
          fc.pre(tables.indexOf(holder.firstElementChild as HTMLTableElement) < LIMITS.tables);

          const url = setting === 'http' ? HTTP_URL : HTTPS_URL;
          const outcome: RecheckOutcome | null =
            setting === 'https-open' ? { kind: 'patient-data', url: 'page', answer: 'html', records: patients.length, patients: patients.length } : setting === 'https-login' ? { kind: 'login-required', status: 401, scheme: 'basic' } : null;
          const checked = check(doc, url, outcome);
          expectWellFormed(checked, patients);
          const ids = checked.report.findings.map((finding) => finding.id);
          expect(ids).toContain('many-patients');
          if (setting === 'http') expect(ids).toEqual(expect.arrayContaining(['plain-http']));
          if (setting === 'https-open') expect(ids).toContain('no-login');
          expect(checked.report.verdict).toBe(setting === 'https-login' ? 'warning' : 'danger');
        },
      ),
      runs(2000),
    );
  });
});

describe('frames, SVG, XML, text and JSON documents', () => {
  it('frames, iframes (srcdoc too) and objects: the framed list is not read as the page, and nothing throws', () => {
    fc.assert(
      fc.property(framesHtml, fc.constantFrom(HTTP_URL, HTTPS_URL), ({ html, patients }, url) => {
        const checked = check(parseGenerated(html), url);
        expectWellFormed(checked, patients);
        // What a frame shows is another document: this page itself shows no patients.
        expect(checked.analysis.facts.distinctPatients).toBe(0);
      }),
      runs(500),
    );
  });

  it('XML documents (well-formed or cut short) never throw and are never danger', () => {
    fc.assert(
      fc.property(xmlDocument, (source) => {
        const checked = check(parseGenerated(source, 'application/xml', 'application/xml'), HTTP_URL);
        expectWellFormed(checked);
        expect(checked.report.verdict).not.toBe('danger');
      }),
      runs(300),
    );
  });

  it('SVG documents (with scripts, and patient-looking text drawn in them) never throw and leak no patient value', () => {
    fc.assert(
      fc.property(svgDocument, ({ svg, patients }) => {
        expectWellFormed(check(parseGenerated(svg, 'image/svg+xml', 'image/svg+xml'), HTTP_URL), patients);
      }),
      runs(300),
    );
  });

  it('text/plain documents: any text, never danger', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), brokenHtml), (text) => {
        const checked = check(textDocument(text, 'text/plain'), HTTP_URL);
        expectWellFormed(checked);
        expect(checked.report.verdict).not.toBe('danger');
      }),
      runs(300),
    );
  });

  it('JSON documents: any value, any content type spelling; arbitrary JSON is not medical', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom('application/json', 'application/dicom+json', 'text/json', 'application/json; charset=utf-8'), (value, contentType) => {
        const checked = check(textDocument(JSON.stringify(value), contentType), HTTP_URL);
        expectWellFormed(checked);
        expect(checked.report.verdict).toBe('not-medical');
      }),
      runs(400),
    );
    fc.assert(
      fc.property(jsonDocument, fc.string({ unit: 'binary', maxLength: 8 }), (value, garbage) => {
        // Valid JSON with DICOM-looking keys, and JSON with garbage before or after it.
        expectWellFormed(check(textDocument(JSON.stringify(value), 'application/json'), HTTP_URL));
        expectWellFormed(check(textDocument(`${garbage}${JSON.stringify(value)}${garbage}`, 'application/json'), HTTP_URL));
      }),
      runs(200),
    );
  });

  it('an archive API answer (Orthanc and DICOM JSON) of two or more patients is danger on http:, without patient values in the report', () => {
    fc.assert(
      fc.property(fakePatients(2, 8), fc.boolean(), (patients, dicomJson) => {
        const answer = dicomJson
          ? patients.map((patient) => ({ '00100010': { vr: 'PN', Value: [{ Alphabetic: `${patient.family}^${patient.given}` }] }, '00100020': { vr: 'LO', Value: [patient.patientId] }, '00100030': { vr: 'DA', Value: [patient.birthDate] } }))
          : patients.map((patient, index) => ({ ID: `id-${index}`, Type: 'Patient', MainDicomTags: { PatientName: `${patient.family}^${patient.given}`, PatientID: patient.patientId, PatientBirthDate: patient.birthDate } }));
        const checked = check(textDocument(JSON.stringify(answer), 'application/json'), HTTP_URL);
        expectWellFormed(checked, patients);
        expect(checked.report.verdict).toBe('danger');
        expect(checked.report.findings.map((finding) => finding.id)).toContain('many-patients');
      }),
      runs(300),
    );
  });
});

describe('huge and deep pages (one each: the node budget bounds the work)', () => {
  const ROOT_HTML = '<!DOCTYPE html><html><head><title>Studies</title></head><body></body></html>';

  it('a 200,000-element page built with DOM APIs: reading stops at the node budget', () => {
    const doc = parse(ROOT_HTML);
    // 400 sections of 500 elements: wide, but no sibling list longer than 500 (happy-dom walks siblings slowly).
    for (let section = 0; section < 400; section++) {
      const holder = doc.createElement('section');
      for (let index = 0; index < 500; index++) {
        const item = doc.createElement(index % 2 ? 'span' : 'p');
        if (index % 5 === 0) item.textContent = `item ${index}`;
        holder.append(item);
      }
      doc.body.append(holder);
    }
    const checked = check(doc, HTTPS_URL);
    expectWellFormed(checked);
    expect(checked.snapshot.truncated).toBe(true);
    expect(checked.report.verdict).toBe('not-medical');
  });

  it('a 50 MB text node: text stays within its limit, the page is not medical', () => {
    const doc = parse(ROOT_HTML);
    const paragraph = doc.createElement('p');
    paragraph.append(doc.createTextNode(`Patient ID: ${'1234567 \n\t '.repeat(5_000_000)}`));
    doc.body.append(paragraph);
    const checked = check(doc, HTTP_URL);
    expectWellFormed(checked);
    expect(checked.report.verdict).toBe('not-medical');
  });

  it('a 50 MB JSON document (beyond the JSON limit) and a 50 MB text/plain document', () => {
    const records = JSON.stringify(Array.from({ length: 1000 }, (_, index) => ({ PatientID: `P${index}`, PatientName: `DOE^JANE${index}` })));
    const huge = `[${Array.from({ length: 1100 }, () => records.slice(1, -1)).join(',')}]`;
    expect(huge.length).toBeGreaterThan(50_000_000);
    expectWellFormed(check(textDocument(huge, 'application/json'), HTTP_URL));
    expectWellFormed(check(textDocument(huge, 'text/plain'), HTTP_URL));
  });

  it('a table of 10,000 patients: danger with many-patients, no patient value in the report', () => {
    const patients = fc.sample(fakePatients(10_000, 10_000), { numRuns: 1, seed: 6 })[0]!;
    const doc = parse(`<!DOCTYPE html><html><head><title>Studies</title></head><body>${studyListTable([])}</body></html>`);
    const body = doc.getElementsByTagName('tbody')[0]!;
    for (const patient of patients) {
      const row = doc.createElement('tr');
      for (const value of [`${patient.family}, ${patient.given}`, patient.patientId, isoDate(patient.birthDate), patient.accession, 'MR']) {
        const cell = doc.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      body.append(row);
    }
    const checked = check(doc, HTTP_URL);
    expectWellFormed(checked, patients);
    expect(checked.report.verdict).toBe('danger');
    expect(checked.report.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['many-patients', 'plain-http']));
  });

  // (Nested <form>s are left to Chromium: happy-dom's own form code recurses through them.)
  it.each(['div', 'h1', 'a', 'table', 'dl', 'li', 'td'])('a page nested 2,000 deep in <%s> (built with DOM APIs) is read within the budget', (tag) => {
    const doc = parse(ROOT_HTML);
    let parent: Element = doc.body;
    for (let depth = 0; depth < 2_000; depth++) {
      const child = doc.createElement(tag);
      if (depth % 3 === 0) child.append(doc.createTextNode(depth % 2 ? 'Patient ID:' : 'Name: x'));
      parent.append(child);
      parent = child;
    }
    expectWellFormed(check(doc, HTTP_URL));
  });

  it('a page nested 1,000 deep by the parser (unclosed <div>, <b>, <table>, <li>, <span>)', () => {
    for (const [open, repeat] of [['<div>', 1_000], ['<b>', 1_000], ['<table><tr><td>', 250], ['<ul><li>', 500], ['<span title="a">text ', 1_000]] as const) {
      expectWellFormed(check(parse(`<html><body>${open.repeat(repeat)}</body></html>`), HTTP_URL));
    }
  });

  const jsonPage = (text: string): Document => textDocument(text, 'application/json');

  // Once a RangeError: recordsFromJson recursed once per nested object.
  it('a JSON document of objects nested 100,000 deep is analysed without throwing', () => {
    expectWellFormed(check(jsonPage(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), HTTP_URL));
  });

  // Once a RangeError: the parsed JSON was kept whatever its depth and could not be sent to the background.
  it('a JSON document of arrays nested 100,000 deep gives a snapshot that can still be sent to the background', () => {
    expectWellFormed(check(jsonPage(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), HTTP_URL));
  });

  it('JSON nested 1,000 deep (arrays, objects, patient-looking objects) is analysed and can be sent', () => {
    for (const text of [
      `${'['.repeat(1_000)}${']'.repeat(1_000)}`,
      `${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}`,
      `${'{"PatientID":"X1","MainDicomTags":'.repeat(1_000)}{}${'}'.repeat(1_000)}`,
    ]) {
      expectWellFormed(check(jsonPage(text), HTTP_URL));
    }
  });

  it('a JSON array of 15,000 patient records (1.5 MB, under the JSON limit): danger', () => {
    const patients = fc.sample(fakePatient, { numRuns: 15_000, seed: 7 });
    const answer = patients.map((patient, index) => ({ ID: String(index), MainDicomTags: { PatientName: `${patient.family}^${patient.given}`, PatientID: `${patient.patientId}-${index}` } }));
    const checked = check(textDocument(JSON.stringify(answer), 'application/json'), HTTP_URL);
    expectWellFormed(checked, patients.slice(0, 100));
    expect(checked.report.verdict).toBe('danger');
  });

  // Empty layout tables once used up the table limit before the study list.
  it('twelve empty layout tables before the study list do not hide it', () => {
    const patients = fc.sample(fakePatients(3, 3), { numRuns: 1, seed: 8 })[0]!;
    const layout = '<table><tr><td>&nbsp;</td></tr></table>'.repeat(12);
    const checked = check(parse(`<html><head><title>Conquest</title></head><body>${layout}${studyListTable(patients)}</body></html>`), HTTP_URL);
    expectWellFormed(checked, patients);
    expect(checked.report.verdict).toBe('danger');
  });
});

describe('bugs the fuzzing found, each pinned by one small page', () => {
  // getElementsByTagName('form') also returns SVG/MathML elements named "form", once a TypeError.
  it('an SVG or MathML <form> element does not stop the reading of a study list', () => {
    const patients = fc.sample(fakePatients(3, 3), { numRuns: 1, seed: 9 })[0]!;
    for (const foreign of ['<svg><form></form></svg>', '<math><form></form></math>']) {
      const doc = parse(`<html><head><title>Studies</title></head><body>${foreign}${studyListTable(patients)}</body></html>`);
      const snapshot = readPage(doc, HTTP_URL);
      expect(analysePage(snapshot).verdict).toBe('danger');
    }
  });
});

describe('parseReport', () => {
  const VALID: Report = {
    version: 2,
    verdict: 'danger',
    findings: [{ id: 'many-patients', severity: 'medium', certainty: 'certain', evidence: '3 different patients on the page' }],
    product: null,
    productVersion: null,
    pageOrigin: 'http://127.0.0.1:8042',
    checkedAt: 1,
    analysisMs: 2,
    loginCheck: null,
  };

  // An independent statement of the format in docs/report-format.md.
  function isValidReport(value: unknown): boolean {
    const report = value as Record<string, unknown>;
    const findingOk = (finding: unknown): boolean => {
      const candidate = finding as Record<string, unknown>;
      return (
        typeof finding === 'object' && finding !== null &&
        (FINDING_IDS as readonly unknown[]).includes(candidate.id) &&
        ['high', 'medium', 'low', 'info'].includes(candidate.severity as string) &&
        ['verified', 'certain', 'recognised'].includes(candidate.certainty as string) &&
        typeof candidate.evidence === 'string' &&
        (candidate.variant === undefined || candidate.variant === 'insecure-setup')
      );
    };
    return (
      typeof value === 'object' && value !== null &&
      report.version === 2 &&
      VERDICTS.includes(report.verdict as string) &&
      Array.isArray(report.findings) && report.findings.every(findingOk) &&
      (report.product === null || typeof report.product === 'string') &&
      (report.productVersion === null || typeof report.productVersion === 'string') &&
      typeof report.pageOrigin === 'string' && typeof report.checkedAt === 'number' && typeof report.analysisMs === 'number' &&
      (report.loginCheck === null || ['patient-data', 'no-patient-data', 'login-required', 'could-not-verify'].includes(report.loginCheck as string))
    );
  }

  it('any JSON value: never throws, gives null or a valid report', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true })), (value) => {
        const parsed = parseReport(value);
        expect(parsed === null || isValidReport(parsed)).toBe(true);
      }),
      runs(3000),
    );
  });

  it('a valid report with one field replaced by any JSON value: null, or valid when the new value is valid', () => {
    const field = fc.constantFrom(...(Object.keys(VALID) as Array<keyof Report>), 'findings.0.id', 'findings.0.severity', 'findings.0.evidence', 'findings.0.variant', 'extra');
    fc.assert(
      fc.property(field, fc.jsonValue({ maxDepth: 3 }), (key, replacement) => {
        const candidate = structuredClone(VALID) as unknown as Record<string, unknown>;
        if (key.startsWith('findings.0.')) (candidate.findings as Array<Record<string, unknown>>)[0]![key.slice('findings.0.'.length)] = replacement;
        else candidate[key] = replacement;
        const parsed = parseReport(candidate);
        expect(parsed === null ? !isValidReport(candidate) : isValidReport(parsed)).toBe(true);
      }),
      runs(2000),
    );
  });

  it('old formats and corrupted values seen in storage are null', () => {
    for (const value of [undefined, null, 0, '', 'report', [], [VALID], { ...VALID, version: 0 }, { ...VALID, version: 1 }, { ...VALID, version: '2' }, { ...VALID, findings: 'corrupted' }, { ...VALID, verdict: 'safe' }, JSON.stringify(VALID)]) {
      expect(parseReport(value)).toBeNull();
    }
  });
});

// escapeHtml is used by the generators; a check here keeps it honest.
it('the generators escape HTML', () => {
  expect(escapeHtml('<img src=x onerror="a">&')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;');
});
