// The extension's one network step. To tell an open archive from a portal behind a login, it repeats
// the request that brought the patient data — the page itself, else the page's own data requests —
// and looks at what comes back to someone with no login at all.
//
// Limits, all enforced here:
//  - same origin as the page only; GET only; no cookies and no HTTP auth (credentials: 'omit');
//  - redirects are not followed (redirect: 'manual'), so it never reaches another host;
//  - at most RECHECK_LIMITS.requestsPerPageLoad requests per page load, each URL once;
//  - each answer is cut off after RECHECK_LIMITS.timeoutMs and RECHECK_LIMITS.maxBytes;
//  - the answer is read here, reduced to a count of patient records, and thrown away.
// The caller runs it only for medical portals that show patient data (warrantsRecheck).

import { findPatientRecords } from '../patient-data/patient-records';
import { readPage } from '../snapshot/read-page';
import { emptySnapshot, type RecheckOutcome } from '../snapshot/snapshot';

export const RECHECK_LIMITS = {
  timeoutMs: 5_000,
  maxBytes: 2_000_000,
  requestsPerPageLoad: 4,
  dataRequestsPerPass: 3,
} as const;

type Fetched = { kind: 'answer'; status: number; contentType: string; body: string } | Exclude<RecheckOutcome, { kind: 'patient-data' | 'no-patient-data' }>;

function authScheme(header: string | null): 'basic' | 'digest' | 'other' | null {
  if (!header) return null;
  if (/^\s*basic/i.test(header)) return 'basic';
  if (/^\s*digest/i.test(header)) return 'digest';
  return 'other';
}

async function readBounded(response: Response, controller: AbortController): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > RECHECK_LIMITS.maxBytes) {
    controller.abort();
    return null;
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > RECHECK_LIMITS.maxBytes) {
      controller.abort();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

async function fetchWithoutCredentials(url: string): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), RECHECK_LIMITS.timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'GET',
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { kind: 'could-not-verify', reason: 'redirect' };
    }
    if (response.status === 401 || response.status === 403 || response.status === 407) {
      controller.abort();
      return { kind: 'login-required', status: response.status, scheme: authScheme(response.headers.get('www-authenticate')) };
    }
    const body = await readBounded(response, controller);
    if (body === null) return { kind: 'could-not-verify', reason: 'too-large' };
    return { kind: 'answer', status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  } catch {
    return { kind: 'could-not-verify', reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}

function countPatientRecords(url: string, contentType: string, body: string): number {
  const trimmed = body.trimStart();
  if (/json/i.test(contentType) || trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const snapshot = emptySnapshot(url);
    try {
      snapshot.json = JSON.parse(body) as unknown;
    } catch {
      return 0;
    }
    return findPatientRecords(snapshot).length;
  }
  // DOMParser builds an inert document: no scripts run, nothing is loaded.
  const doc = new DOMParser().parseFromString(body, 'text/html');
  return findPatientRecords(readPage(doc, url)).length;
}

function sameOrigin(url: string, pageUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(pageUrl).origin;
  } catch {
    return false;
  }
}

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * Recent same-origin XHR/fetch URLs of the page, newest first: where viewers load their patient lists.
 * Resource timing does not say which method a request used; a list the page loaded with POST is asked
 * for with GET here, which such endpoints refuse, so the re-check then finds no data (never a false alarm).
 */
export function recentDataRequests(pageUrl: string): string[] {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const urls: string[] = [];
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]!;
    if ((entry.initiatorType === 'xmlhttprequest' || entry.initiatorType === 'fetch') && sameOrigin(entry.name, pageUrl)) {
      const url = withoutFragment(entry.name);
      if (!urls.includes(url)) urls.push(url);
    }
  }
  return urls;
}

/** One per page load: remembers which URLs were already asked, and what was found. */
export class NoLoginRecheck {
  private readonly requested = new Set<string>();
  private outcome: RecheckOutcome | null = null;

  async run(pageUrl: string, dataRequestUrls: readonly string[]): Promise<RecheckOutcome | null> {
    if (this.outcome?.kind === 'patient-data' || this.outcome?.kind === 'login-required') return this.outcome;
    const candidates: Array<{ url: string; source: 'page' | 'data-request' }> = [
      { url: withoutFragment(pageUrl), source: 'page' },
      ...dataRequestUrls.slice(0, RECHECK_LIMITS.dataRequestsPerPass).map((url) => ({ url, source: 'data-request' as const })),
    ];
    for (const { url, source } of candidates) {
      if (this.requested.has(url) || !sameOrigin(url, pageUrl)) continue;
      if (this.requested.size >= RECHECK_LIMITS.requestsPerPageLoad) break;
      this.requested.add(url);
      const fetched = await fetchWithoutCredentials(url);
      if (fetched.kind !== 'answer') {
        // A login challenge (401/403/407, from the page or a data request) settles it: an anonymous
        // visitor gets no data. A failure leaves "could not verify" unless a later answer says more.
        if (fetched.kind === 'login-required' || this.outcome === null) this.outcome = fetched;
        if (fetched.kind === 'login-required') break;
        continue;
      }
      const records = countPatientRecords(url, fetched.contentType, fetched.body);
      if (records > 0) {
        this.outcome = { kind: 'patient-data', url: source, records };
        break;
      }
      if (this.outcome === null || this.outcome.kind === 'could-not-verify') this.outcome = { kind: 'no-patient-data', status: fetched.status };
    }
    return this.outcome;
  }
}
