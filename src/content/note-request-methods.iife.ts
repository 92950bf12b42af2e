// Runs in the page's own world ("world": "MAIN") at document_start, before the page's scripts, in every
// http(s) page; a classic script (crxjs builds *.iife.ts without its module loader, which a MAIN-world
// script could not use). It notes the method and address of each fetch() and XMLHttpRequest the page
// makes to its own origin, so that the no-login re-check repeats only requests the page itself made
// with GET: resource timing does not say the method, and a POST must never be sent again.
// Kept tiny, as it runs on every page: two wrappers that note and then call the originals (captured
// here, before any page script runs) with the same arguments, a bounded list, one event listener.
//
// What a hostile page can do with it: it sees and can call all of this, so it can hide requests,
// answer the content script's question itself or add entries. The content script trusts nothing in the
// answer: it keeps only same-origin addresses, repeats them with GET, without credentials or redirects,
// within RECHECK_LIMITS. So the most a page can make us do is GET its own origin without credentials,
// which it can do itself; hiding requests only hides its own data from its own visitor's check.

import { ANSWER_EVENT, ASK_EVENT, bringsFile, NOTED_REQUESTS, NOTED_URL_CHARS } from './page-requests';

((): void => {
  const originalFetch = globalThis.fetch;
  const originalOpen = XMLHttpRequest.prototype.open;
  const NativeURL = URL;
  const NativeRequest = Request;
  const apply = Reflect.apply;
  const stringify = JSON.stringify;
  const noted: string[] = [];

  // Only strings and URL objects are read: calling a page object's toString would run page code twice.
  const note = (method: unknown, url: unknown): void => {
    try {
      const text = typeof url === 'string' ? url : url instanceof NativeURL ? url.href : null;
      if (typeof method !== 'string' || text === null || text.length > NOTED_URL_CHARS) return;
      const address = new NativeURL(text, document.baseURI);
      if (address.origin !== location.origin || bringsFile(address)) return;
      const entry = `${method.toUpperCase()} ${address.href}`;
      const index = noted.indexOf(entry);
      if (index >= 0) noted.splice(index, 1);
      noted.push(entry);
      if (noted.length > NOTED_REQUESTS) noted.shift();
    } catch {
      // Noting is best effort; the page's request goes ahead unchanged.
    }
  };

  globalThis.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    try {
      const request = input instanceof NativeRequest ? input : null;
      note(init?.method ?? request?.method ?? 'GET', request ? request.url : input);
    } catch {
      // An init object whose getters throw: fetch itself will say so.
    }
    // eslint-disable-next-line prefer-rest-params
    return apply(originalFetch, this, arguments) as Promise<Response>;
  };

  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL): void {
    note(method, url);
    // eslint-disable-next-line prefer-rest-params
    apply(originalOpen, this, arguments);
  };

  addEventListener(ASK_EVENT, () => {
    dispatchEvent(new CustomEvent(ANSWER_EVENT, { detail: stringify(noted) }));
  });
})();
