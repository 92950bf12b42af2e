// The organisation's policy (storage.managed), read so that a browser that has not loaded its policies yet
// holds nothing up and does not make the extension forget the policy.
//
// Chromium answers storage.managed only a while after it starts, then in 0 to 4 ms (Chromium 156, measured:
// 2.4 to 6.6 s after a first start with a new profile; after a restart, from about 1 s to more than the
// STORAGE_WAIT_MS a page waits). A medical page opened in those seconds (a link in an e-mail that starts the
// browser, a restored session) waited up to 2 s for its first check, and went on without the policy when
// the wait ran out: in a new profile, an organisation's "automaticChecking": false was ignored on a page
// opened at once (3 of 3 starts in one run, 1 of 3 in another). So the extension keeps a copy of the policy
// it last read in storage.local (kept across restarts, on this computer only) and uses it while the
// browser does not answer: a study list opened at once after a restart got its report after 0.85 s
// instead of 2.17 s (medians of 4), under the last policy. The browser's answer, when it comes, wins and
// replaces the copy; the background treats a replaced copy like a changed policy (background.ts).
// A new profile has no copy yet: there the first pages wait STORAGE_WAIT_MS and go on without the policy;
// when the answer comes, the background asks the open tabs to report again, so a listed portal among them
// is checked then.

import { boundedRead } from './bounded-read';
import { browser } from './extension-api';

/** storage.local key of the copy: the policy exactly as storage.managed gave it (no page content). */
export const POLICY_COPY_KEY = 'organisationPolicyCopy';

// After the browser has loaded its policies it answers within a few milliseconds; a busy page can delay
// the answer's delivery a little. Longer than this, and the copy is used.
export const ANSWER_AT_ONCE_MS = 250;

export interface PolicyAreas {
  /** storage.managed.get(null); may reject (Firefox without a policy) or never settle. */
  managed(): Promise<Record<string, unknown>>;
  /** The copy, or undefined when there is none (no policy was ever read on this computer). */
  copy(): Promise<Record<string, unknown> | undefined>;
  /** Keeps the browser's answer as the new copy (extension pages only: web pages only read). */
  keepCopy?(policy: Record<string, unknown>): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The policy: the browser's answer if it comes at once, else the copy, else the answer within STORAGE_WAIT_MS (else none). */
export async function readManagedPolicy(areas: PolicyAreas): Promise<Record<string, unknown>> {
  // A rejection is an answer: no policy (Firefox without policies.json rejects at once).
  const answer = areas.managed().then(
    (values) => (isRecord(values) ? values : {}),
    () => ({}),
  );
  if (areas.keepCopy) {
    const keep = areas.keepCopy;
    void answer.then((policy) => keep(policy)).catch(() => undefined);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), ANSWER_AT_ONCE_MS)));
  const atOnce = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (atOnce) return atOnce;
  const copy = await areas.copy().catch(() => undefined);
  if (isRecord(copy)) return copy;
  return boundedRead(() => answer);
}

// The policy this context last found equal to the copy (or wrote), in key order: the background reads the
// policy on every tab's "complete" and every report, and the copy needs reading only when the policy differs.
let lastKept: string | undefined;

/** The browser's storage areas. Only extension pages and the background keep the copy: web pages only read it. */
export function browserPolicyAreas({ keepCopy }: { keepCopy: boolean }): PolicyAreas {
  const storedCopy = (): Promise<Record<string, unknown>> => browser.storage.local.get(POLICY_COPY_KEY);
  return {
    managed: () => browser.storage.managed.get(null),
    copy: async () => policyCopyFrom(await storedCopy()),
    ...(keepCopy && {
      async keepCopy(policy: Record<string, unknown>) {
        const kept = inKeyOrder(policy);
        if (kept === lastKept) return;
        if (copyIsStale(await storedCopy(), policy)) await browser.storage.local.set({ [POLICY_COPY_KEY]: policy });
        lastKept = kept;
      },
    }),
  };
}

/** The copy from what storage.local.get(POLICY_COPY_KEY) returned. */
export function policyCopyFrom(stored: Record<string, unknown>): Record<string, unknown> | undefined {
  const copy = stored[POLICY_COPY_KEY];
  return isRecord(copy) ? copy : undefined;
}

/** Whether the stored copy must be replaced by the browser's answer (it differs, or there is none). */
export function copyIsStale(stored: Record<string, unknown>, answer: Record<string, unknown>): boolean {
  const copy = policyCopyFrom(stored);
  return copy === undefined || inKeyOrder(copy) !== inKeyOrder(answer);
}

// The same policy must compare equal whatever order a browser lists its keys in: a replaced copy makes the
// background read the policy again, so an order that differed from read to read would never settle.
function inKeyOrder(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inKeyOrder).join(',')}]`;
  if (!isRecord(value)) return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${inKeyOrder(value[key])}`)
    .join(',')}}`;
}
