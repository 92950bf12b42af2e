// The one place that touches the DOM for the full check. It copies what the checks need into plain
// data, and every part of the work is bounded, so a page of a million elements costs no more than one
// of twenty thousand:
//  - lists the browser keeps anyway (document.links, forms, scripts, images, tables) are read up to
//    their limits, never scanned whole;
//  - text is read node by node with a TreeWalker, up to SNAPSHOT_LIMITS.nodes text nodes;
//  - ids and class names are read from the first SNAPSHOT_LIMITS.markerElements elements;
//  - what the page loads is reduced to origins (never paths or queries), from the elements that ask for
//    it and from the resource-timing entries the caller passes in.
// It never calls layout-forcing APIs (innerText, getBoundingClientRect, getComputedStyle): textContent,
// nodeValue and attributes only. Works on any Document: the live page, a DOMParser result (the
// no-login re-check) or happy-dom in tests.

import { elementOriginals, type ElementOriginals } from './element-originals';
import { WARNING_BANNERS } from '../analysis/products';
import { emptySnapshot, SNAPSHOT_LIMITS as LIMITS, type PageSnapshot, type ResourceKind, type SnapshotForm, type SnapshotTable } from './snapshot';

/** What the browser's resource timing says the page loaded: performance.getEntriesByType('resource'). */
export interface LoadedResource {
  name: string;
  initiatorType: string;
}

// Text inside these is not page text.
const SKIPPED_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE']);
// Elements that usually hold one record: a list item, a table row, a definition list, a card.
const BLOCK_SELECTOR = 'li, tr, dl, tbody, table, section, article, fieldset, form, ul, ol';
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LABEL_VALUE_TEXT = /^([^:\n]{2,40}?)\s*:\s*([^\n]{1,120})$/;
const STARTS_WITH_LETTER = /^\s*\p{L}/u;
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

function clip(text: string | null | undefined, max: number): string {
  const collapsed = (text ?? '').slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? collapsed.slice(0, max) : collapsed;
}

