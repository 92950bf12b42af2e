// The first, cheap look at a page, made on every page the content script runs in: its address, title,
// type and the start of its text (up to QUICK_LOOK_LIMITS). Most pages are not medical portals; for them
// the full read (read-page.ts) and the checks never load. Reads the DOM without forcing layout.

export const QUICK_LOOK_LIMITS = { textChars: 8_000, textNodes: 2_000 } as const;

export interface QuickLook {
  url: string;
  title: string;
  contentType: string;
  /** The start of the body's text, scripts and styles left out. */
  text: string;
  textNodes: number;
}

const SHOW_TEXT = 0x4;
const HIDDEN_TEXT_PARENT = /^(script|style|noscript)$/i;

/**
 * Text that may be a script's, a style's or a <noscript>'s (parsed as raw markup): long, or with a
 * character of code or markup. Only for such text is the parent looked up: reading every text node's
 * parent made an object for each element of the page, most of what the look cost (bench/, issue 15).
 */
const mayBeHiddenText = (text: string): boolean => text.length > 80 || /[{(;=[<]/.test(text);

export type PageHead = Pick<QuickLook, 'url' | 'title' | 'contentType'>;

/**
 * The address, title and type: read first, as they often settle the question (medical-gate.ts,
 * headMayBeMedical) before any text is read. On the 10,000-element study list, reading the start of
 * the text took 6 to 8 ms of the look's task (a DevTools trace, bench/), its title alone says enough.
 */
export function pageHead(doc: Document, url: string): PageHead {
  return { url, title: (doc.title ?? '').slice(0, 300), contentType: doc.contentType || 'text/html' };
}

/** The start of the body's text, scripts and styles left out, and how many text nodes were read for it. */
export function startOfText(doc: Document): Pick<QuickLook, 'text' | 'textNodes'> {
  let textNodes = 0;
  const start = doc.body ?? doc.documentElement;
  if (!start) return { text: '', textNodes };
  const parts: string[] = [];
  let length = 0;
  const walker = doc.createTreeWalker(start, SHOW_TEXT);
  for (let node = walker.nextNode(); node && length < QUICK_LOOK_LIMITS.textChars && textNodes < QUICK_LOOK_LIMITS.textNodes; node = walker.nextNode()) {
    textNodes++;
    const text = (node as Text).data;
    if (mayBeHiddenText(text) && HIDDEN_TEXT_PARENT.test(node.parentNode?.nodeName ?? '')) continue;
    parts.push(text);
    length += text.length;
  }
  return { text: parts.join(' ').slice(0, QUICK_LOOK_LIMITS.textChars), textNodes };
}

export function quickLook(doc: Document, url: string): QuickLook {
  return { ...pageHead(doc, url), ...startOfText(doc) };
}
