// The popup's first screen as pure code: the steps merged across findings, and the merged questions.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingTextId } from '../../src/pages/finding-keys.js';
import { clinicQuestions, firstSteps, MAX_QUESTIONS, MAX_STEPS, stepKey } from '../../src/pages/first-screen.js';
import { translate, type Catalogue } from '../../src/shared/locale.js';
import { FINDING_IDS, FINDING_VARIANTS, type Finding } from '../../src/shared/report.js';

const english = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../../extension/_locales/en/messages.json')), 'utf8')) as Catalogue;
const t = (key: Parameters<typeof translate>[1], substitutions?: string | string[]): string => translate([english], key, substitutions);

const finding = (id: Finding['id'], severity: Finding['severity'], variant?: Finding['variant']): Finding => ({
  id,
  severity,
  certainty: 'certain',
  evidence: '',
  ...(variant ? { variant } : {}),
});

// The open Orthanc Explorer patient list, in the order the report lists them.
const OPEN_ORTHANC = [finding('no-login', 'high'), finding('plain-http', 'high'), finding('many-patients', 'high'), finding('known-viewer', 'medium', 'insecure-setup')];

describe('firstSteps', () => {
  it('for open Orthanc: do not share the link, do not type private details, write to the clinic', () => {
    expect(firstSteps(OPEN_ORTHANC)).toEqual(['dont-share', 'no-private-details', 'write-clinic']);
  });

  it('keeps writing to the clinic as the last of at most three steps, however many findings there are', () => {
    const all = [...FINDING_IDS.map((id) => finding(id, 'high')), finding('known-viewer', 'medium', 'insecure-setup')];
    const steps = firstSteps(all);
    expect(steps).toHaveLength(MAX_STEPS);
    expect(steps.at(-1)).toBe('write-clinic');
    expect(steps).toEqual(['dont-share', 'no-password', 'write-clinic']);
  });

  it('gives no step for information alone, or for no finding', () => {
    expect(firstSteps([finding('known-viewer', 'info')])).toEqual([]);
    expect(firstSteps([])).toEqual([]);
  });

  it('has a step for every finding that is not information, each with its English text', () => {
    const texts = [...FINDING_IDS.filter((id) => id !== 'known-viewer').map((id) => finding(id, 'high')), ...FINDING_VARIANTS.map((variant) => finding('known-viewer', 'medium', variant))];
    for (const one of texts) {
      const steps = firstSteps([one]);
      expect(steps, findingTextId(one)).toContain('write-clinic');
      for (const step of steps) expect(english[stepKey(step)]?.message, step).toMatch(/\.$/);
    }
  });
});

describe('clinicQuestions', () => {
  const report = { findings: OPEN_ORTHANC, product: 'Orthanc Explorer', productVersion: null };

  it('asks at most five questions, each once, every finding\'s first question before any second one', () => {
    const questions = clinicQuestions({ t }, report);
    expect(questions).toHaveLength(MAX_QUESTIONS);
    expect(new Set(questions).size).toBe(questions.length);
    expect(questions.slice(0, 4)).toEqual([
      english.finding_no_login_question_1!.message,
      english.finding_plain_http_question_1!.message,
      english.finding_many_patients_question_1!.message,
      english.finding_known_viewer_insecure_setup_question_1!.message.replace('$PRODUCT$', 'Orthanc Explorer'),
    ]);
    expect(questions[4]).toBe(english.finding_no_login_question_2!.message);
  });

  it('puts the most serious finding first, and asks nothing for information', () => {
    const questions = clinicQuestions({ t }, { findings: [finding('known-viewer', 'info'), finding('mixed-content', 'medium'), finding('no-login', 'high')], product: null, productVersion: null });
    expect(questions[0]).toBe(english.finding_no_login_question_1!.message);
    expect(questions[1]).toBe(english.finding_mixed_content_question_1!.message);
    expect(questions.join(' ')).not.toContain(english.finding_known_viewer_question_1!.message);
  });
});
