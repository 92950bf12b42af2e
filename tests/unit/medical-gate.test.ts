// The gate's medical hints are searched word by word (medical-gate.ts), not with one pattern, because
// compiling that pattern on every page was most of what the gate cost (issue 15). The pattern below is
// the one it replaced, kept here as the reference: the gate must still let through every text the
// pattern matched (it may let through a little more; it may never miss one).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headMayBeMedical, mayBeMedicalPortal, textMayBeMedical } from '../../src/analysis/medical-gate.js';
import { pageHead, quickLook, startOfText } from '../../src/snapshot/quick-look.js';
import { loadDocument } from './fixture-page.js';

const REFERENCE_HINTS = new RegExp(
  [
    'patient', 'dicom', 'pacs', 'radiolog', 'x-?ray', 'r[öo]ntgen', '\\bmrt?\\b', '\\bmri\\b', '\\birm\\b', 'imagerie', 'imaging', 'mammogra',
    '\\bstud(y|ies|ie|ien)\\b', '[ée]tudes?\\b', 'examens?\\b', 'untersuchung', 'befund', 'compte[- ]rendu', 'worklist', 'accession', 'zugangsnummer',
    'eingangsnummer', '\\bmrn\\b', 'geburtsdatum', 'date de naissance', 'birth ?date', 'date of birth', '\\bdob\\b', 'modalit', 'orthanc', 'ohif',
    'dcm4che', 'conquest', 'horos', 'osirix', 'weasis', 'viewer', 'my ?chart',
    '\\.dcm\\b', 'dicomdir', '\\bim_?\\d{4,}', '\\b\\d+(\\.\\d+){4,}',
    'index of /', 'directory listing', 'parent directory', 'listing directory', 'directory: /',
  ].join('|'),
  'i',
);
const REFERENCE_NAME = /\p{Lu}{2,}\^\p{Lu}/iu;
const referenceHint = (text: string): boolean => REFERENCE_HINTS.test(text) || REFERENCE_NAME.test(text);

const inText = (text: string): boolean => mayBeMedicalPortal({ url: 'https://example.org/', title: 'Welcome', contentType: 'text/html', text, textNodes: 1 });

// Pieces of the hints, of words around them, and the characters at their edges, in any case.
const piece = fc.constantFrom(
  'patient', 'Dicom', 'PACS', 'radiologie', 'x-ray', 'X ray', 'Röntgen', 'RONTGEN', 'mr', 'MRT', 'mri', 'irm', 'mrs', 'smr', 'Imagerie', 'imaging',
  'study', 'Studies', 'studie', 'studien', 'student', 'étude', 'Etudes', 'études', 'examen', 'EXAMENS', 'Befund', 'compte-rendu', 'compte rendu',
  'worklist', 'accession', 'Zugangsnummer', 'geburtsdatum', 'date de naissance', 'birthdate', 'birth date', 'dob', 'adobe', 'modality', 'Orthanc',
  'ohif', 'dcm4chee', 'conquest', 'horos', 'osirix', 'weasis', 'viewer', 'mychart', 'My Chart', '.dcm', '.dcmx', 'dicomdir', 'IM', 'im_', 'IM000123',
  'him', '1234', '12', '1.2', '.840', '.10008', '.1', 'index of /', 'Index Of /', 'directory listing', 'parent directory', 'directory: /',
  'DOE^JANE', 'MÜLLER^HANS', '^', 'a', 'é', '_', '-', '.', ' ', '/', '\n', '0', 'İ', '\u212a', 'ß', 'city', 'council', 'news',
);
const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

describe('the gate\'s medical hints', () => {
  it('let through every text the pattern they replaced matched', () => {
    fc.assert(
      fc.property(text, (sample) => {
        if (referenceHint(sample)) expect(inText(sample), sample).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('let through each kind of hint and stop ordinary text', () => {
    for (const hint of ['Patient list', 'MRI of the knee', 'Ihre Röntgenbilder', 'Compte rendu', 'IM000123', 'im_0001', '1.2.840.10008.5.1', 'Index of /studies/', 'DOE^JANE', 'Study']) {
      expect(inText(`The city council met. ${hint} and more.`), hint).toBe(true);
    }
    for (const plain of ['The city council met on Tuesday', 'Mrs Adobe studied 1.2.3.4 images', 'student studio imagine 123']) expect(inText(plain), plain).toBe(false);
  });
});

describe('the quick look the gate decides on', () => {
  const lookAt = (body: string) => quickLook(loadDocument(`<!doctype html><html><head><title>Page</title></head><body>${body}</body></html>`, 'https://example.org/'), 'https://example.org/');

  it('leaves out scripts, styles and <noscript>, long or short, and keeps the words around them', () => {
    const look = lookAt(
      '<p>Before</p><script>var viewer = {patient: 1};</script><style>.patient{color:red}</style><noscript><img src="patient.png"></noscript>' +
        '<script type="application/json">["dicom"]</script><script>' + 'x'.repeat(100) + '</script><p>After (the end); a=b [c]</p>',
    );
    expect(look.text).toContain('Before');
    expect(look.text).toContain('After (the end); a=b [c]');
    expect(look.text).not.toMatch(/viewer|patient|dicom|xxx/);
    expect(mayBeMedicalPortal(look)).toBe(false);
  });

  it('the head alone (type, title, address) settles it for a portal that says so there; the text is read only otherwise', () => {
    const study = loadDocument('<!doctype html><html><head><title>Study list</title></head><body><p>Name</p></body></html>', 'https://example.org/');
    expect(headMayBeMedical(pageHead(study, 'https://example.org/'))).toBe(true);
    const plain = loadDocument('<!doctype html><html><head><title>Page</title></head><body><p>Patient list</p></body></html>', 'https://example.org/');
    expect(headMayBeMedical(pageHead(plain, 'https://example.org/'))).toBe(false);
    expect(textMayBeMedical(startOfText(plain).text)).toBe(true);
    expect(quickLook(plain, 'https://example.org/')).toEqual({ ...pageHead(plain, 'https://example.org/'), ...startOfText(plain) });
    expect(headMayBeMedical({ url: 'https://example.org/api', title: '', contentType: 'application/json' })).toBe(true);
  });

  it('finds a hint in the page text after many plain text nodes', () => {
    const look = lookAt(`${'<p>The city council met <a href="#">more</a></p>'.repeat(200)}<p>Patient list</p>`);
    expect(mayBeMedicalPortal(look)).toBe(true);
  });
});
