// The extension's tasks in a DevTools trace of a page's renderer: which of the main thread's top-level
// tasks ran the extension's code, and how long they were. Measured by Chromium (trace events and its
// sampling profiler), not by a timer in the extension's own code.
//
// A task ran extension code when it holds an event whose script address is chrome-extension://
// (EvaluateScript, FunctionCall, v8.compile, v8.compileModule, …) or a profiler sample with an
// extension function on the stack. The samples are needed: a module's evaluation, an async function
// resumed after `await` (a microtask) and a `scheduler.yield` continuation carry no address in their
// trace events.
//
// "Caused by the extension" counts the whole task when the task is the extension's own (its timer, its
// idle callback, its message answer, its network answer, its script injection). A task of the page's
// (the HTML parser, the load event, the page's own script, rendering) in which the extension only ran a
// listener counts for the extension's part only: that is what it added to the page's task.

import type { BrowserContext, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time: how long the thread itself ran, in µs (dur less the time the system ran other threads). */
  tdur?: number;
  id?: string;
  args?: Record<string, any>;
}

export interface ExtensionTaskSummary {
  /** Longest task the extension caused, in ms (its own task whole, its part of a page's task). */
  longestTaskMs: number;
  /**
   * The same tasks in thread time: each counted in the share of its task the thread really ran. On a
   * shared machine the system runs other processes in the middle of a task (a 20 ms busy loop showed as
   * a 61 ms task of 11 ms thread time here); that time is no work of the extension's.
   */
  longestTaskThreadMs: number;
  /** Longest single extension script event (EvaluateScript, FunctionCall, …) in any task, in ms. */
  longestScriptMs: number;
  /** Time of all tasks (or parts of tasks) counted for the extension, in ms. */
  totalMs: number;
  /** The same in thread time (longestTaskThreadMs). */
  totalThreadMs: number;
  /** How many main-thread tasks ran extension code. */
  tasks: number;
  /**
   * How many of them were longer than LONG_TASK_MS in thread time: whether a longest task over it is the
   * check or one stalled moment of the machine (README, Performance).
   */
  tasksOverLongMs: number;
  /** The longest few: length counted, whether the whole task is the extension's, its first extension script. */
  longest: Array<{ ms: number; wholeTask: boolean; script: string }>;
}

