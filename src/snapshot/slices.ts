// Long work in small pieces. The full read of a page (read-page.ts) is written as a generator that
// yields at points where stopping is cheap (every few hundred nodes, every few rows); this module runs
// such a generator either to its end in one go (tests, the benchmark's check pass, the re-check's
// parsed answer) or in slices of at most SLICE_MS, giving the page its turn in between, so that no task
// of ours is longer than a frame (issue 15: the longest extension task ≤ 4 ms). Both give the same
// result for the same document: the steps are the same, only the pauses differ.

/** Work of ours in one task, at most about this long (the work between two yields is well under 1 ms). */
export const SLICE_MS = 3;

/** Work that yields (undefined) where it may pause, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Lets the page run its own tasks (input, rendering) before we go on. */
export function giveThePageItsTurn(): Promise<void> {
  // scheduler.yield (Chromium 129+) resumes us ahead of other waiting tasks; elsewhere a new task.
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resume) => setTimeout(resume, 0));
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