function absoluteUrl(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/** scheme://host[:port] of an http(s) address; data:, blob: and javascript: addresses have none. */
function httpOrigin(href: string, base: string): string | null {
  const url = absoluteUrl(href.trim(), base);
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}

// Elements that make the browser load something, the attribute holding the address, and what it is.
const LOADING_ELEMENTS: ReadonlyArray<{ tag: string; attribute: string; kind: ResourceKind }> = [
  { tag: 'script', attribute: 'src', kind: 'script' },
  { tag: 'img', attribute: 'src', kind: 'image' },
  { tag: 'iframe', attribute: 'src', kind: 'frame' },
  { tag: 'frame', attribute: 'src', kind: 'frame' },
  { tag: 'video', attribute: 'src', kind: 'media' },
  { tag: 'audio', attribute: 'src', kind: 'media' },
  { tag: 'source', attribute: 'src', kind: 'media' },
  { tag: 'embed', attribute: 'src', kind: 'object' },
  { tag: 'object', attribute: 'data', kind: 'object' },
];

function linkKind(link: Element): ResourceKind | null {
  const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
  if (rel.includes('stylesheet')) return 'style';
  if (rel.includes('icon')) return 'image';
  if (rel.includes('modulepreload')) return 'script';
  if (rel.includes('preload') || rel.includes('prefetch')) {
    const as = (link.getAttribute('as') ?? '').toLowerCase();
    return as === 'script' ? 'script' : as === 'style' ? 'style' : as === 'image' ? 'image' : as === 'fetch' ? 'data' : 'other';
  }
  return null;
}

// Resource timing's initiatorType, as a kind: 'img' and CSS backgrounds are images, fetches are data.
const TIMING_KINDS: Record<string, ResourceKind> = {
  script: 'script',
  link: 'style',
  css: 'image',
  img: 'image',
  image: 'image',
  iframe: 'frame',
  frame: 'frame',
  xmlhttprequest: 'data',
  fetch: 'data',
  beacon: 'data',
  video: 'media',
  audio: 'media',
  track: 'media',
  embed: 'object',
  object: 'object',
};

function readResources(doc: Document, url: string, loaded: readonly LoadedResource[], snapshot: PageSnapshot): void {
  const add = (origin: string | null, kind: ResourceKind): void => {
    if (!origin || snapshot.resources.length >= LIMITS.resources) return;
    if (!snapshot.resources.some((resource) => resource.origin === origin && resource.kind === kind)) snapshot.resources.push({ origin, kind });
  };
  for (const { tag, attribute, kind } of LOADING_ELEMENTS) {
    for (const element of firstOf(doc.getElementsByTagName(tag), LIMITS.resourceElements)) {
      const address = element.getAttribute(attribute);
      if (address) add(httpOrigin(address, url), kind);
    }
  }
  for (const link of firstOf(doc.getElementsByTagName('link'), LIMITS.resourceElements)) {
    const kind = linkKind(link);
    const href = link.getAttribute('href');
    if (kind && href) add(httpOrigin(href, url), kind);
  }
  // The newest entries: a viewer that loaded thousands of images keeps the browser's buffer full.
  for (const entry of loaded.slice(-LIMITS.resourceTimingEntries)) add(httpOrigin(entry.name, url), TIMING_KINDS[entry.initiatorType] ?? 'other');
}

// Hidden the way scripts and templates hide things: the hidden attribute, or an inline display: none or
// visibility: hidden on the element or an ancestor. Attributes only: no layout is forced.
// Ancestors can be forms, whose fields shadow their members: attributes are read through the originals.
function isHidden(element: Element, dom: ElementOriginals): boolean {
  let current: Element | null = element;
  for (let depth = 0; current && depth < LIMITS.warningAncestors; depth++, current = current.parentElement) {
    if (current.tagName === 'TEMPLATE' || dom.attribute(current, 'hidden') !== null) return true;
    if (/(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(dom.attribute(current, 'style') ?? '')) return true;
  }
  return false;
}

/** Which products' own warning banners (products.ts) are on the page and not hidden. */
function readShownWarnings(doc: Document, snapshot: PageSnapshot, dom: ElementOriginals): void {
  for (const { id, className } of WARNING_BANNERS) {
    if (snapshot.shownWarnings.includes(id)) continue;
    if (firstOf(doc.getElementsByClassName(className), LIMITS.warningElements).some((banner) => !isHidden(banner, dom))) snapshot.shownWarnings.push(id);
  }
}

function addUnique(list: string[], item: string | null, max: number): void {
  if (item && list.length < max && !list.includes(item)) list.push(item);
}

/** The first `max` items of a live collection, without touching the rest (its length would walk it all). */
function firstOf<T>(collection: { item(index: number): T | null }, max: number): T[] {
  const items: T[] = [];
  for (let item = collection.item(0); item && items.length < max; item = collection.item(items.length)) items.push(item);
  return items;
}

function cellTexts(row: Element): string[] {
  const cells: string[] = [];
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    const role = cell.getAttribute('role');
    if (cell.tagName === 'TD' || cell.tagName === 'TH' || role === 'cell' || role === 'gridcell' || role === 'columnheader') {
      cells.push(clip(cell.textContent, LIMITS.cellChars));
    }
  }
  return cells;
}

function isHeaderRow(row: Element): boolean {
  return row.querySelector(':scope > th') !== null && row.querySelector(':scope > td') === null;
}

function readTable(table: Element): SnapshotTable {
  let headers: string[] = [];
  const sample: string[][] = [];
  // Look at the first rows only: the header and a sample of records.
  for (const row of firstOf(table.getElementsByTagName('tr'), LIMITS.rowsPerTable + 3)) {
    if (headers.length === 0 && isHeaderRow(row)) headers = cellTexts(row).slice(0, LIMITS.headersPerTable);
    else if (sample.length < LIMITS.rowsPerTable && row.querySelector(':scope > td') !== null) sample.push(cellTexts(row));
  }
  return { headers, rows: sample };
}

// Forms are read through the element originals: their fields can shadow their members (element-originals.ts).
function readForm(form: HTMLFormElement, pageUrl: string, dom: ElementOriginals): SnapshotForm {
  const elements = dom.formFields(form);
  const fields = elements ? firstOf(elements, LIMITS.fieldsPerForm) : [];
  return {
    action: absoluteUrl(dom.attribute(form, 'action') ?? '', pageUrl) ?? pageUrl,
    method: (dom.attribute(form, 'method') ?? 'get').toLowerCase(),
    hasPasswordField: dom.querySelector(form, 'input[type="password" i]') !== null,
    fieldNames: fields.map((field) => (field.getAttribute('name') ?? field.getAttribute('id') ?? field.getAttribute('type') ?? '').toLowerCase()),
  };
}

// Deeper JSON than this is no archive answer; it could not even be passed to the background.
function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let seen = 0;
  while (pending.length > 0 && seen++ < 200_000) {
    const { node, depth } = pending.pop()!;
    if (depth > limit) return true;
    if (node && typeof node === 'object') for (const child of Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}

// Chrome and Firefox show a JSON or text document inside a <pre>; the JSON itself is its text.
function readJsonDocument(doc: Document): unknown {
  const holder = doc.querySelector('pre') ?? doc.body;
  const raw = holder?.textContent ?? '';
  if (raw.length === 0 || raw.length > LIMITS.jsonChars) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return deeperThan(parsed, LIMITS.jsonDepth) ? null : parsed;
  } catch {
    return null;
  }
}

/** A number per record-like element, so label/value pairs can be grouped by patient. */
function blockNumbers(dom: ElementOriginals): (element: Element | null) => number {
  const numbers = new Map<Element, number>();
  return (element) => {
    const block = element ? dom.closest(element, BLOCK_SELECTOR) : null;
    if (!block) return 0;
    let number = numbers.get(block);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(block, number);
    }
    return number;
  };
}

