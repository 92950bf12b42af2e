// The organisation's policy while the browser has not loaded its policies yet (src/shared/managed-policy.ts):
// the browser's answer when it comes at once, else the copy kept from the last read, else the answer within
// the storage wait, else no policy. The real browser's slow start is tested in tests/browser/policy.test.ts.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_AT_ONCE_MS, copyIsStale, POLICY_COPY_KEY, policyCopyFrom, readManagedPolicy, type PolicyAreas } from '../../src/shared/managed-policy.js';

const POLICY = { automaticChecking: false, lockSettings: true, medicalPortals: ['https://portal.example'] };
const OLD_POLICY = { automaticChecking: true };

/** A storage.managed that answers after `answerMs` (never when null) with `policy`, or rejects. */
function areas(answerMs: number | null, copy: Record<string, unknown> | undefined, answer: Promise<Record<string, unknown>> | null = null) {
  const kept: Record<string, unknown>[] = [];
  const managed = (): Promise<Record<string, unknown>> =>
    answer ?? new Promise((done) => void (answerMs !== null && setTimeout(() => done(POLICY), answerMs)));
  const withCopy: PolicyAreas = { managed, copy: async () => copy, keepCopy: async (policy) => void kept.push(policy) };
  return { areas: withCopy, kept };
}

/** When (fake ms) the read settles, and with what. */
async function settle(read: Promise<Record<string, unknown>>): Promise<{ at: number; policy: Record<string, unknown> }> {
  const start = Date.now();
  let result: { at: number; policy: Record<string, unknown> } | null = null;
  void read.then((policy) => (result = { at: Date.now() - start, policy }));
  for (let step = 0; step < 100 && !result; step++) await vi.advanceTimersByTimeAsync(50);
  if (!result) throw new Error('the read never settled');
  return result;
}

describe('readManagedPolicy', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('takes the browser answer that comes at once, not the copy, and keeps it as the new copy', async () => {
    const { areas: policyAreas, kept } = areas(3, OLD_POLICY);
    const { at, policy } = await settle(readManagedPolicy(policyAreas));
    expect(policy).toEqual(POLICY);
    expect(at).toBeLessThanOrEqual(50);
    expect(kept).toEqual([POLICY]);
  });

  it('uses the copy when the browser does not answer at once, and keeps the late answer for next time', async () => {
    const { areas: policyAreas, kept } = areas(3_000, OLD_POLICY);
    const { at, policy } = await settle(readManagedPolicy(policyAreas));
    expect(policy).toEqual(OLD_POLICY);
    expect(at).toBeGreaterThanOrEqual(ANSWER_AT_ONCE_MS);
    expect(at).toBeLessThan(ANSWER_AT_ONCE_MS + 100);
    expect(kept).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(kept).toEqual([POLICY]);
  });

  it('without a copy, waits for a late answer (within the storage wait)', async () => {
    const { at, policy } = await settle(readManagedPolicy(areas(1_000, undefined).areas));
    expect(policy).toEqual(POLICY);
    expect(at).toBeGreaterThanOrEqual(1_000);
    expect(at).toBeLessThan(1_100);
  });

  it('without a copy and without an answer, goes on without a policy after the storage wait', async () => {
    const { at, policy } = await settle(readManagedPolicy(areas(null, undefined).areas));
    expect(policy).toEqual({});
    expect(at).toBeGreaterThanOrEqual(2_000);
    expect(at).toBeLessThan(2_500);
  });

  it('a rejection is an answer (no policy, as Firefox says without policies.json): not the copy, and kept', async () => {
    const { areas: policyAreas, kept } = areas(null, OLD_POLICY, Promise.reject(new Error('Managed storage manifest not found')));
    const { at, policy } = await settle(readManagedPolicy(policyAreas));
    expect(policy).toEqual({});
    expect(at).toBeLessThanOrEqual(50);
    expect(kept).toEqual([{}]);
  });

  it('a copy that is not an object counts as none; a copy that cannot be read too', async () => {
    expect(policyCopyFrom({ [POLICY_COPY_KEY]: ['automaticChecking'] })).toBeUndefined();
    expect(policyCopyFrom({ [POLICY_COPY_KEY]: 'off' })).toBeUndefined();
    expect(policyCopyFrom({})).toBeUndefined();
    const unreadable: PolicyAreas = { managed: () => new Promise(() => undefined), copy: () => Promise.reject(new Error('no storage')) };
    const { policy } = await settle(readManagedPolicy(unreadable));
    expect(policy).toEqual({});
  });
});

describe('copyIsStale', () => {
  it('the same policy in another key order is not stale; another policy, or none stored, is', () => {
    const stored = { [POLICY_COPY_KEY]: { medicalPortals: ['https://portal.example'], lockSettings: true, automaticChecking: false } };
    expect(copyIsStale(stored, POLICY)).toBe(false);
    expect(copyIsStale(stored, { ...POLICY, medicalPortals: ['https://other.example'] })).toBe(true);
    expect(copyIsStale(stored, {})).toBe(true);
    expect(copyIsStale({}, {})).toBe(true);
    expect(copyIsStale({ [POLICY_COPY_KEY]: {} }, {})).toBe(false);
  });
});
