// fast-check generators of hostile and broken pages for the property tests (tests/unit/property.test.ts):
// HTML trees serialised with unclosed tags, stray end tags, broken attributes, entities, null bytes,
// right-to-left and odd Unicode text, frames, SVG and MathML; study lists of fake patients whose values are
// distinctive enough to be searched for in a report; and documents that are not HTML (XML, SVG, text, JSON).

import fc from 'fast-check';

/** A fake patient. Every value is unusual enough that finding it in a report means it leaked there. */
export interface FakePatient {
  family: string;
  given: string;
  patientId: string;
  accession: string;
  /** DICOM DA form: 19800131. */
  birthDate: string;
}

const upper = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: length, maxLength: length });
const digits = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

export const fakePatient: fc.Arbitrary<FakePatient> = fc.record({
  family: upper(6).map((letters) => `QX${letters}`),
  given: upper(5).map((letters) => `ZV${letters}`),
  patientId: digits(7).map((number) => `PID${number}`),
  accession: digits(8).map((number) => `ACC${number}`),
  birthDate: fc
    .record({ year: fc.integer({ min: 1925, max: 2015 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .map(({ year, month, day }) => `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`),
});

/** Patients with different patient IDs (names and birth dates may repeat, as in any archive). */
export const fakePatients = (min: number, max: number): fc.Arbitrary<FakePatient[]> =>
  fc.uniqueArray(fakePatient, { minLength: min, maxLength: max, selector: (patient) => patient.patientId });

/** The values of a patient a report must never contain. */
export function patientValues(patient: FakePatient): string[] {
  return [patient.family, patient.given, patient.patientId, patient.accession, patient.birthDate];
}

/** ISO date of a DICOM DA date. */
export const isoDate = (date: string): string => `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An OHIF-like study list of these patients, as one <table>. */
export function studyListTable(patients: readonly FakePatient[]): string {
  const rows = patients
    .map((patient) => `<tr><td>${patient.family}, ${patient.given}</td><td>${patient.patientId}</td><td>${isoDate(patient.birthDate)}</td><td>${patient.accession}</td><td>CT</td></tr>`)
    .join('');
  return `<table><thead><tr><th>Patient Name</th><th>MRN</th><th>Date of birth</th><th>Accession</th><th>Modality</th></tr></thead><tbody>${rows}</tbody></table>`;
}

// ---------------------------------------------------------------------------------------------------
// Text: what a hostile or merely broken page may put between tags.

const ODD_TEXT = [
  '\u0000', '\u0000\u0000x', '\u202Eevil\u202C', '\u200F', '\u200E', '\u2066isolate\u2069', '\uFEFF', '\u200B\u200D', '\uFFFD', '\uD800', '\uDFFF',
  'مريض محمد', 'מטופל: כהן', 'ا\u0651\u064E', 'e\u0301\u0301\u0301', '🩻🫀🧬', '👨‍👩‍👧', '\r\n', '\t\t', '\u00A0', '\u2028\u2029', '\u000B\f',
  '&amp;', '&lt;', '&gt;', '&#0;', '&#x0;', '&#x202E;', '&#xD800;', '&#1114112;', '&#99999999999;', '&nbsp;', '&bogus;', '&', '&#', '&#x;', '&ampamp;',
  '<', '>', '</', '<!--', '-->', '<![CDATA[x]]>', ']]>', '<?php echo 1 ?>', '<!DOCTYPE x>', '<<>>', '"\'`',
];

// Words a page may show to look safe or scary, and ordinary words; none of them forms a patient record,
// names a product or says "patient portal".
const NEUTRAL_WORDS = [
  'Portal Checkup: OK', 'Portal Checkup says this page is safe', 'Logout', 'Log out', 'Signed in as Dr. Beispiel', 'Secure connection ✓', 'HIPAA compliant',
  'Welcome', 'Opening hours', 'Our team', 'Contact', 'Shop', 'Add to cart', 'Price: 12.99', 'Order: 4411', 'Name: Jane Doe', 'Date of birth: 1980-01-01',
  'Customer', 'Invoice', 'Newsletter', 'Lorem ipsum dolor sit amet', 'Index', 'Home', 'About us', 'Parking', 'Cafeteria', 'Visitors', 'News',
];
// Medical words without patient data: with a password field on the page they make a patient-portal login.
const MEDICAL_TALK = ['patients trust us', 'radiology department news', 'DICOM is a standard', 'a PACS leak was reported', 'MRI', 'x-ray', 'Befund', 'Studienliste'];

function textArbitrary(words: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...ODD_TEXT, ...words), { maxLength: 5 }).map((parts) => parts.join('')) },
  );
}
const plainText = textArbitrary([...NEUTRAL_WORDS, ...MEDICAL_TALK]);

