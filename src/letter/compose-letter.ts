// The letter to the clinic, composed from a report: pure, so it is tested in Node.
// It holds the portal's origin only (a path or query could hold patient data), the date, what was
// observed, and the questions that fit; never any data from the page itself.

import { findingKey, findingTextId, productLabel } from '../pages/finding-keys';
import type { Translator } from '../shared/locale';
import type { Report } from '../shared/report';

export interface Letter {
  subject: string;
  greeting: string;
  opening: string;
  observations: string[];
  questionsIntro: string;
  questions: string[];
  closing: string;
  signoff: string;
  signature: string;
}

export function composeLetter({ t, locale }: Translator, report: Report, senderName: string, today: Date): Letter {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(today);
  const product = productLabel(report);
  // Each finding asks its own questions; the same question is asked once. Information (the viewer's
  // name) is an observation worth telling the clinic, but asks nothing.
  const asking = report.findings.filter((finding) => finding.severity !== 'info');
  const questions = [...new Set(asking.flatMap((finding) => [1, 2, 3].map((number) => t(findingKey('finding_', findingTextId(finding), `_question_${number}`), product))))];
  return {
    subject: t('letter_subject'),
    greeting: t('letter_greeting'),
    opening: t('letter_opening', [date, report.pageOrigin]),
    observations: report.findings.map((finding) => t(findingKey('letter_observed_', findingTextId(finding)), product)),
    questionsIntro: t('letter_questions_intro'),
    questions,
    closing: t('letter_closing'),
    signoff: t('letter_signoff'),
    signature: senderName.trim() || t('letter_name_placeholder'),
  };
}

export function letterAsText(letter: Letter): string {
  return [
    letter.greeting,
    '',
    letter.opening,
    ...letter.observations.map((line) => `- ${line}`),
    '',
    letter.questionsIntro,
    ...letter.questions.map((question, index) => `${index + 1}. ${question}`),
    '',
    letter.closing,
    '',
    letter.signoff,
    letter.signature,
  ].join('\n');
}
