// The extension's one network step. To tell an open archive from a portal behind a login, it repeats
// the request that brought the patient data — the page itself, else the page's own data requests —
// and looks at what comes back to someone with no login at all.
//
// Limits, all enforced here:
//  - same origin as the page only; GET only; no cookies and no HTTP auth (credentials: 'omit');
//  - a data request is repeated only if the page itself made it with GET (noted by the MAIN-world
//    note-request-methods.iife.ts; resource timing does not say the method), never one seen with another
//    method, and never one that brings images or files (WADO frames, /rendered, /thumbnail, .dcm, …);
//  - redirects are not followed (redirect: 'manual'), so it never reaches another host;
//  - at most RECHECK_LIMITS.requestsPerPageLoad requests per page load, each URL once;
//  - each answer is cut off after RECHECK_LIMITS.timeoutMs and RECHECK_LIMITS.maxBytes;
//  - the answer is read here, reduced to its kind and counts of patient records and patients, and
//    thrown away.
// The caller runs it only on pages that look medical (warrantsRecheck); the page itself is asked again
// only when it shows patient data, its data requests whenever the page looks medical (viewers load
// patient data as JSON that the visible page may never show).

import { findJsonPatientData } from '../patient-data/json-records';
import { countDistinctPatients, findPatientRecords } from '../patient-data/patient-records';
import { readRecordsInSlices } from '../snapshot/read-page';
import { parseHtmlInSlices } from '../snapshot/parse-in-slices';
import { giveThePageItsTurn } from '../snapshot/slices';
import type { RecheckOutcome } from '../snapshot/snapshot';
import { ANSWER_EVENT, ASK_EVENT, bringsFile, NOTED_REQUESTS, NOTED_URL_CHARS, type PageRequest } from './page-requests';

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

type PatientData = Pick<Extract<RecheckOutcome, { kind: 'patient-data' }>, 'answer' | 'records' | 'patients'>;

async function readAnswer(url: string, contentType: string, body: string): Promise<PatientData> {
  const trimmed = body.trimStart();
  if (/json/i.test(contentType) || trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return { answer: 'json', records: 0, patients: 0 };
    }
    const { kind, records, distinctPatients } = findJsonPatientData(parsed);
    return { answer: kind, records: records.length, patients: distinctPatients };
  }
  // An inert document, made and read in slices as the page itself is (full-check.ts): no scripts run in
  // it, nothing it names is loaded (parse-in-slices.ts). Only what records are found in is read.
  const answerDocument = await parseHtmlInSlices(body);
  await giveThePageItsTurn();
  const snapshot = await readRecordsInSlices(answerDocument, url);
  await giveThePageItsTurn();
  const records = findPatientRecords(snapshot);
  return { answer: 'html', records: records.length, patients: countDistinctPatients(records) };
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
 * The page's own fetch/XMLHttpRequest calls, oldest first, as the MAIN-world recorder noted them; empty
 * when it did not answer. The question and the answer are synchronous DOM events (page-requests.ts).
 */
export function requestsSeenByPage(): PageRequest[] {
  let answer: unknown = null;
  const listener = (event: Event): void => {
    answer = (event as CustomEvent<unknown>).detail;
  };
  addEventListener(ANSWER_EVENT, listener);
  try {
    dispatchEvent(new CustomEvent(ASK_EVENT));
  } finally {
    removeEventListener(ANSWER_EVENT, listener);
  }
  // The page can answer in the recorder's place: anything longer than the recorder's list could be is not read.
  if (typeof answer !== 'string' || answer.length > NOTED_REQUESTS * (NOTED_URL_CHARS + 16)) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(answer) as unknown;
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  return entries.slice(-NOTED_REQUESTS).flatMap((entry): PageRequest[] => {
    const match = typeof entry === 'string' ? /^([A-Z]+) (\S+)$/.exec(entry) : null;
    return match ? [{ method: match[1]!, url: match[2]! }] : [];
  });
}

// Where archives answer patient data as JSON: DICOMweb and Orthanc resources, FHIR resources.
const DATA_PATH = /\/(studies|series|instances|metadata|patients|tools\/find|patient|imagingstudy|fhir)(\/|$)/i;

/**
 * Which of the page's requests the re-check may repeat, best first: same origin, made by the page with
 * GET and never with another method, not an image or file; addresses of archive data (DICOMweb,
 * Orthanc, FHIR) before others, newer before older.
 */
export function chooseDataRequests(requests: readonly PageRequest[], pageUrl: string): string[] {
  // sameOrigin first: it also keeps out whatever does not parse as an address (the page can forge entries).
  const notGet = new Set(requests.filter((request) => request.method !== 'GET' && sameOrigin(request.url, pageUrl)).map((request) => withoutFragment(request.url)));
  const chosen: Array<{ url: string; data: boolean }> = [];
  for (let index = requests.length - 1; index >= 0; index--) {
    const request = requests[index]!;
    if (request.method !== 'GET' || !sameOrigin(request.url, pageUrl)) continue;
    const url = withoutFragment(request.url);
    const address = new URL(url);
    if (notGet.has(url) || bringsFile(address) || chosen.some((candidate) => candidate.url === url)) continue;
    chosen.push({ url, data: DATA_PATH.test(address.pathname) });
  }
  return [...chosen.filter((candidate) => candidate.data), ...chosen.filter((candidate) => !candidate.data)].map((candidate) => candidate.url);
}

/** One per page load: remembers which URLs were already asked, and what was found. */
export class NoLoginRecheck {
  private readonly requested = new Set<string>();
  private outcome: RecheckOutcome | null = null;

  /**
   * `askPage`: repeat the page request too (when the page itself shows patient data). Patient data that
   * came back for the page request speaks for the page only while it shows patient data (a single-page
   * app may have moved to another view, or the page hid its list); data from a data request stays.
   */
  async run(pageUrl: string, dataRequestUrls: readonly string[], askPage = true): Promise<RecheckOutcome | null> {
    if (this.outcome?.kind === 'patient-data') return this.outcome.url === 'page' && !askPage ? null : this.outcome;
    if (this.outcome?.kind === 'login-required') return this.outcome;
    const candidates: Array<{ url: string; source: 'page' | 'data-request' }> = [
      ...(askPage ? [{ url: withoutFragment(pageUrl), source: 'page' as const }] : []),
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
      const found = await readAnswer(url, fetched.contentType, fetched.body);
      if (found.records > 0) {
        this.outcome = { kind: 'patient-data', url: source, ...found };
        break;
      }
      if (this.outcome === null || this.outcome.kind === 'could-not-verify') this.outcome = { kind: 'no-patient-data', status: fetched.status };
    }
    return this.outcome;
  }
}
