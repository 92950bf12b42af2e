// Runs in every http(s) page (top frame), and stays tiny: it waits until the page has finished loading,
// then loads the check (check-page.ts). Loading extension files while the page still loads would count
// as the page's own loading and hold back its load event (measured in bench/: npm run bench).

// Documents the reader can see into. Chromium runs content scripts in the page that wraps a PDF,
// an image or a video, but their content is not in the DOM: those tabs stay without a report, and
// the popup says the page cannot be checked.
const READABLE_DOCUMENT = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/([\w.-]+\+)?json|text\/json)$/i;
// A page whose load event is held back by a slow image or a stream is checked after this long anyway.
const LONGEST_WAIT_MS = 3_000;

function whenLoaded(start: () => void): void {
  if (document.readyState === 'complete') return start();
  let started = false;
  const once = (): void => {
    if (started) return;
    started = true;
    // After the load event's own handlers, not inside them.
    setTimeout(start, 0);
  };
  window.addEventListener('load', once, { once: true });
  setTimeout(once, LONGEST_WAIT_MS);
}

if (READABLE_DOCUMENT.test(document.contentType)) {
  whenLoaded(() => void import('./check-page').then(({ startChecking }) => startChecking()));
}
