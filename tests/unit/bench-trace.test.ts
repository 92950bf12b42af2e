// The bench's reading of a DevTools trace (bench/trace.ts): which main-thread tasks are the extension's,
// how long each counts, and how many went over the 4 ms a frame allows. Issue 15 is judged by these
// numbers, so the counting is held here on a small trace written out by hand in Chromium's event format.

import { describe, expect, it } from 'vitest';
import { extensionTasks, LONG_TASK_MS, type TraceEvent } from '../../bench/trace.js';

const PID = 1;
const MAIN = 2;
const OURS = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/assets/content-script.js';
const PAGE = 'http://127.0.0.1:8080/page';

const mainThread: TraceEvent = { name: 'thread_name', ph: 'M', pid: PID, tid: MAIN, ts: 0, args: { name: 'CrRendererMain' } };
const otherThread: TraceEvent = { name: 'thread_name', ph: 'M', pid: PID, tid: 3, ts: 0, args: { name: 'Compositor' } };

/** A top-level task from `start` ms lasting `ms`, of which the thread ran `threadMs`. */
function task(start: number, ms: number, threadMs = ms, tid = MAIN): TraceEvent {
  return { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: PID, tid, ts: start * 1000, dur: ms * 1000, tdur: threadMs * 1000 };
}

/** An event inside a task: a script call of `url`, or the page's own work. */
function inside(name: string, start: number, ms: number, args: Record<string, unknown> = {}, tid = MAIN): TraceEvent {
  return { name, ph: 'X', pid: PID, tid, ts: start * 1000, dur: ms * 1000, args };
}

describe('the extension tasks of a trace', () => {
  const events: TraceEvent[] = [
    mainThread,
    otherThread,
    // 1. Our own timer task, 6 ms of which the thread ran 5: counted whole, over 4 ms.
    task(0, 6, 5),
    inside('TimerFire', 0.05, 5.9),
    inside('FunctionCall', 0.1, 5.8, { data: { url: OURS } }),
    // 2. The page's parse, in which our document_start script ran 1.5 ms: only that part is ours.
    task(10, 20, 20),
    inside('ParseHTML', 10.1, 19.8, { beginData: { frame: 'F1' } }),
    inside('EvaluateScript', 12, 1.5, { data: { url: OURS } }),
    // 3. Our task of 4.5 ms in which the thread ran 3 (the machine ran something else): not over in thread time.
    task(40, 4.5, 3),
    inside('FunctionCall', 40.1, 4.3, { data: { url: OURS } }),
    // 4. The page's own script: nothing of ours.
    task(50, 9, 9),
    inside('FunctionCall', 50.1, 8.8, { data: { url: PAGE } }),
    // 5. Our script on another thread (a worker's): not the page's main thread.
    task(70, 12, 12, 3),
    inside('FunctionCall', 70.1, 11.8, { data: { url: OURS } }, 3),
  ];
  const summary = extensionTasks(events);

  it('counts the tasks that ran extension code on the main thread, whole when they are ours, only our part in the page’s', () => {
    expect(summary.tasks).toBe(3);
    expect(summary.longest.map((entry) => [entry.ms, entry.wholeTask])).toEqual([
      [6, true],
      [4.5, true],
      [1.5, false],
    ]);
    expect(summary.totalMs).toBeCloseTo(6 + 1.5 + 4.5, 6);
  });

  it('gives the longest task in wall and in thread time', () => {
    expect(summary.longestTaskMs).toBe(6);
    expect(summary.longestTaskThreadMs).toBe(5);
    expect(summary.longestScriptMs).toBeCloseTo(5.8, 6);
  });

  it(`counts the tasks over ${LONG_TASK_MS} ms in thread time, not in wall time`, () => {
    expect(summary.tasksOverLongMs).toBe(1);
  });

  it('finds nothing in a trace without extension code', () => {
    const pageOnly = extensionTasks([mainThread, task(0, 9), inside('FunctionCall', 0.1, 8.8, { data: { url: PAGE } })]);
    expect(pageOnly).toMatchObject({ tasks: 0, tasksOverLongMs: 0, longestTaskMs: 0, totalMs: 0 });
  });
});
