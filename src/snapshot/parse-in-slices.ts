// An answer's HTML made into an inert document a piece at a time (the no-login re-check reads the page's
// own address again). DOMParser parses it in one go: 19 ms for a 10,000-element study list in Chromium,
// 63 ms for a 10,000-file listing, the longest task the extension caused (bench/, issue 15). A document
// made with createHTMLDocument and written in pieces gets the same tree (the parser takes its input in
// pieces anyway, as from the network) with the page's own tasks in between. Like DOMParser's, this
// document has no browsing context: no script in it runs and nothing it names is loaded.

import { giveThePageItsTurn } from './slices';

/** Characters written at a time: about 2 ms of parsing in Chromium on the benchmark's pages. */
export const PARSE_PIECE_CHARS = 16_384;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * A written document parses like DOMParser's only where its parser runs with scripting off, as
 * DOMParser's does: then <noscript> holds elements, not text. Chromium's does; Firefox ESR 153's does
 * not (a tracking pixel's <img> inside <noscript> would be lost), so Firefox gets DOMParser.
 */
function writtenDocument(): Document | null {
  try {
    const probe = document.implementation.createHTMLDocument('');
    probe.open();
    probe.write('<noscript><p></p></noscript>');
    probe.close();
    if (probe.getElementsByTagName('p').length !== 1) return null;
    const doc = document.implementation.createHTMLDocument('');
    doc.open();
    return doc;
  } catch {
    return null;
  }
}

export async function parseHtmlInSlices(html: string, pieceChars = PARSE_PIECE_CHARS, pause: () => Promise<void> = giveThePageItsTurn): Promise<Document> {
  const doc = writtenDocument();
  // Where that does not hold, the whole answer at once.
  if (!doc) return new DOMParser().parseFromString(html, 'text/html');
  for (let start = 0; start < html.length; ) {
    let end = Math.min(html.length, start + pieceChars);
    // Never between the two halves of a character outside the BMP.
    if (end < html.length && isHighSurrogate(html.charCodeAt(end - 1))) end++;
    doc.write(html.slice(start, end));
    start = end;
    if (start < html.length) await pause();
  }
  doc.close();
  return doc;
}