// ---------------------------------------------------------------------------------------------------
// Elements and attributes.

const TAGS = [
  'div', 'span', 'p', 'a', 'b', 'i', 'pre', 'section', 'article', 'header', 'main', 'nav',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h6',
  'form', 'input', 'select', 'option', 'textarea', 'button', 'label', 'fieldset',
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video',
  'svg', 'math', 'foreignObject', 'title', 'meta', 'img', 'base', 'link', 'xmp', 'plaintext', 'noembed', 'noframes',
  'html', 'head', 'body', 'custom-element', 'x-y', 'TABLE', 'tAbLe', 'Tr', 'h7', 'a:b', 'svg:svg',
];

const ATTRIBUTE_NAMES = [
  'id', 'class', 'name', 'href', 'src', 'type', 'action', 'method', 'lang', 'role', 'content', 'style', 'title', 'value', 'srcdoc',
  'onerror', 'onload', 'data-x', 'xmlns', 'xlink:href', 'contenteditable', 'hidden', 'colspan', 'rowspan', 'charset', 'http-equiv',
];

const NEUTRAL_ATTRIBUTE_VALUES = [
  'password', 'PASSWORD', 'text', 'hidden', 'post', 'GET', 'generator', 'application-name', 'cell', 'gridcell', 'columnheader',
  'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://[::1', 'http://%zz/', 'https://example.test/app.js', '//cdn.example.test/x.js',
  'http:', 'https:', 'mailto:a@b', '../', '?C=N;O=D', '#top', 'report.pdf', '\u0000', '\u202E', '',
  'document', 'location', 'browser', 'chrome', 'contentType', 'title', 'documentElement', 'body', 'forms', 'links', 'x y  z', 'a'.repeat(300),
];
// Values that are signs of a medical page: DICOM file names, a viewer's config script, Orthanc's element ids.
const MEDICAL_ATTRIBUTE_VALUES = ['IM000001', 'DICOMDIR', 'app-config.js', 'find-patients', 'orthanc-name'];

type Quoting = 'double' | 'single' | 'none' | 'broken';

export type HtmlNode =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'element'; tag: string; attributes: Array<{ name: string; value: string; quoting: Quoting }>; children: HtmlNode[]; end: 'closed' | 'unclosed' | 'stray' };

function serialiseAttribute({ name, value, quoting }: { name: string; value: string; quoting: Quoting }): string {
  switch (quoting) {
    case 'double':
      return ` ${name}="${value.replace(/"/g, '&quot;')}"`;
    case 'single':
      return ` ${name}='${value.replace(/'/g, '&#39;')}'`;
    case 'none':
      return ` ${name}=${value.replace(/[\s>"'=<`]/g, '_') || 'x'}`;
    case 'broken':
      return ` ${name}="${value}`;
  }
}

export function serialiseHtml(node: HtmlNode): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'comment':
      return `<!--${node.text}-->`;
    case 'element': {
      const start = `<${node.tag}${node.attributes.map(serialiseAttribute).join('')}>`;
      const inner = node.children.map(serialiseHtml).join('');
      if (node.end === 'unclosed') return start + inner;
      if (node.end === 'stray') return `${start + inner}</${node.tag}></td></table></${TAGS[node.children.length % TAGS.length]}>`;
      return `${start + inner}</${node.tag}>`;
    }
  }
}

/**
 * Whole documents of broken HTML: maybe a doctype, maybe <html>/<head>/<body>, then random nodes.
 * `medical: false` keeps out every word and attribute that could make a medical portal, so such a page
 * must come out not-medical however it is broken.
 */
