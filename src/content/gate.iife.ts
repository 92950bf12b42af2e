// The one script of ours that runs in every page and frame the browser opens (document_start, a classic
// script in the content script's own world; the MAIN-world note-request-methods.iife.ts is the other).
// Almost no page is a medical portal, so this is all such a page ever costs: after the page's load event
// a quick look (title, address, the start of its text), again when the page changes, and nothing else —
// no module loaded, no setting read, no message sent. Only when the page may be a medical portal, or the
// extension asks for it, does it load the full content script (content-script.ts), which reads the
// settings, checks the page and reports. Measured in bench/ (npm run bench; issue 15).
//
// The extension asks through three messages, heard here until the full script listens itself:
//  - check-again (the popup found no report for this tab): check this page whatever it looks like;
//  - report-again (the tab finished loading), carrying the organisation's listed portals in compact form
//    (portalOriginPattern): a listed page is checked even if it looks like nothing medical;
//  - page-warning (a frame inside this page is dangerous): the top page shows the warning bar.

import { headMayBeMedical, textMayBeMedical } from '../analysis/medical-gate';
import type { PageWarningMessage } from '../shared/messages';
import { pageHead, startOfText } from '../snapshot/quick-look';
import type { GateHandoff, StartFullCheck } from './gate-handoff';
import { watchForChanges, type GateWatch } from './gate-watch';
import { pinExtensionGlobals } from './pin-extension-globals';

// Documents the reader can see into. Chromium runs content scripts in the page that wraps a PDF, an image
// or a video, but their content is not in the DOM: those tabs stay without a report, and the popup says
// the page cannot be checked.
const READABLE_DOCUMENT = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/([\w.-]+\+)?json|text\/json)$/i;
// The look waits for the page's load (or this long, for pages whose load never ends): measured in A/B
// runs, a content script working before load delays the page's own load.
const LONGEST_WAIT_FOR_LOAD_MS = 3_000;

interface RuntimeApi {
  runtime: { getURL(path: string): string; onMessage: { addListener(listener: (message: unknown) => void): void } };
}

// The browser's own extension API in this world (Chromium 148+, Firefox), fixed by pinExtensionGlobals.
declare const browser: RuntimeApi | undefined;

pinExtensionGlobals();

const handoff: GateHandoff = { asked: false, warning: null, fullScriptListens: false };
let watch: GateWatch | null = null;
let fullScript: Promise<void> | null = null;

function loadFullScript(): void {
  if (fullScript || typeof browser === 'undefined') return;
  watch?.stop();
  // The build (vite.config.ts) writes the address of content-script.ts as built in place of this name:
  // a literal in browser.runtime.getURL, the form web-ext lint accepts for import().
  // In a task of its own: starting the import (its requests, the module map) took 3 to 11 ms, which
  // added to the look's task made the longest task the extension caused (bench/, issue 15).
  fullScript = new Promise((next) => setTimeout(next, 0))
    .then(() => import(/* @vite-ignore */ browser!.runtime.getURL('__PORTAL_CHECKUP_FULL_CHECK_MODULE__')) as Promise<{ startFullCheck: StartFullCheck }>)
    .then((module) => module.startFullCheck(handoff))
    .catch(() => {
      // The extension was reloaded or updated under the page: the next message or change tries again.
      fullScript = null;
    });
}

function matchesListedOrigin(pattern: unknown): boolean {
  try {
    return typeof pattern === 'string' && new RegExp(pattern).test(location.origin);
  } catch {
    return false;
  }
}

function listen(api: RuntimeApi): void {
  api.runtime.onMessage.addListener((message) => {
    if (handoff.fullScriptListens || typeof message !== 'object' || message === null) return;
    const { type, portalOrigins } = message as { type?: unknown; portalOrigins?: unknown };
    if (type === 'check-again') handoff.asked = true;
    else if (type === 'page-warning' && window === window.top) {
      const warning = message as PageWarningMessage;
      // A warning that shows nothing changes nothing on a page without our bar.
      if (!warning.bar && !warning.passwordNote) return;
      handoff.warning = warning;
      // A listed page: the full script reads the list itself (the settings) and checks the page.
    } else if (type !== 'report-again' || !matchesListedOrigin(portalOrigins)) return;
    loadFullScript();
  });
}

function lookAfterLoad(): void {
  // What the last look found nothing in: a page that changes all the time (an advert, a ticker) mostly
  // changes neither its title nor the start of its text, and searching them again cost a look again as much
  // as the first (its patterns are compiled on their second use; bench/, issue 15).
  let quietHead = '';
  let quietText = '';
  const look = (): void => {
    if (fullScript) return;
    const head = pageHead(document, location.href);
    const headKey = `${head.url}\n${head.title}`;
    if (headKey !== quietHead) {
      if (headMayBeMedical(head)) return loadFullScript();
      quietHead = headKey;
    }
    // The text only when the title and address say nothing (most portals say it there).
    const { text } = startOfText(document);
    if (text === quietText) return;
    if (textMayBeMedical(text)) return loadFullScript();
    quietText = text;
  };
  const start = (): void => {
    if (fullScript) return;
    watch = watchForChanges(look);
    // The first look runs at once, inside watchForChanges: it may already have handed over.
    if (fullScript) watch.stop();
  };
  if (document.readyState === 'complete') return start();
  let started = false;
  const once = (): void => {
    if (started) return;
    started = true;
    // A timer that can no longer do anything would still be a task of ours on the page.
    clearTimeout(longestWait);
    start();
  };
  // Not 'load': our listener, added at document_start, would run before the page's own load handlers and
  // miss what they add. The browser fires 'pageshow' right after 'load', in the same task, once every load
  // listener has run: the look sees the loaded page without a task of its own. The timer this replaced
  // cost the article 0.4 to 0.6 ms of script in three A/B runs (15 to 25 pairs), 0.8 ms with no look.
  addEventListener('pageshow', once, { once: true });
  const longestWait = setTimeout(once, LONGEST_WAIT_FOR_LOAD_MS);
}

if (typeof browser !== 'undefined' && READABLE_DOCUMENT.test(document.contentType)) {
  listen(browser);
  lookAfterLoad();
}
