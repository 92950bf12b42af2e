// What Portal Checkup shows inside a page, decided as pure code: the background decides with it (it has
// the report, the settings and the sites where the patient hid the bar), and the unit tests run it alone.

import { isLocale } from './locale';
import type { PageWarningMessage, PageWarningTexts } from './messages';
import { isFindingId, type Finding, type FindingId, type Report, type Severity, type Verdict } from './report';
import type { WarningBarSetting } from './settings-schema';

export type BarVerdict = Extract<Verdict, 'danger' | 'warning'>;

export interface PageWarning {
  /** The warning bar: its verdict and the one finding its sentence is about. null: no bar (a shown one goes). */
  bar: { verdict: BarVerdict; finding: FindingId } | null;
  /** The note above password fields: a medical page over http: asks for a password. */
  passwordNote: boolean;
}

export const NO_PAGE_WARNING: PageWarning = { bar: null, passwordNote: false };

/**
 * The bar says one sentence, about the first of these the report has: what made the page dangerous
 * (open to anyone, an open file list, patient data sent unencrypted: plain-http with high severity),
 * then a share link that is the only key, the viewer's own insecure-setup warning, the password sent
 * unencrypted, then the rest. (known-viewer is high only when the product's own insecure-setup banner shows.)
 */
export const BAR_SENTENCE_ORDER: ReadonlyArray<{ id: FindingId; severity?: Severity }> = [
  { id: 'no-login' },
  { id: 'directory-listing' },
  { id: 'plain-http', severity: 'high' },
  { id: 'link-is-key' },
  { id: 'known-viewer', severity: 'high' },
  { id: 'password-over-http' },
  { id: 'mixed-content' },
  { id: 'third-party-tracking' },
  { id: 'patient-data-in-url' },
  { id: 'plain-http' },
  { id: 'many-patients' },
];

function sentenceFinding(findings: readonly Finding[]): FindingId | undefined {
  const first = BAR_SENTENCE_ORDER.find(({ id, severity }) => findings.some((finding) => finding.id === id && (!severity || finding.severity === severity)));
  return first?.id;
}

/** storage.local key of the sites ("hide on this site"): origins only, never a path or page content. */
export const HIDDEN_SITES_KEY = 'hiddenWarningOrigins';
/** The oldest are forgotten beyond this, so the list cannot grow without end. */
export const HIDDEN_SITES_LIMIT = 500;

export function decidePageWarning(report: Report, setting: WarningBarSetting, hiddenSites: readonly string[]): PageWarning {
  if (setting === 'off' || hiddenSites.includes(report.pageOrigin)) return NO_PAGE_WARNING;
  const ids = report.findings.map((finding) => finding.id);
  const barWanted = report.verdict === 'danger' || (report.verdict === 'warning' && setting === 'danger-and-warning');
  const finding = sentenceFinding(report.findings);
  return {
    bar: barWanted && finding ? { verdict: report.verdict as BarVerdict, finding } : null,
    passwordNote: ids.includes('password-over-http') && report.pageOrigin.startsWith('http:'),
  };
}

const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** The stored list, validated: anything that is not an http(s) origin is dropped. */
export function parseHiddenSites(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((site): site is string => typeof site === 'string' && ORIGIN.test(site)).slice(-HIDDEN_SITES_LIMIT);
}

/** The list with this origin added as the newest. */
export function withHiddenSite(sites: readonly string[], origin: string): string[] {
  if (!ORIGIN.test(origin)) return [...sites];
  return [...sites.filter((site) => site !== origin), origin].slice(-HIDDEN_SITES_LIMIT);
}

// The background's answer, checked where it is used (the bar's code), like every message.
const TEXT_FIELDS = ['label', 'sentence', 'explain', 'hideOnSite', 'close', 'passwordNote'] as const satisfies ReadonlyArray<keyof PageWarningTexts>;

function isPageWarningTexts(value: unknown): value is PageWarningTexts {
  if (!value || typeof value !== 'object') return false;
  const texts = value as Record<string, unknown>;
  return isLocale(texts.locale) && TEXT_FIELDS.every((field) => typeof texts[field] === 'string');
}

export function isPageWarningMessage(message: unknown): message is PageWarningMessage {
  if (!message || typeof message !== 'object') return false;
  const candidate = message as Record<string, unknown>;
  const bar = candidate.bar as Record<string, unknown> | null | undefined;
  return (
    candidate.type === 'page-warning' &&
    typeof candidate.passwordNote === 'boolean' &&
    (bar === null || (typeof bar === 'object' && (bar.verdict === 'danger' || bar.verdict === 'warning') && isFindingId(bar.finding))) &&
    (candidate.texts === null || isPageWarningTexts(candidate.texts))
  );
}
