// What a user pays: the renderer's script and task time on a page with an extension minus without it,
// measured by Chromium itself (DevTools Performance.getMetrics: ScriptDuration, TaskDuration).
//
// Each sample is a new tab (a new renderer for the page), its metrics read just before the navigation
// and again once the page has settled: after the load event, once no script has run and the main thread
// has been all but idle for QUIET_MS (longer than the extension's debounce and its one-pass-per-second
// limit, so its second pass and its network re-check are counted), at most MAX_SETTLE_MS. The generated pages run no script of their own, so every
// millisecond of ScriptDuration is an extension's. Browsers ("arms": with the extension, without, with the
// floor extension) take turns in ABBA order, so a slow moment of this shared machine falls on every arm alike.

import type { BrowserContext } from 'playwright-core';

export type Arm = 'with' | 'without' | 'floor';

export interface Sample {
  scriptMs: number;
  taskMs: number;
  loadMs: number;
  fcpMs: number;
}

export const QUIET_MS = 1_200;
export const MAX_SETTLE_MS = 5_000;
const POLL_MS = 100;
const BUSY_MS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function metrics(session: { send(method: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }): Promise<{ script: number; task: number }> {
  const { metrics: list } = await session.send('Performance.getMetrics');
  const value = (name: string): number => (list.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), task: value('TaskDuration') };
}

/** One page load in a new tab of `context`: the renderer's added script and task time, load and first paint. */
export async function sample(context: BrowserContext, url: string, quiet = QUIET_MS): Promise<Sample> {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const before = await metrics(session);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const loaded = Date.now();
    let after = await metrics(session);
    let quietSince = loaded;
    while (Date.now() - quietSince < quiet && Date.now() - loaded < MAX_SETTLE_MS) {
      await page.waitForTimeout(POLL_MS);
      const now = await metrics(session);
      // Busy: script ran, or the main thread worked (a long layout delays the extension's first pass).
      if (now.script !== after.script || now.task - after.task > BUSY_MS) quietSince = Date.now();
      after = now;
    }
    const times = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { load: navigation.loadEventEnd, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 };
    });
    return { scriptMs: after.script - before.script, taskMs: after.task - before.task, loadMs: times.load, fcpMs: times.fcp };
  } finally {
    await page.close();
  }
}

export interface AddedCostRow {
  kind: string;
  size: number;
  pairs: number;
  /** Medians per arm (ms). */
  medians: Partial<Record<Arm, Sample>>;
  /** median(with) − median(without), and the floor's median(floor) − median(without), in ms. */
  addedScriptMs: number;
  addedTaskMs: number;
  floorScriptMs: number | null;
  floorTaskMs: number | null;
}

/**
 * `rounds` turns of every arm on `url`, the order reversed every other turn (A B C, C B A, …); returns the
 * medians per arm and the differences to the arm without an extension.
 */
export async function measureAddedCost(contexts: Partial<Record<Arm, BrowserContext>>, url: string, rounds: number, label: { kind: string; size: number }): Promise<AddedCostRow> {
  const arms = (Object.keys(contexts) as Arm[]).filter((arm) => contexts[arm]);
  const samples: Partial<Record<Arm, Sample[]>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const arm of round % 2 ? [...arms].reverse() : arms) (samples[arm] ??= []).push(await sample(contexts[arm]!, url));
  }
  const medians: Partial<Record<Arm, Sample>> = {};
  for (const arm of arms) {
    const list = samples[arm]!;
    medians[arm] = {
      scriptMs: round(median(list.map((entry) => entry.scriptMs))),
      taskMs: round(median(list.map((entry) => entry.taskMs))),
      loadMs: round(median(list.map((entry) => entry.loadMs))),
      fcpMs: round(median(list.map((entry) => entry.fcpMs))),
    };
  }
  const base = medians.without!;
  const added = (arm: Arm, field: 'scriptMs' | 'taskMs'): number | null => (medians[arm] ? round(medians[arm]![field] - base[field]) : null);
  return {
    ...label,
    pairs: rounds,
    medians,
    addedScriptMs: added('with', 'scriptMs')!,
    addedTaskMs: added('with', 'taskMs')!,
    floorScriptMs: added('floor', 'scriptMs'),
    floorTaskMs: added('floor', 'taskMs'),
  };
}
