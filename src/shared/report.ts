// The report the background keeps per tab and the popup renders.
// Its JSON form is documented in docs/report-format.md; keep the two in step.

export const FINDING_IDS = [
  'no-login',
  'directory-listing',
  'plain-http',
  'password-over-http',
  'many-patients',
  'known-viewer',
  'third-party-tracking',
  'patient-data-in-url',
  'mixed-content',
  'link-is-key',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

/** `info` and `low` are shown, but never make a page a warning (docs/verdict-rules.md §4). */
export type Severity = 'high' | 'medium' | 'low' | 'info';

/**
 * A finding that comes in two kinds has its own texts for the second: known-viewer with
 * `insecure-setup` (the program's own warning is shown) uses finding_known_viewer_insecure_setup_*.
 */
export const FINDING_VARIANTS = ['insecure-setup'] as const;
export type FindingVariant = (typeof FINDING_VARIANTS)[number];

export type Verdict = 'danger' | 'warning' | 'ok' | 'not-medical';

/** How the extension knows: it verified by a request, counted, or recognised a pattern. */
export type Certainty = 'verified' | 'certain' | 'recognised';

export interface Finding {
  id: FindingId;
  severity: Severity;
  certainty: Certainty;
  /** Short, patient-data-free words for people who debug: counts, field names, the server type. */
  evidence: string;
  /** Only when the finding has a second kind of texts (see FINDING_VARIANTS). */
  variant?: FindingVariant;
  /**
   * Only when the finding comes from a frame inside the page (a portal that wraps a viewer in an iframe):
   * the frame's origin, scheme://host[:port], from the browser's record of the frame's address. Never a path.
   */
  frame?: string;
}

export interface Report {
  /** Format version; a report with another version is discarded. */
  version: 2;
  verdict: Verdict;
  findings: Finding[];
  /** Viewer or archive product the page looks like, if recognised: a name from src/analysis/products.ts. */
  product: string | null;
  /** The product's version, when the page itself shows it (digits, dots and a few letters only). */
  productVersion: string | null;
  /** scheme://host:port of the page, taken from the browser, not from the page. */
  pageOrigin: string;
  /** When the report was made (ms since 1970). */
  checkedAt: number;
  /** Time the page reading plus the checks took, in milliseconds. */
  analysisMs: number;
  /** What the no-login re-check found, if it ran: it ran only on medical portals showing patient data. */
  loginCheck: LoginCheck | null;
}

export type LoginCheck = 'patient-data' | 'no-patient-data' | 'login-required' | 'could-not-verify';
const LOGIN_CHECKS: readonly LoginCheck[] = ['patient-data', 'no-patient-data', 'login-required', 'could-not-verify'];

export function isFindingId(value: unknown): value is FindingId {
  return typeof value === 'string' && (FINDING_IDS as readonly string[]).includes(value);
}

const VERDICTS: readonly Verdict[] = ['danger', 'warning', 'ok', 'not-medical'];
const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];
const CERTAINTIES: readonly Certainty[] = ['verified', 'certain', 'recognised'];

/** scheme://host[:port] of an http(s) address, and nothing more. */
export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value;
  } catch {
    return false;
  }
}

function isFinding(value: unknown): value is Finding {
  if (!value || typeof value !== 'object') return false;
  const finding = value as Record<string, unknown>;
  return (
    isFindingId(finding.id) &&
    SEVERITIES.includes(finding.severity as Severity) &&
    CERTAINTIES.includes(finding.certainty as Certainty) &&
    typeof finding.evidence === 'string' &&
    (finding.variant === undefined || (FINDING_VARIANTS as readonly unknown[]).includes(finding.variant)) &&
    (finding.frame === undefined || isOrigin(finding.frame))
  );
}

/** A stored report, validated; anything else (old format, corrupted) is null: the popup then asks the page to be checked again. */
export function parseReport(value: unknown): Report | null {
  if (!value || typeof value !== 'object') return null;
  const report = value as Record<string, unknown>;
  if (
    report.version !== 2 ||
    !VERDICTS.includes(report.verdict as Verdict) ||
    !Array.isArray(report.findings) ||
    !report.findings.every(isFinding) ||
    !(report.product === null || typeof report.product === 'string') ||
    !(report.productVersion === null || typeof report.productVersion === 'string') ||
    typeof report.pageOrigin !== 'string' ||
    typeof report.checkedAt !== 'number' ||
    typeof report.analysisMs !== 'number' ||
    !(report.loginCheck === null || LOGIN_CHECKS.includes(report.loginCheck as LoginCheck))
  ) {
    return null;
  }
  return report as unknown as Report;
}

/** Danger and warning call for action: a letter to the clinic, where to complain. `ok` pages may still list
 *  information (the viewer's name) or minor points, which do not. */
export function callsForAction(report: Pick<Report, 'verdict'>): boolean {
  return report.verdict === 'danger' || report.verdict === 'warning';
}

export function reportKey(tabId: number): string {
  return `report:${tabId}`;
}

/** storage.session key of the tab's reports per frame, from which the tab's report is folded (background/tab-reports.ts). */
export function frameReportsKey(tabId: number): string {
  return `frames:${tabId}`;
}