export function readPage(doc: Document, url: string, loaded: readonly LoadedResource[] = []): PageSnapshot {
  const snapshot = emptySnapshot(url);
  snapshot.title = clip(doc.title, 300);
  snapshot.lang = clip(doc.documentElement?.getAttribute('lang'), 20).toLowerCase();
  snapshot.contentType = doc.contentType || 'text/html';
  if (/json/i.test(snapshot.contentType)) snapshot.json = readJsonDocument(doc);
  const root = doc.documentElement;
  if (!root) return snapshot;
  const dom = elementOriginals(root);

  for (const meta of firstOf(doc.getElementsByTagName('meta'), 50)) {
    const name = (meta.getAttribute('name') ?? '').toLowerCase();
    if (name === 'generator' || name === 'application-name') snapshot.generator = clip(`${snapshot.generator} ${meta.getAttribute('content') ?? ''}`, 200);
  }
  for (const link of firstOf(doc.getElementsByTagName('a'), LIMITS.links)) {
    const href = link.getAttribute('href');
    if (href !== null) snapshot.links.push({ href, text: clip(link.textContent, 200) });
  }
  for (const script of firstOf(doc.getElementsByTagName('script'), LIMITS.hosts * 2)) {
    const src = script.getAttribute('src');
    if (src) addUnique(snapshot.scriptUrls, absoluteUrl(src, url), LIMITS.hosts);
  }
  readResources(doc, url, loaded, snapshot);
  readShownWarnings(doc, snapshot, dom);
  // Layout tables (empty, or one row of navigation links) must not use up the table limit before the
  // study list: tables that look like lists (a header row, or two rows or more) come first.
  const tables = firstOf(doc.getElementsByTagName('table'), LIMITS.tables * 5)
    .map(readTable)
    .filter((table) => table.headers.length > 0 || table.rows.some((row) => row.some((cell) => cell !== '')));
  const listLike = (table: SnapshotTable): boolean => table.headers.length > 0 || table.rows.length >= 2;
  snapshot.tables = [...tables.filter(listLike), ...tables.filter((table) => !listLike(table))].slice(0, LIMITS.tables);
  // document.forms holds HTML forms only: an SVG or MathML element named "form" has no fields.
  snapshot.forms = firstOf(doc.forms, LIMITS.forms).map((form) => readForm(form, url, dom));
  snapshot.passwordFieldCount = doc.querySelectorAll('input[type="password" i]').length;

  // ids and class names of the first elements: how viewers are recognised by their markup.
  const elements = doc.createTreeWalker(root, SHOW_ELEMENT);
  for (let node = elements.currentNode as Element | null; node && snapshot.nodesVisited < LIMITS.markerElements; node = elements.nextNode() as Element | null) {
    snapshot.nodesVisited++;
    const id = dom.attribute(node, 'id');
    if (id) addUnique(snapshot.markers, `#${id}`, LIMITS.markers);
    const classNames = dom.attribute(node, 'class');
    if (classNames) for (const name of classNames.split(/\s+/)) if (name) addUnique(snapshot.markers, `.${name}`, LIMITS.markers);
    if (HEADING_TAGS.has(node.tagName) && snapshot.headings.length < LIMITS.headings) snapshot.headings.push(clip(node.textContent, 200));
  }

  // Text, node by node: the text sample, "Label: value" pairs, and headings inside records
  // (Orthanc Explorer puts the patient's name in an <h3> per list item).
  const blockOf = blockNumbers(dom);
  // An element whose text was taken whole (a label cell, a heading) is taken once, not per text node.
  const taken = new Set<Element>();
  const texts = doc.createTreeWalker(root, SHOW_TEXT);
  const sample: string[] = [];
  let sampleLength = 0;
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (snapshot.nodesVisited >= LIMITS.nodes) {
      snapshot.truncated = true;
      break;
    }
    snapshot.nodesVisited++;
    const raw = node.nodeValue;
    const parent = node.parentElement;
    if (!raw || !parent) continue;
    const tag = parent.tagName;
    if (SKIPPED_PARENTS.has(tag)) continue;
    // Most text is neither needed for the sample (once it is full) nor a label: skip it cheaply.
    const sampleOpen = sampleLength < LIMITS.textChars;
    // A label starts with a letter: "05-Jan-2024 10:00" in a file listing is not one.
    const maybeLabel = (raw.includes(':') && STARTS_WITH_LETTER.test(raw)) || HEADING_TAGS.has(tag) || tag === 'TH' || tag === 'DT';
    if ((!sampleOpen && !maybeLabel) || !/\S/.test(raw)) continue;
    const text = clip(raw, 500);
    if (sampleOpen) {
      sample.push(text);
      sampleLength += text.length + 1;
    }
    if (!maybeLabel || snapshot.labelValues.length >= LIMITS.labelValues || taken.has(parent)) continue;
    const inline = text.includes(':') ? LABEL_VALUE_TEXT.exec(text) : null;
    if (inline) {
      snapshot.labelValues.push({ label: inline[1]!, value: inline[2]!, block: blockOf(parent) });
    } else if (text.endsWith(':') && text.length <= 41) {
      // "PatientID: <strong>123</strong>" — the value is the next element.
      const valueElement = node.nextSibling?.nodeType === 1 ? (node.nextSibling as Element) : null;
      if (valueElement) snapshot.labelValues.push({ label: text.slice(0, -1), value: clip(valueElement.textContent, LIMITS.cellChars), block: blockOf(parent) });
    } else if (HEADING_TAGS.has(tag)) {
      taken.add(parent);
      const block = blockOf(parent);
      if (block !== 0) snapshot.labelValues.push({ label: '', value: clip(parent.textContent, 200), block });
    } else if (tag === 'TH' && parent.nextElementSibling?.tagName === 'TD' && parent.parentElement?.childElementCount === 2) {
      // A two-cell row with a header cell is a label and its value: <tr><th>Patient ID</th><td>…</td></tr>.
      taken.add(parent);
      snapshot.labelValues.push({ label: clip(parent.textContent, 60), value: clip(parent.nextElementSibling.textContent, LIMITS.cellChars), block: blockOf(parent) });
    } else if (tag === 'DT' && parent.nextElementSibling?.tagName === 'DD') {
      taken.add(parent);
      snapshot.labelValues.push({ label: clip(parent.textContent, 60), value: clip(parent.nextElementSibling.textContent, LIMITS.cellChars), block: blockOf(parent) });
    }
  }
  snapshot.text = sample.join(' ').slice(0, LIMITS.textChars);
  return snapshot;
}