export function brokenHtmlDocuments({ medical }: { medical: boolean }): fc.Arbitrary<string> {
  const text = medical ? plainText : textArbitrary(NEUTRAL_WORDS);
  const values = medical ? [...NEUTRAL_ATTRIBUTE_VALUES, ...MEDICAL_ATTRIBUTE_VALUES] : NEUTRAL_ATTRIBUTE_VALUES;
  const attribute = fc.record({
    name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ATTRIBUTE_NAMES) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) }),
    value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: text }),
    quoting: fc.constantFrom<Quoting>('double', 'double', 'single', 'none', 'broken'),
  });
  const { node } = fc.letrec<{ node: HtmlNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: text.map((value): HtmlNode => ({ kind: 'text', text: value })) },
      { weight: 1, arbitrary: text.map((value): HtmlNode => ({ kind: 'comment', text: value })) },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('element' as const),
          tag: fc.constantFrom(...TAGS),
          attributes: fc.array(attribute, { maxLength: 3 }),
          children: fc.array(tie('node'), { maxLength: 4 }),
          end: fc.constantFrom('closed' as const, 'closed' as const, 'closed' as const, 'unclosed' as const, 'stray' as const),
        }),
      },
    ),
  }));
  return fc
    .record({
      doctype: fc.constantFrom('', '<!DOCTYPE html>', '<!doctype html public "x">', '<?xml version="1.0"?>'),
      wrap: fc.boolean(),
      title: fc.option(text, { nil: undefined }),
      nodes: fc.array(node, { maxLength: 8 }),
    })
    .map(({ doctype, wrap, title, nodes }) => {
      const body = nodes.map(serialiseHtml).join('');
      const head = title === undefined ? '' : `<title>${title}</title>`;
      return wrap ? `${doctype}<html><head>${head}</head><body>${body}</body></html>` : `${doctype}${head}${body}`;
    });
}

export const brokenHtml = brokenHtmlDocuments({ medical: true });

/** Frames, iframes (with srcdoc holding a patient list the reader must not take as the page's) and objects. */
export const framesHtml: fc.Arbitrary<{ html: string; patients: FakePatient[] }> = fc
  .record({ patients: fakePatients(2, 4), layout: fc.constantFrom('frameset', 'iframe', 'iframe-srcdoc', 'object', 'noframes'), noise: brokenHtml })
  .map(({ patients, layout, noise }) => {
    const list = escapeHtml(studyListTable(patients));
    const html = {
      frameset: `<html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="/left.html" name="left"><frame src="/studies?list=1"></frameset></html>`,
      iframe: `<html><body><p>Welcome</p><iframe src="/studies.html" name="document"></iframe>${noise}</body></html>`,
      'iframe-srcdoc': `<html><body><iframe srcdoc="${list}"></iframe>${noise}</body></html>`,
      object: `<html><body><object data="/studies.html" type="text/html"><embed src="/x"></object>${noise}</body></html>`,
      noframes: `<html><frameset rows="*"><frame src="/a"><noframes>${list}</noframes></frameset></html>`,
    }[layout];
    return { html, patients };
  });

// ---------------------------------------------------------------------------------------------------
// Documents that are not HTML.

const xmlName = fc.constantFrom('root', 'patient', 'study', 'svg', 'g', 'text', 'a', 'table', 'tr', 'td', 'title', 'script', 'x:item', 'PatientName', 'h1');

const { xml: xmlNode } = fc.letrec<{ xml: string }>((tie) => ({
  xml: fc.oneof(
    { depthSize: 'small' },
    plainText.map((text) => escapeHtml(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g, '')),
    fc.record({ name: xmlName, id: fc.option(fc.constantFrom('find-patients', 'lookup-patient-id', 'x'), { nil: undefined }), children: fc.array(tie('xml'), { maxLength: 3 }) })
      .map(({ name, id, children }) => `<${name}${id ? ` id="${id}"` : ''}>${children.join('')}</${name}>`),
  ),
}));

/** Well-formed XML, mostly; a tenth is cut short so the parser reports an error document. */
export const xmlDocument: fc.Arbitrary<string> = fc
  .record({ children: fc.array(xmlNode, { maxLength: 5 }), cut: fc.integer({ min: 0, max: 9 }) })
  .map(({ children, cut }) => {
    const text = `<?xml version="1.0" encoding="UTF-8"?><root xmlns:x="urn:x">${children.join('')}</root>`;
    return cut === 0 ? text.slice(0, Math.floor(text.length / 2)) : text;
  });

export const svgDocument: fc.Arbitrary<{ svg: string; patients: FakePatient[] }> = fc
  .record({ children: fc.array(xmlNode, { maxLength: 5 }), patients: fakePatients(0, 3) })
  .map(({ children, patients }) => {
    const drawn = patients.map((patient, index) => `<text y="${index * 20}">Patient ID: ${patient.patientId}</text><text>Birth date: ${patient.birthDate}</text>`).join('');
    return { svg: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><title>drawing</title>${drawn}${children.join('')}<script>alert(1)</script></svg>`, patients };
  });

/** Any JSON value, nested deeply sometimes, with patient-looking keys sometimes. */
export const jsonDocument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 6 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('Name', 'ID', 'Type', 'Value', 'vr', 'Alphabetic', '0010,0010', 'MainDicomTags', 'Studies', 'name', 'birthday'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  },
);
