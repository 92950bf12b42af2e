// Viewers fill in their patient lists after load (Orthanc Explorer does), and single-page apps change
// address without a new page load. This watcher runs the check pass again when the page changes:
// debounced (waits for a quiet moment), with a longest wait, at most one pass at a time and at most
// one per minIntervalMs, so a page that changes constantly costs one bounded pass per interval.

export interface WatchTiming {
  quietMs: number;
  maxWaitMs: number;
  minIntervalMs: number;
}

export const WATCH_TIMING: WatchTiming = { quietMs: 400, maxWaitMs: 2_000, minIntervalMs: 1_000 };

export interface PageWatch {
  /** Asks for another pass (debounced like a change of the page). */
  again(): void;
  /** Stops watching: no pass starts after this. */
  stop(): void;
}

/**
 * Starts watching and runs the first pass. Changes for which `isOwnChange` says true for every record
 * (the extension's own warning bar coming or going) start no pass.
 */
export function watchPage(runPass: () => Promise<void>, timing: WatchTiming = WATCH_TIMING, isOwnChange?: (record: MutationRecord) => boolean): PageWatch {
  let stopped = false;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  let lastPassAt = 0;
  let running = false;
  let changedWhileRunning = false;

  const run = async (): Promise<void> => {
    quietTimer = undefined;
    firstChangeAt = 0;
    if (stopped) return;
    if (running) {
      changedWhileRunning = true;
      return;
    }
    running = true;
    lastPassAt = Date.now();
    try {
      await runPass();
    } catch {
      // A pass that failed on a strange page must not stop the watching; the next change retries.
    } finally {
      running = false;
      if (changedWhileRunning) {
        changedWhileRunning = false;
        schedule();
      }
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    const now = Date.now();
    if (firstChangeAt === 0) firstChangeAt = now;
    if (quietTimer !== undefined) clearTimeout(quietTimer);
    const untilQuiet = timing.quietMs;
    const untilMaxWait = Math.max(0, firstChangeAt + timing.maxWaitMs - now);
    const untilAllowed = Math.max(0, lastPassAt + timing.minIntervalMs - now);
    quietTimer = setTimeout(() => void run(), Math.max(Math.min(untilQuiet, untilMaxWait), untilAllowed));
  };

  const observer = new MutationObserver((records) => {
    if (!isOwnChange || !records.every(isOwnChange)) schedule();
  });
  // The document, not its root element: a page that writes itself anew (document.open and write, as older
  // viewers do) replaces the root element, and a watch on the old one would see nothing of the new page.
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener('hashchange', schedule);
  addEventListener('popstate', schedule);
  void run();
  return {
    again: schedule,
    stop() {
      stopped = true;
      observer.disconnect();
      removeEventListener('hashchange', schedule);
      removeEventListener('popstate', schedule);
      if (quietTimer !== undefined) clearTimeout(quietTimer);
    },
  };
}
