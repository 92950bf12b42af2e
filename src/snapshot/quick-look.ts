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

export function quickLook(doc: Document, url: string): QuickLook {
  const look: QuickLook = { url, title: (doc.title ?? '').slice(0, 300), contentType: doc.contentType || 'text/html', text: '', textNodes: 0 };
  const start = doc.body ?? doc.documentElement;
  if (!start) return look;
  const parts: string[] = [];
  let length = 0;
  const walker = doc.createTreeWalker(start, SHOW_TEXT);
  for (let node = walker.nextNode(); node && length < QUICK_LOOK_LIMITS.textChars && look.textNodes < QUICK_LOOK_LIMITS.textNodes; node = walker.nextNode()) {
    look.textNodes++;
    const tag = node.parentElement?.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT') continue;
    const text = node.nodeValue ?? '';
    parts.push(text);
    length += text.length;
  }
  look.text = parts.join(' ').slice(0, QUICK_LOOK_LIMITS.textChars);
  return look;
}
