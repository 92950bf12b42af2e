// Loads a fixture page into happy-dom (no scripts run, nothing fetched) and reads it with the real
// snapshot reader, as the content script reads a live page.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { readPage } from '../../src/snapshot/read-page.js';
import type { PageSnapshot } from '../../src/snapshot/snapshot.js';

// happy-dom 21 stops parsing at a comment that holds markup (Orthanc Explorer's explorer.html has
// <!--li …><a …>…</a></li-->): everything after it would be lost. Browsers skip comments, and so does
// the reader (it reads elements and text only), so such comments are left out before parsing.
const COMMENTED_MARKUP = /<!--[\s\S]*?-->/g;
const withoutCommentedMarkup = (html: string): string => html.replace(COMMENTED_MARKUP, (comment) => (comment.slice(4, -3).includes('<') ? '' : comment));

export function loadDocument(html: string, url: string, contentType = 'text/html'): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  const doc = new window.DOMParser().parseFromString(withoutCommentedMarkup(html), 'text/html') as unknown as Document;
  Object.defineProperty(doc, 'contentType', { value: contentType });
  return doc;
}

/** A JSON answer as the browser shows it: the text inside a <pre>. */
function jsonAsBrowserShowsIt(json: string): string {
  const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<html><head></head><body><pre>${escaped}</pre></body></html>`;
}

export function snapshotOfFile(file: string, url: string, contentType = 'text/html'): PageSnapshot {
  const raw = readFileSync(resolve(import.meta.dirname, '../fixtures', file), 'utf8');
  const html = /json/.test(contentType) ? jsonAsBrowserShowsIt(raw) : raw;
  return readPage(loadDocument(html, url, contentType), url);
}

export function snapshotOfHtml(html: string, url = 'http://203.0.113.9/page'): PageSnapshot {
  return readPage(loadDocument(html, url), url);
}
