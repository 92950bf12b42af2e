// How the gate script (gate.iife.ts) watches a page that looked like nothing medical: an app may turn into
// a patient list without a new page load (a login that shows the study list, a route change), so the gate
// looks again after the page changes. Unlike the full check's watcher (page-watcher.ts), which waits for a
// quiet moment after every change, this one stops observing at the first change and sets one timer: the
// pages it watches are almost all ordinary ones, and many change all the time (tickers, adverts, clocks).
// The gate also searches again only what changed since its last look (gate.iife.ts). On the 10,000-element
// article whose headline changes every 50 ms for 3 s, the extension's added script time went from 10.99 to
// 7.67 ms (9 pairs, KINDS=changing-article in bench/variants.ts; README, Performance; issue 15).

/** The look after a change waits this long after it, and this long after the previous look. */
export const GATE_LOOK_AGAIN: GateWatchTiming = { afterChangeMs: 500, afterLookMs: 2_000 };

export interface GateWatchTiming {
  afterChangeMs: number;
  afterLookMs: number;
}

export interface GateWatch {
  stop(): void;
}

/** Runs `look` now, and again after each change of the page (at most once per `timing.afterLookMs`), until stopped. */
export function watchForChanges(look: () => void, timing: GateWatchTiming = GATE_LOOK_AGAIN): GateWatch {
  let stopped = false;
  let lastLookAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const lookNow = (): void => {
    timer = undefined;
    if (stopped) return;
    lastLookAt = Date.now();
    try {
      look();
    } catch {
      // A look that failed on a strange page must not end the watch: the next change tries again.
    }
    // The look may have handed over to the full check, which stops this watch.
    if (!stopped) observe();
  };
  const changed = (): void => {
    if (timer !== undefined || stopped) return;
    unobserve();
    timer = setTimeout(lookNow, Math.max(timing.afterChangeMs, lastLookAt + timing.afterLookMs - Date.now()));
  };
  const observer = new MutationObserver(changed);
  function observe(): void {
    // The document, not its root element: a page that writes itself anew (document.open and write) replaces it.
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    addEventListener('hashchange', changed);
    addEventListener('popstate', changed);
  }
  function unobserve(): void {
    observer.disconnect();
    removeEventListener('hashchange', changed);
    removeEventListener('popstate', changed);
  }

  lookNow();
  return {
    stop() {
      stopped = true;
      unobserve();
      clearTimeout(timer);
    },
  };
}