/** A task longer than this delays the page's next frame: the limit for the extension's tasks (issue 15). */
export const LONG_TASK_MS = 4;

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPT_NAMES = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.run', 'v8.callFunction', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame']);
// The page's own work: when one of these runs in a task outside the extension's script, the task is the page's.
const PAGE_WORK = new Set(['ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'EventDispatch', 'FunctionCall', 'EvaluateScript', 'TimerFire']);

const SPAN_NAMES = new Set(['RunMicrotasks', 'v8.evaluateModule', 'BlinkScheduler_PerformMicrotaskCheckpoint']);

const key = (event: { pid: number; tid: number }): string => `${event.pid}:${event.tid}`;
const urlOf = (event: TraceEvent): string => String(event.args?.data?.url ?? event.args?.data?.scriptName ?? event.args?.fileName ?? '');

type OurSample = [time: number, duration: number, script: string];

/** Samples of the V8 profiler with an extension function on the stack, per thread: time and duration in µs, and its innermost extension script. */
function extensionSamples(events: TraceEvent[], origin: string): Map<string, OurSample[]> {
  type Profile = { thread: string; time: number; parents: Map<number, number>; urls: Map<number, string>; ours: Map<number, string>; samples: OurSample[] };
  const profiles = new Map<string, Profile>();
  for (const event of events) {
    if (event.name === 'Profile') {
      profiles.set(`${event.pid}:${event.id}`, { thread: key(event), time: Number(event.args?.data?.startTime ?? event.ts), parents: new Map(), urls: new Map(), ours: new Map(), samples: [] });
      continue;
    }
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${event.pid}:${event.id}`);
    const data = event.args?.data;
    if (!profile || !data) continue;
    for (const node of (data.cpuProfile?.nodes ?? []) as Array<{ id: number; parent?: number; callFrame?: { url?: string } }>) {
      if (node.parent !== undefined) profile.parents.set(node.id, node.parent);
      profile.urls.set(node.id, node.callFrame?.url ?? '');
    }
    const samples = (data.cpuProfile?.samples ?? []) as number[];
    const deltas = (data.timeDeltas ?? []) as number[];
    // The innermost extension script on the sample's stack, or '' when there is none.
    const ourScript = (id: number): string => {
      const known = profile.ours.get(id);
      if (known !== undefined) return known;
      const url = profile.urls.get(id) ?? '';
      const parent = profile.parents.get(id);
      const script = url.startsWith(origin) ? url : parent !== undefined ? ourScript(parent) : '';
      profile.ours.set(id, script);
      return script;
    };
    samples.forEach((node, index) => {
      profile.time += deltas[index] ?? 0;
      if (profile.samples.length > 0 && profile.samples.at(-1)![1] < 0) profile.samples.at(-1)![1] = profile.time - profile.samples.at(-1)![0];
      // The sample stands for the time until the next one; -1 until that one arrives.
      const script = ourScript(node);
      if (script) profile.samples.push([profile.time, -1, script]);
    });
  }
  const byThread = new Map<string, OurSample[]>();
  for (const profile of profiles.values()) {
    const samples = profile.samples.map(([time, duration, script]): OurSample => [time, duration < 0 ? 0 : Math.min(duration, 2_000), script]);
    byThread.set(profile.thread, [...(byThread.get(profile.thread) ?? []), ...samples]);
  }
  return byThread;
}

/** The extension script that took most of a task: by profiler samples, else its first script event. */
function mainScript(scripts: TraceEvent[], samples: OurSample[]): string {
  const time = new Map<string, number>();
  for (const [, duration, script] of samples) time.set(script, (time.get(script) ?? 0) + duration);
  const [top] = [...time].sort((a, b) => b[1] - a[1]);
  return top?.[0] ?? (scripts[0] ? urlOf(scripts[0]) : '');
}

/** Length in µs of the union of intervals (each [start, end]). */
function covered(intervals: Array<[number, number]>): number {
  let total = 0;
  let end = -Infinity;
  for (const [start, stop] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

export function extensionTasks(events: TraceEvent[], origin = 'chrome-extension://'): ExtensionTaskSummary {
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map(key));
  const samples = extensionSamples(events, origin);
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || !mainThreads.has(key(event))) continue;
    const list = byThread.get(key(event)) ?? [];
    list.push(event);
    byThread.set(key(event), list);
  }
  let longestTask = 0;
  let longestTaskThread = 0;
  let longestScript = 0;
  let total = 0;
  let totalThread = 0;
  let tasks = 0;
  let tasksOverLong = 0;
  const counted: ExtensionTaskSummary['longest'] = [];
  for (const [thread, threadEvents] of byThread) {
    threadEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const threadSamples = (samples.get(thread) ?? []).sort((a, b) => a[0] - b[0]);
    // Top-level tasks: task events not inside another one (RunTask wraps ThreadControllerImpl::RunTask
    // and the microtask checkpoint after it).
    const topLevel: TraceEvent[] = [];
    for (const event of threadEvents) {
      if (!TASK_NAMES.has(event.name)) continue;
      const last = topLevel.at(-1);
      if (last && event.ts < last.ts + (last.dur ?? 0)) continue;
      topLevel.push(event);
    }
    let cursor = 0;
    for (const task of topLevel) {
      const end = task.ts + (task.dur ?? 0);
      while (cursor < threadEvents.length && threadEvents[cursor]!.ts < task.ts) cursor++;
      const inside: TraceEvent[] = [];
      for (let index = cursor; index < threadEvents.length && threadEvents[index]!.ts <= end; index++) inside.push(threadEvents[index]!);
      const scripts = inside.filter((event) => SCRIPT_NAMES.has(event.name) && urlOf(event).startsWith(origin));
      const ourSamples = threadSamples.filter(([time]) => time >= task.ts && time <= end);
      if (scripts.length === 0 && ourSamples.length === 0) continue;
      tasks++;
      for (const script of scripts) longestScript = Math.max(longestScript, script.dur ?? 0);
      const ours: Array<[number, number]> = [...scripts.map((event): [number, number] => [event.ts, event.ts + (event.dur ?? 0)]), ...ourSamples.map(([time, duration]): [number, number] => [time, Math.min(end, time + duration)])];
      // Spans that are the extension's: its script events, and microtask runs or module evaluations
      // in which the profiler saw its functions.
      const spans = [...scripts, ...inside.filter((event) => SPAN_NAMES.has(event.name) && ourSamples.some(([time]) => time >= event.ts && time <= event.ts + (event.dur ?? 0)))];
      const insideOurs = (event: TraceEvent): boolean => spans.some((span) => span !== event && event.ts >= span.ts && event.ts + (event.dur ?? 0) <= span.ts + (span.dur ?? 0));
      // The page's own script has an address that is not ours; the parser working for DOMParser has no frame.
      const pagesWork = inside.some((event) => {
        if (!PAGE_WORK.has(event.name) || insideOurs(event)) return false;
        if (event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'TimerFire') return !urlOf(event).startsWith(origin) && urlOf(event) !== '';
        if (event.name === 'ParseHTML') return Boolean(event.args?.beginData?.frame);
        return true;
      });
      const ms = (pagesWork ? covered(ours) : (task.dur ?? 0)) / 1000;
      longestTask = Math.max(longestTask, ms);
      const running = task.dur ? Math.min(1, (task.tdur ?? task.dur) / task.dur) : 1;
      const threadMs = ms * running;
      longestTaskThread = Math.max(longestTaskThread, threadMs);
      if (threadMs > LONG_TASK_MS) tasksOverLong++;
      counted.push({ ms, wholeTask: !pagesWork, script: mainScript(scripts, ourSamples).replace(/^chrome-extension:\/\/[a-p]+\//, '') });
      total += ms;
      totalThread += threadMs;
    }
  }
  const longest = counted.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { longestTaskMs: longestTask, longestTaskThreadMs: longestTaskThread, longestScriptMs: longestScript / 1000, totalMs: total, totalThreadMs: totalThread, tasks, tasksOverLongMs: tasksOverLong, longest };
}

/** The categories DevTools' Performance panel records, with the sampling profiler. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'toplevel', 'disabled-by-default-v8.cpu_profiler'].join(',');

// Longer than the added-time samples wait (added-cost.ts, SETTLE_MS): recorded with the sampling
// profiler the page is slower, and on a medical page the full check started up to 2.5 s after the load
// (seen in traces), so within 2 s a trace could miss it whole.
export const TRACE_SETTLE_MS = 3_500;

/** Waits for the load and the layout after it (evaluating waits for both), then `ms`. */
export async function settleAfterLoad(page: Page, ms = TRACE_SETTLE_MS): Promise<void> {
  await page.evaluate(() => 0);
  await page.waitForTimeout(ms);
}

// On a page that is not medical the extension's last work is the gate's look, in the load's own task
// (content/gate.iife.ts); a page that does not change gives it nothing more to do. Alternating traces
// of the 10,000-element article (6 each) found its 2 tasks whether they ended 1 s or 3.5 s after the load.
export const NOT_MEDICAL_SETTLE_MS = 1_000;

/** On a still page that is not medical: the load and the layout after it, then NOT_MEDICAL_SETTLE_MS. */
export const settleNotMedical = (page: Page): Promise<void> => settleAfterLoad(page, NOT_MEDICAL_SETTLE_MS);

// After the warning bar opened, what is left of the extension's work is the bar's second step (a frame
// later). Alternating traces of one build (2026-12-02, 4 each, 10,000 elements), ending 3.5 s after the
// load or 1 s after the bar: study list 42 to 48 extension tasks, 78 to 95 ms in all, against 41 to 44
// tasks, 80 to 92 ms; listing 27 to 29 tasks, 56 to 60 ms, against 26 to 30, 54 to 63 ms. A trace took
// 4 s, now 1.7 s.
export const AFTER_WARNING_BAR_MS = 1_000;

/**
 * On a page the extension reports as dangerous: waits for the load, then until its warning bar is open
 * (the end of its check: the report has come back from the background), then AFTER_WARNING_BAR_MS; at
 * most TRACE_SETTLE_MS after the load, as settleAfterLoad. Ends the trace as soon as the work is done,
 * not after the longest the check ever took (the bench's 5 minutes, issue 15).
 */
export async function settleAfterWarningBar(page: Page): Promise<void> {
  await page.evaluate(() => 0);
  const opened = await page
    .waitForFunction(() => document.querySelector(':root > div[popover]:popover-open') !== null, undefined, { timeout: TRACE_SETTLE_MS, polling: 100 })
    .then(() => true, () => false);
  if (opened) await page.waitForTimeout(AFTER_WARNING_BAR_MS);
}

/** Traces a new tab of `context` loading `url` until `settle` returns, and sums up the extension's tasks. */
export async function traceLoad(context: BrowserContext, url: string, settle: (page: Page) => Promise<void>): Promise<ExtensionTaskSummary> {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    return await traceExtensionTasks(session, async () => {
      await page.goto(url, { timeout: 120_000 });
      await settle(page);
    });
  } finally {
    await page.close();
  }
}

/** Records a trace of the browser while `during` runs (on a page's DevTools session) and sums up the extension's tasks. */
export async function traceExtensionTasks(session: { send(method: string, params?: object): Promise<unknown>; on(event: string, listener: (message: any) => void): unknown; once(event: string, listener: () => void): unknown }, during: () => Promise<void>): Promise<ExtensionTaskSummary> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (message: { value: TraceEvent[] }) => {
    events.push(...message.value);
  });
  const finished = new Promise<void>((done) => session.once('Tracing.tracingComplete', () => done()));
  await session.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  await during();
  await session.send('Tracing.end');
  await finished;
  return extensionTasks(events);
}
