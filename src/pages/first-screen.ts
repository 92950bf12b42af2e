// What the popup shows before any detail is opened: a few steps merged across the findings, and the
// questions for the clinic merged into one short list. Pure, so it is tested in Node.

import type { MessageKey, Translator } from '../shared/locale';
import type { Finding, Report, Severity } from '../shared/report';
import { findingKey, findingTextId, productLabel } from './finding-keys';

export type Step = 'dont-share' | 'no-password' | 'no-private-details' | 'no-public-wifi' | 'write-clinic';

/** The most important first: what stops the harm right now, then telling the clinic. */
const STEP_ORDER: readonly Step[] = ['dont-share', 'no-password', 'no-private-details', 'no-public-wifi', 'write-clinic'];

/** Each finding's steps, the short form of its "What you can do now" (by its text id: id, or id and variant). */
const STEPS_OF: Record<string, readonly Step[]> = {
  'no-login': ['dont-share', 'write-clinic'],
  'directory-listing': ['dont-share', 'write-clinic'],
  'plain-http': ['no-private-details', 'no-public-wifi', 'write-clinic'],
  'password-over-http': ['no-password', 'no-public-wifi', 'write-clinic'],
  'many-patients': ['dont-share', 'write-clinic'],
  'known-viewer': [],
  'known-viewer-insecure-setup': ['no-private-details', 'write-clinic'],
  'third-party-tracking': ['write-clinic'],
  'patient-data-in-url': ['dont-share', 'write-clinic'],
  'mixed-content': ['no-public-wifi', 'write-clinic'],
  'link-is-key': ['dont-share', 'write-clinic'],
};

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export const MAX_STEPS = 3;
export const MAX_QUESTIONS = 5;

export function stepKey(step: Step): MessageKey {
  return findingKey('popup_step_', step);
}

/**
 * At most three steps for all findings together, the most important first. Writing to the clinic, when a
 * finding asks for it, always stays in, as the last step (the button to write the letter comes next).
 */
export function firstSteps(findings: readonly Pick<Finding, 'id' | 'variant'>[]): Step[] {
  const wanted = new Set(findings.flatMap((finding) => STEPS_OF[findingTextId(finding)] ?? []));
  const write = wanted.has('write-clinic');
  const others = STEP_ORDER.filter((step) => step !== 'write-clinic' && wanted.has(step)).slice(0, write ? MAX_STEPS - 1 : MAX_STEPS);
  return write ? [...others, 'write-clinic'] : others;
}

/** Findings by how serious they are, the most serious first (the report's order among equals). */
export function byImportance<T extends Pick<Finding, 'severity'>>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/**
 * The questions to ask the clinic, each once, at most five: every finding's first question before any
 * second one, the most serious finding first. Information (the viewer's name) asks nothing.
 */
export function clinicQuestions({ t }: Pick<Translator, 't'>, report: Pick<Report, 'findings' | 'product' | 'productVersion'>): string[] {
  const product = productLabel(report);
  const asking = byImportance(report.findings.filter((finding) => finding.severity !== 'info'));
  const questions = [1, 2, 3].flatMap((number) => asking.map((finding) => t(findingKey('finding_', findingTextId(finding), `_question_${number}`), product)));
  return [...new Set(questions)].slice(0, MAX_QUESTIONS);
}
