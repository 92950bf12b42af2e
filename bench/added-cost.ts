// What a user pays: the renderer's script and task time on a page with an extension minus without it,
// measured by Chromium itself (DevTools Performance.getMetrics: ScriptDuration, TaskDuration).
//
// Each sample is a new tab (a new renderer for the page), its metrics read just before the navigation and
// again once the page has settled: SETTLE_MS after the load event and the layout that follows it (the
// DevTools command waits for the main thread), the same for every arm. That is long enough for the
// extension's first pass, its debounced second pass and its network re-check on a quiet machine. (Waiting
// for the script time to stop growing does not work: the extension waits for its service worker and the
// browser without running script.) The generated pages run no script of their own, so every millisecond of
// ScriptDuration is an extension's. Browsers ("arms": with the extension, without, with the floor
// extension) take turns in ABBA order, so a slow moment of this shared machine falls on every arm alike.

import type { BrowserContext } from 'playwright-core';

export type Arm = 'with' | 'without' | 'floor';

export interface Sample {
  scriptMs: number;
  taskMs: number;
  loadMs: number;
  fcpMs: number;
  /** More than LATE_SCRIPT_MS of script ran in the last LATE_MS of the wait: the sample may miss some of the extension's work. */
  late: boolean;
}

// 1.5 s: across two bench runs at 2.5 s, no sample ran more than 0.5 ms of script in its last 0.5 s; at
// 2 s the whole bench took 301.6 s (Chromium 156.0.8078.114), over its 5 minutes. Samples that still run
// script in their last 0.5 s are marked late in the table.
export const SETTLE_MS = 1_500;
const LATE_MS = 500;
const LATE_SCRIPT_MS = 0.5;

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
export async function sample(context: BrowserContext, url: string, settleMs = SETTLE_MS): Promise<Sample> {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const before = await metrics(session);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await metrics(session); // answers once the main thread is free: after the layout that follows load
    await page.waitForTimeout(settleMs - LATE_MS);
    const nearlySettled = await metrics(session);
    await page.waitForTimeout(LATE_MS);
    const after = await metrics(session);
    const times = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { load: navigation.loadEventEnd, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 };
    });
    return { scriptMs: after.script - before.script, taskMs: after.task - before.task, loadMs: times.load, fcpMs: times.fcp, late: after.script - nearlySettled.script > LATE_SCRIPT_MS };
  } finally {
    await page.close();
  }
}

export interface AddedCostRow {
  kind: string;
  size: number;
  pairs: number;
  /** Medians per arm (ms). */
  medians: Partial<Record<Arm, Omit<Sample, 'late'>>>;
  /** Samples per arm in which script still ran at the end of the wait. */
  late: Partial<Record<Arm, number>>;
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
export async function measureAddedCost(contexts: Partial<Record<Arm, BrowserContext>>, url: string, rounds: number, label: { kind: string; size: number }, settleMs = SETTLE_MS): Promise<AddedCostRow> {
  const arms = (Object.keys(contexts) as Arm[]).filter((arm) => contexts[arm]);
  const samples: Partial<Record<Arm, Sample[]>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const arm of round % 2 ? [...arms].reverse() : arms) (samples[arm] ??= []).push(await sample(contexts[arm]!, url, settleMs));
  }
  const medians: AddedCostRow['medians'] = {};
  const late: AddedCostRow['late'] = {};
  for (const arm of arms) {
    const list = samples[arm]!;
    late[arm] = list.filter((entry) => entry.late).length;
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
    late,
    addedScriptMs: added('with', 'scriptMs')!,
    addedTaskMs: added('with', 'taskMs')!,
    floorScriptMs: added('floor', 'scriptMs'),
    floorTaskMs: added('floor', 'taskMs'),
  };
}
