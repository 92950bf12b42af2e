// The letter to the clinic, composed from a report with the real English texts.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLetter, letterAsText } from '../../src/letter/compose-letter.js';
import { translate, type Catalogue, type Translator } from '../../src/shared/locale.js';
import type { Report } from '../../src/shared/report.js';

const english = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../../extension/_locales/en/messages.json')), 'utf8')) as Catalogue;
const translator: Translator = { locale: 'en', t: (key, substitutions) => translate([english], key, substitutions) };

const report: Report = {
  version: 2,
  verdict: 'danger',
  findings: [
    { id: 'no-login', severity: 'high', certainty: 'verified', evidence: 'repeated the page request without cookies or passwords: 3 patient record(s) came back' },
    { id: 'plain-http', severity: 'high', certainty: 'certain', evidence: 'page address is http: and the page shows patient data' },
  ],
  product: 'Orthanc Explorer',
  productVersion: null,
  pageOrigin: 'http://203.0.113.5:8042',
  checkedAt: 0,
  analysisMs: 1,
  loginCheck: 'patient-data',
};

describe('composeLetter', () => {
  const letter = composeLetter(translator, report, '', new Date('2026-11-22T10:00:00Z'));

  it('names the portal by its origin and the date', () => {
    expect(letter.opening).toContain('http://203.0.113.5:8042');
    expect(letter.opening).toContain('November 22, 2026');
  });

  it('says what was observed, one sentence per finding', () => {
    expect(letter.observations).toEqual([english.letter_observed_no_login!.message, english.letter_observed_plain_http!.message]);
  });

  it('asks every question that fits the findings, each once', () => {
    expect(letter.questions).toContain(english.finding_no_login_question_1!.message);
    expect(letter.questions).toContain(english.finding_plain_http_question_3!.message);
    expect(new Set(letter.questions).size).toBe(letter.questions.length);
    expect(letter.questions.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves a placeholder for the name until the patient types it', () => {
    expect(letter.signature).toBe(english.letter_name_placeholder!.message);
    expect(composeLetter(translator, report, '  Erika Beispiel ', new Date()).signature).toBe('Erika Beispiel');
  });

  it('as plain text, carries no evidence strings and no product internals', () => {
    const text = letterAsText(letter);
    expect(text).not.toContain('record(s)');
    expect(text).not.toContain('evidence');
    expect(text.split('\n')[0]).toBe(english.letter_greeting!.message);
  });
});

describe('composeLetter with the newer findings', () => {
  const withViewer = (finding: Report['findings'][number]): Report => ({
    ...report,
    verdict: 'warning',
    findings: [finding],
    product: 'Orthanc',
    productVersion: '1.10.1',
  });

  it("names the program and its version in known-viewer's observation, and asks nothing for information", () => {
    const letter = composeLetter(translator, withViewer({ id: 'known-viewer', severity: 'info', certainty: 'recognised', evidence: '' }), '', new Date());
    expect(letter.observations).toEqual([english.letter_observed_known_viewer!.message.replace('$PRODUCT$', 'Orthanc 1.10.1')]);
    expect(letter.questions).toEqual([]);
  });

  it("uses the insecure-setup texts when the program showed its own warning", () => {
    const letter = composeLetter(
      translator,
      withViewer({ id: 'known-viewer', severity: 'high', certainty: 'certain', evidence: '', variant: 'insecure-setup' }),
      '',
      new Date(),
    );
    expect(letter.observations[0]).toContain('Orthanc 1.10.1');
    expect(letter.observations[0]).toContain('Insecure setup');
    expect(letter.questions).toContain(english.finding_known_viewer_insecure_setup_question_1!.message);
    expect(letterAsText(letter)).not.toMatch(/\$[A-Z]+\$|\$\d/);
  });
});
