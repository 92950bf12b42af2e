// Long work in small pieces. The full read of a page (read-page.ts) is written as a generator that
// yields at points where stopping is cheap (every few dozen nodes, every few rows); this module runs
// such a generator either to its end in one go (tests, the benchmark's check pass, the re-check's
// parsed answer) or in slices of at most SLICE_MS, giving the page its turn in between, so that no task
// of ours is longer than a frame (issue 15: the longest extension task ≤ 4 ms). Both give the same
// result for the same document: the steps are the same, only the pauses differ.

/**
 * Work of ours in one task, at most about this long (the work between two yields is well under 1 ms).
 * Not the 4 ms a task may take: a young-generation garbage collection (1 to 2.5 ms in DevTools traces of
 * the benchmark's pages, most of it the wrappers our reads made) can fall into any slice, and a 3 ms slice
 * with one in it was the longest task the extension caused.
 */
export const SLICE_MS = 2;

/** Work that yields (undefined) where it may pause, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Lets the page, and the browser's own work, run before we go on: a timer, while the page is shown. Not
 * scheduler.yield (Chromium 129+), which resumes us ahead of every waiting task and which this used
 * before: the garbage collections our reads call for then ran inside our slices. With a timer (the browser
 * waits at least 4 ms between nested ones) they run between them, in tasks of their own (study list, 4
 * traces each: 6 of 8 such collections inside the extension's tasks before, none after). In alternating
 * DevTools traces (8 of each build, bench/variants.ts, issue 15) the longest extension task on the
 * 10,000-element study list went from 6.18 to 3.78 ms, on the directory listing from 5.78 to 3.61 ms
 * (README, Performance); the study list's report came about 50 ms later.
 * In a tab in the background both browsers run timers about once a second (Chromium, after minutes, once
 * a minute), so each pause would cost a second: a check of a page opened behind the clinic's e-mail, or
 * asked for while another tab is shown, took seconds. There is no frame to keep smooth there, so a hidden
 * page gets the turn through a message to ourselves, a task the browsers do not hold back.
 */
export function giveThePageItsTurn(): Promise<void> {
  if (globalThis.document?.visibilityState === 'hidden') return nextTask();
  return new Promise((resume) => setTimeout(resume, 0));
}

function nextTask(): Promise<void> {
  return new Promise((resume) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resume();
    };
    channel.port2.postMessage(null);
  });
}

/** Time spent working, pauses left out: added to by each slice. */
export interface WorkTime {
  ms: number;
}

export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS, work: WorkTime = { ms: 0 }, pause: () => Promise<void> = giveThePageItsTurn): Promise<T> {
  let sliceStarted = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) {
      work.ms += performance.now() - sliceStarted;
      return next.value;
    }
    const now = performance.now();
    if (now - sliceStarted >= sliceMs) {
      work.ms += now - sliceStarted;
      await pause();
      sliceStarted = performance.now();
    }
  }
}
