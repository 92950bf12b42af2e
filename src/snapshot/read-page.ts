// The one place that touches the DOM for the full check. It copies what the checks need into plain
// data, and every part of the work is bounded, so a page of a million elements costs no more than one
// of twenty thousand:
//  - lists the browser keeps anyway (document.links, forms, scripts, images, tables) are read up to
//    their limits, never scanned whole;
//  - text is read node by node with a TreeWalker, up to SNAPSHOT_LIMITS.nodes text nodes;
//  - the text of cells is read as a person sees it, split where elements start and end, within a node
//    budget per cell and for all cells (textContent would glue <div>DOE^JANE</div><div>X1</div>);
//  - lists of records are read from tables (also when the header row is in a table of its own), from
//    ARIA grids (anywhere in a page of up to SNAPSHOT_LIMITS.gridQueryElements elements, among the first
//    SNAPSHOT_LIMITS.gridSearchElements elements of a larger one),
//    and from repeated sibling elements around a person's name (rows of divs, list items);
//  - ids and class names are read from the first SNAPSHOT_LIMITS.markerElements elements;
//  - what the page loads is reduced to origins (never paths or queries), from the elements that ask for
//    it and from the resource-timing entries the caller passes in.
// It never calls layout-forcing APIs (innerText, getBoundingClientRect, getComputedStyle): textContent,
// nodeValue and attributes only. Works on any Document: the live page, a DOMParser result (the
// no-login re-check) or happy-dom in tests.

import { elementOriginals, type ElementOriginals } from './element-originals';
import { runInSlices, runToEnd, type Steps, type WorkTime } from './slices';
import { WARNING_BANNERS } from '../analysis/products';
import { letterPattern } from '../patient-data/letter-pattern';
import { isCommaPersonName, isDicomPersonName } from '../patient-data/values';
import {
  emptySnapshot,
  SNAPSHOT_LIMITS as LIMITS,
  TEXT_PART_SEPARATOR,
  type PageSnapshot,
  type ResourceKind,
  type SnapshotForm,
  type SnapshotTable,
} from './snapshot';

/** What the browser's resource timing says the page loaded: performance.getEntriesByType('resource'). */
export interface LoadedResource {
  name: string;
  initiatorType: string;
}

// Where the read may pause (slices.ts): after this many nodes, rows or elements. Each piece of work
// between two pauses should stay well under the slice's 2 ms, so that a slice ends close to it. Measured
// in the extension's first read of the benchmark's pages, where every node still needs its wrapper made:
// 256 text nodes between two pauses took 1 to 2 ms (4 to 8 µs a node, its parent's wrapper included),
// the grid search's 1,024 elements up to 4 ms (bench/, issue 15).
const STEP = { nodes: 64, rows: 4, elements: 64, links: 32 } as const;

// Text inside these is not page text.
const SKIPPED_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE']);
// Elements that usually hold one record: a list item, a table row, a definition list, a card.
const BLOCK_SELECTOR = 'li, tr, dl, tbody, table, section, article, fieldset, form, ul, ol';
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LABEL_VALUE_TEXT = /^([^:\n]{2,40}?)\s*:\s*([^\n]{1,120})$/;
const STARTS_WITH_LETTER = letterPattern(String.raw`^\s*\p{L}`, 'u');
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const TEXT_NODE = 3;
// Elements read as part of the text around them: no break at their edges. Every other element starts
// a new part, <span> too: flex and grid layouts show spans as separate items ("Jan 5, 2024" "10:00").
const INLINE_TAGS = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR']);
const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
// A name inside these is in a table or grid, read by their readers; the climb for a list stops there.
const TABLE_PARTS = new Set(['TD', 'TH', 'TR', 'TABLE', 'BODY', 'HTML']);

/**
 * Only white space; decided by the first character when that is a printable ASCII one (most text). trim()
 * removes exactly what \s matches (both are the spec's WhiteSpace and LineTerminator), at half the cost
 * of a pattern on the thousands of blank nodes of a page (Node, 8,000 nodes: 1.0 instead of 2.4 ms cold).
 */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  return first > 32 && first < 127 ? false : text.trim() === '';
}

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

// Each list the browser finds by tag name may walk the whole document when the page has none of them:
// a pause after each.
function* readResources(doc: Document, url: string, loaded: readonly LoadedResource[], snapshot: PageSnapshot): Steps<void> {
  const add = (origin: string | null, kind: ResourceKind): void => {
    if (!origin || snapshot.resources.length >= LIMITS.resources) return;
    if (!snapshot.resources.some((resource) => resource.origin === origin && resource.kind === kind)) snapshot.resources.push({ origin, kind });
  };
  for (const { tag, attribute, kind } of LOADING_ELEMENTS) {
    for (const element of firstOf(doc.getElementsByTagName(tag), LIMITS.resourceElements)) {
      const address = element.getAttribute(attribute);
      if (address) add(httpOrigin(address, url), kind);
    }
    yield;
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

/**
 * Visits the descendants of `root` depth first. Through a TreeWalker, whose methods a page cannot
 * clobber (a form's fields shadow the form's own firstChild, nextSibling, …). `enter` says whether to go
 * into a node's children, or to stop the walk; `leave` runs after a node and its children. At most
 * `budget` nodes are visited; returns how many were.
 */
function* walkDescendantsInSteps(
  doc: Document,
  root: Node,
  whatToShow: number,
  budget: number,
  enter: (node: Node) => boolean | 'stop',
  leave?: (node: Node) => void,
): Steps<number> {
  const walker = doc.createTreeWalker(root, whatToShow);
  let visited = 0;
  if (!walker.firstChild()) return 0;
  for (;;) {
    if (visited >= budget) return visited;
    if (++visited % STEP.nodes === 0) yield;
    const node = walker.currentNode;
    const into = enter(node);
    if (into === 'stop') return visited;
    if (into && walker.firstChild()) continue;
    leave?.(node);
    while (!walker.nextSibling()) {
      const parent = walker.parentNode();
      if (!parent || parent === root) return visited;
      leave?.(parent);
    }
  }
}

/** walkDescendantsInSteps without pauses, for walks that are short anyway (one cell's text). */
function walkDescendants(...walk: Parameters<typeof walkDescendantsInSteps>): number {
  return runToEnd(walkDescendantsInSteps(...walk));
}

/** An element's child elements, at most `max`. */
function childElements(doc: Document, parent: Element, max: number): Element[] {
  const walker = doc.createTreeWalker(parent, SHOW_ELEMENT);
  const children: Element[] = [];
  for (let child = walker.firstChild(); child && children.length < max; child = walker.nextSibling()) children.push(child as Element);
  return children;
}

type TextReader = (element: Element, max: number) => string;

/**
 * Reads an element's text as a person sees it: split into parts where elements other than inline ones
 * start and end, each part with its spaces collapsed, the parts joined with TEXT_PART_SEPARATOR, at most
 * `max` characters. All the texts read share one node budget (SNAPSHOT_LIMITS.cellNodes).
 */
function textReader(doc: Document): TextReader {
  let budget = LIMITS.cellNodes;
  return (element, max) => {
    const parts: string[] = [];
    let length = 0;
    let current = '';
    const endPart = (): void => {
      const part = current.replace(/\s+/g, ' ').trim();
      current = '';
      if (part) {
        parts.push(part);
        length += part.length + 1;
      }
    };
    const isBreak = (node: Node): boolean => node.nodeType !== TEXT_NODE && !INLINE_TAGS.has((node as Element).tagName);
    budget -= walkDescendants(
      doc,
      element,
      SHOW_ELEMENT | SHOW_TEXT,
      Math.min(budget, LIMITS.nodesPerCell),
      (node) => {
        if (length >= max) return 'stop';
        if (node.nodeType === TEXT_NODE) {
          if (current.length < max * 4) current += (node.nodeValue ?? '').slice(0, max * 4);
          return false;
        }
        if (SKIPPED_PARENTS.has((node as Element).tagName)) return false;
        if (isBreak(node)) endPart();
        return true;
      },
      (node) => {
        if (isBreak(node)) endPart();
      },
    );
    endPart();
    return parts.join(TEXT_PART_SEPARATOR).slice(0, max);
  };
}

function cellTexts(doc: Document, row: Element, read: TextReader, dom: ElementOriginals): string[] {
  const cells: string[] = [];
  for (const cell of childElements(doc, row, LIMITS.headersPerTable)) {
    const role = dom.attribute(cell, 'role');
    if (cell.tagName === 'TD' || cell.tagName === 'TH' || (role !== null && CELL_ROLES.has(role))) cells.push(read(cell, LIMITS.cellChars));
  }
  return cells;
}

// A row of header cells, or any row of a <thead> (grids often use <td> there).
function isHeaderRow(row: Element, dom: ElementOriginals): boolean {
  if (dom.querySelector(row, ':scope > td') === null) return dom.querySelector(row, ':scope > th') !== null;
  return row.parentElement?.tagName === 'THEAD';
}

function* readTable(doc: Document, table: Element, read: TextReader, dom: ElementOriginals): Steps<SnapshotTable> {
  let headers: string[] = [];
  const sample: string[][] = [];
  // Look at the first rows only: the header and a sample of records.
  const rows = firstOf(table.getElementsByTagName('tr'), LIMITS.rowsPerTable + 3);
  for (const [index, row] of rows.entries()) {
    if (index % STEP.rows === STEP.rows - 1) yield;
    if (headers.length === 0 && isHeaderRow(row, dom)) headers = cellTexts(doc, row, read, dom);
    else if (sample.length < LIMITS.rowsPerTable && dom.querySelector(row, ':scope > td') !== null) sample.push(cellTexts(doc, row, read, dom));
  }
  return { headers, rows: sample };
}

/**
 * Virtualised grids draw their header row in a table of its own, and the rows in the next one (OHIF
 * 3.13's study list). A table of headers only lends them to the next table when that one has no header
 * and its rows have as many cells; the header table is then left out.
 */
function joinSeparateHeaders(tables: SnapshotTable[]): SnapshotTable[] {
  const joined: SnapshotTable[] = [];
  for (let index = 0; index < tables.length; index++) {
    const table = tables[index]!;
    const next = tables[index + 1];
    // Its own rows, if any, are filters and buttons (OHIF 3.13 keeps its filter inputs there): no values.
    const headerOnly = table.headers.length > 0 && table.rows.every((row) => row.filter((cell) => cell !== '').length <= 1);
    if (headerOnly && next && next.headers.length === 0 && next.rows.some((row) => row.length === table.headers.length)) {
      joined.push({ headers: table.headers, rows: next.rows });
      index++;
    } else {
      joined.push(table);
    }
  }
  return joined;
}

// Where a page has at most gridQueryElements elements, grids are found with one selector query, anywhere
// in it: about 1 ms in Chromium, where walking 10,000 elements in script took 3 to 6 ms (each element
// needs its wrapper made). In a larger page a query would test every element in one task (19 ms at
// 240,000 elements), so grids are looked for among the first gridSearchElements elements, in slices;
// virtualised grids keep their DOM small, so theirs come early. Tables with a role are read as tables.
function* gridRoots(doc: Document, root: Element, dom: ElementOriginals): Steps<Element[]> {
  const roots: Element[] = [];
  const isGridRoot = (element: Element, role: string | null): boolean => (role === 'grid' || role === 'treegrid' || role === 'table') && element.tagName !== 'TABLE';
  // The root is <html>: no form, so its own members are safe to call.
  if (root.getElementsByTagName('*').item(LIMITS.gridQueryElements) === null) {
    yield;
    const found = root.querySelectorAll('[role="grid"], [role="treegrid"], [role="table"]');
    for (let index = 0; index < found.length && roots.length < LIMITS.tables; index++) {
      const element = found.item(index);
      if (isGridRoot(element, dom.attribute(element, 'role'))) roots.push(element);
    }
    return roots;
  }
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT);
  let looked = 0;
  for (let node = walker.nextNode(); node && looked++ < LIMITS.gridSearchElements && roots.length < LIMITS.tables; node = walker.nextNode()) {
    if (looked % STEP.elements === 0) yield;
    if (isGridRoot(node as Element, dom.attribute(node as Element, 'role'))) roots.push(node as Element);
  }
  return roots;
}

/** ARIA grids built from any elements: rows (role row) of cells (gridcell, cell, columnheader, rowheader). */
function* readAriaGrids(doc: Document, root: Element, read: TextReader, dom: ElementOriginals): Steps<SnapshotTable[]> {
  const grids: SnapshotTable[] = [];
  let budget = LIMITS.gridElements;
  for (const grid of yield* gridRoots(doc, root, dom)) {
    if (budget <= 0 || grids.length >= LIMITS.tables) break;
    const table: SnapshotTable = { headers: [], rows: [] };
    let row: Element | null = null;
    let cells: string[] = [];
    let headerCells = 0;
    budget -= yield* walkDescendantsInSteps(
      doc,
      grid,
      SHOW_ELEMENT,
      budget,
      (element) => {
        if (table.rows.length >= LIMITS.rowsPerTable) return 'stop';
        const role = dom.attribute(element as Element, 'role');
        if (role === 'row' && row === null) {
          row = element as Element;
          cells = [];
          headerCells = 0;
        } else if (role !== null && CELL_ROLES.has(role)) {
          if (row !== null && cells.length < LIMITS.headersPerTable) cells.push(read(element as Element, LIMITS.cellChars));
          if (role === 'columnheader') headerCells++;
          return false;
        }
        return true;
      },
      (element) => {
        if (element !== row) return;
        row = null;
        if (cells.length === 0) return;
        // A header row may hold a cell that is no header (a select-all box); a row of mostly headers is one.
        if (headerCells * 2 > cells.length) {
          if (table.headers.length === 0) table.headers = cells;
        } else {
          table.rows.push(cells);
        }
      },
    );
    if (table.headers.length > 0 || table.rows.length > 0) grids.push(table);
  }
  return joinSeparateHeaders(grids);
}

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1 && typeof (node as Element).tagName === 'string';
}

/** Same tag, same role, and a class in common (or none on either): items of one list. */
function sameShape(element: Element, other: unknown, dom: ElementOriginals): boolean {
  if (!isElement(other) || other.tagName !== element.tagName || dom.attribute(other, 'role') !== dom.attribute(element, 'role')) return false;
  const classes = (dom.attribute(element, 'class') ?? '').split(/\s+/).filter(Boolean);
  const otherClasses = (dom.attribute(other, 'class') ?? '').split(/\s+/).filter(Boolean);
  return classes.length === 0 ? otherClasses.length === 0 : classes.some((name) => otherClasses.includes(name));
}

/**
 * Lists of records that are neither tables nor grids: sibling elements of the same shape (rows of
 * divs, list items), found from a person's name inside one of them. The name's ancestors are climbed
 * to the first one that holds more than the name and has a sibling of its shape; its parent's items of
 * that shape are the rows, each row the parts of its text. Tables and grids are left to their own readers.
 */
function repeatedRowsReader(
  doc: Document,
  read: TextReader,
  dom: ElementOriginals,
): { wantsNames(): boolean; fromName(element: Element): Steps<void>; lists: SnapshotTable[] } {
  const lists: SnapshotTable[] = [];
  const seen = new Set<Element>();
  let seeds = 0;
  const wantsNames = (): boolean => lists.length < LIMITS.repeatedLists && seeds < LIMITS.rowSeeds;
  const fromName = function* (start: Element): Steps<void> {
    if (!wantsNames()) return;
    seeds++;
    let element: unknown = start;
    for (let depth = 0; isElement(element) && depth < LIMITS.rowAncestors; depth++, element = element.parentElement) {
      const role = dom.attribute(element, 'role');
      if (TABLE_PARTS.has(element.tagName) || role === 'row' || (role !== null && CELL_ROLES.has(role))) return;
      if (!sameShape(element, element.previousElementSibling, dom) && !sameShape(element, element.nextElementSibling, dom)) continue;
      const list = element.parentElement;
      if (!isElement(list) || seen.has(list)) return;
      // A row holds several values; the name's own <span> among its sibling cells does not.
      if (!read(element, LIMITS.cellChars * 4).includes(TEXT_PART_SEPARATOR)) continue;
      seen.add(list);
      const rows: string[][] = [];
      for (const item of childElements(doc, list, LIMITS.rowsPerTable * 3)) {
        if (rows.length >= LIMITS.rowsPerTable) break;
        if (!sameShape(element, item, dom)) continue;
        if (rows.length % STEP.rows === STEP.rows - 1) yield;
        const parts = read(item, LIMITS.cellChars * 4).split(TEXT_PART_SEPARATOR);
        rows.push(parts.slice(0, LIMITS.headersPerTable).map((part) => part.slice(0, LIMITS.cellChars)));
      }
      lists.push({ headers: [], rows });
      return;
    }
  };
  return { wantsNames, fromName, lists };
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

/** What the page says about itself and what it loads: meta, links, scripts, resources, shown warnings. */
function* readPageSignals(doc: Document, url: string, loaded: readonly LoadedResource[], snapshot: PageSnapshot, dom: ElementOriginals): Steps<void> {
  for (const meta of firstOf(doc.getElementsByTagName('meta'), 50)) {
    const name = (meta.getAttribute('name') ?? '').toLowerCase();
    if (name === 'generator' || name === 'application-name') snapshot.generator = clip(`${snapshot.generator} ${meta.getAttribute('content') ?? ''}`, 200);
  }
  yield;
  for (const [index, link] of firstOf(doc.getElementsByTagName('a'), LIMITS.links).entries()) {
    if (index % STEP.links === STEP.links - 1) yield;
    const href = link.getAttribute('href');
    if (href !== null) snapshot.links.push({ href, text: clip(link.textContent, 200) });
  }
  for (const script of firstOf(doc.getElementsByTagName('script'), LIMITS.hosts * 2)) {
    const src = script.getAttribute('src');
    if (src) addUnique(snapshot.scriptUrls, absoluteUrl(src, url), LIMITS.hosts);
  }
  yield;
  yield* readResources(doc, url, loaded, snapshot);
  readShownWarnings(doc, snapshot, dom);
  yield;
}

/** ids and class names of the first elements, and headings: how viewers are recognised by their markup. */
function* readMarkers(doc: Document, root: Element, snapshot: PageSnapshot, dom: ElementOriginals): Steps<void> {
  const elements = doc.createTreeWalker(root, SHOW_ELEMENT);
  for (let node = elements.currentNode as Element | null; node && snapshot.nodesVisited < LIMITS.markerElements; node = elements.nextNode() as Element | null) {
    if (++snapshot.nodesVisited % STEP.nodes === 0) yield;
    const id = dom.attribute(node, 'id');
    if (id) addUnique(snapshot.markers, `#${id}`, LIMITS.markers);
    const classNames = dom.attribute(node, 'class');
    if (classNames) for (const name of classNames.split(/\s+/)) if (name) addUnique(snapshot.markers, `.${name}`, LIMITS.markers);
    if (HEADING_TAGS.has(node.tagName) && snapshot.headings.length < LIMITS.headings) snapshot.headings.push(clip(node.textContent, 200));
  }
}

/**
 * What a read is for: the whole snapshot of a page ('page'), or only what findPatientRecords uses
 * ('records': tables, grids, lists around names, label/value pairs, JSON), for the no-login re-check's
 * copy of the page (recheck-without-credentials.ts). It leaves out links, resources, forms, ids and
 * classes and the text sample: reading the copy of the benchmark's 10,000-element study list took 39
 * instead of 60 ms, of its directory listing 31 instead of 51 ms (Chromium, first read in a fresh page,
 * medians of 9). Its records are the same (a unit test compares them).
 */
export type ReadPurpose = 'page' | 'records';

/** The whole read in one go (tests, the benchmark's check pass). */
export function readPage(doc: Document, url: string, loaded: readonly LoadedResource[] = [], purpose: ReadPurpose = 'page'): PageSnapshot {
  return runToEnd(readPageInSteps(doc, url, loaded, purpose));
}

/**
 * The same read, in slices of at most sliceMs with the page's own tasks in between (the live page, the
 * re-check's answer); `work` adds up the time spent reading.
 */
export function readPageInSlices(doc: Document, url: string, loaded: readonly LoadedResource[] = [], sliceMs?: number, work?: WorkTime): Promise<PageSnapshot> {
  return runInSlices(readPageInSteps(doc, url, loaded), sliceMs, work);
}

/** Only what patient records are found in (ReadPurpose 'records'), in slices: the re-check's copy. */
export function readRecordsInSlices(doc: Document, url: string): Promise<PageSnapshot> {
  return runInSlices(readPageInSteps(doc, url, [], 'records'));
}

/** The read as steps that may pause (slices.ts); readPage and readPageInSlices run it. */
export function* readPageInSteps(doc: Document, url: string, loaded: readonly LoadedResource[], purpose: ReadPurpose = 'page'): Steps<PageSnapshot> {
  const whole = purpose === 'page';
  const snapshot = emptySnapshot(url);
  snapshot.title = clip(doc.title, 300);
  snapshot.lang = clip(doc.documentElement?.getAttribute('lang'), 20).toLowerCase();
  snapshot.contentType = doc.contentType || 'text/html';
  if (/json/i.test(snapshot.contentType)) snapshot.json = readJsonDocument(doc);
  const root = doc.documentElement;
  if (!root) return snapshot;
  const dom = elementOriginals(root);

  if (whole) yield* readPageSignals(doc, url, loaded, snapshot, dom);
  const read = textReader(doc);
  const tablesRead: SnapshotTable[] = [];
  for (const table of firstOf(doc.getElementsByTagName('table'), LIMITS.tables * 5)) {
    yield;
    tablesRead.push(yield* readTable(doc, table, read, dom));
  }
  const tables = joinSeparateHeaders(tablesRead);
  const grids = yield* readAriaGrids(doc, root, read, dom);
  const repeatedRows = repeatedRowsReader(doc, read, dom);
  if (whole) {
    // document.forms holds HTML forms only: an SVG or MathML element named "form" has no fields.
    yield;
    snapshot.forms = firstOf(doc.forms, LIMITS.forms).map((form) => readForm(form, url, dom));
    snapshot.passwordFieldCount = doc.querySelectorAll('input[type="password" i]').length;
    yield;
    yield* readMarkers(doc, root, snapshot, dom);
  } else {
    // The text gets the node budget a whole read leaves it: the markers' walk visits the root and its
    // descendants up to markerElements in all (counted here by the browser, no element read).
    const descendants = root.getElementsByTagName('*');
    snapshot.nodesVisited = descendants.item(LIMITS.markerElements - 2) === null ? 1 + descendants.length : LIMITS.markerElements;
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
    if (++snapshot.nodesVisited % STEP.nodes === 0) yield;
    const raw = node.nodeValue;
    // Spaces between elements (two thirds of the text nodes of the captured Orthanc Explorer and listing
    // pages) count for nothing: their parent is not looked up.
    if (!raw || isBlank(raw)) continue;
    const parent = node.parentElement;
    if (!parent) continue;
    const tag = parent.tagName;
    if (SKIPPED_PARENTS.has(tag)) continue;
    // A person's name in a list that is no table: where the rows are (checked cheaply before the full test).
    if (raw.length <= 100 && (raw.includes('^') || raw.includes(',')) && repeatedRows.wantsNames() && (isDicomPersonName(raw) || isCommaPersonName(raw))) {
      yield* repeatedRows.fromName(parent);
    }
    // Most text is neither needed for the sample (once it is full) nor a label: skip it cheaply.
    const sampleOpen = whole && sampleLength < LIMITS.textChars;
    // A label starts with a letter: "05-Jan-2024 10:00" in a file listing is not one.
    const maybeLabel = (raw.includes(':') && STARTS_WITH_LETTER.test(raw)) || HEADING_TAGS.has(tag) || tag === 'TH' || tag === 'DT';
    if (!sampleOpen && !maybeLabel) continue;
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
      if (valueElement) snapshot.labelValues.push({ label: text.slice(0, -1), value: read(valueElement, LIMITS.cellChars), block: blockOf(parent) });
    } else if (HEADING_TAGS.has(tag)) {
      taken.add(parent);
      const block = blockOf(parent);
      if (block !== 0) snapshot.labelValues.push({ label: '', value: read(parent, 200), block });
    } else if (tag === 'TH' && parent.nextElementSibling?.tagName === 'TD' && parent.parentElement?.childElementCount === 2) {
      // A two-cell row with a header cell is a label and its value: <tr><th>Patient ID</th><td>…</td></tr>.
      taken.add(parent);
      snapshot.labelValues.push({ label: clip(parent.textContent, 60), value: read(parent.nextElementSibling, LIMITS.cellChars), block: blockOf(parent) });
    } else if (tag === 'DT' && parent.nextElementSibling?.tagName === 'DD') {
      taken.add(parent);
      snapshot.labelValues.push({ label: clip(parent.textContent, 60), value: read(parent.nextElementSibling, LIMITS.cellChars), block: blockOf(parent) });
    }
  }
  snapshot.text = sample.join(' ').slice(0, LIMITS.textChars);

  // Layout tables (empty, or one row of navigation links) must not use up the table limit before the
  // study list: tables that look like lists (a header row, or two rows or more) come first, and lists
  // found around names keep their places.
  const found = [...tables, ...grids].filter((table) => table.headers.length > 0 || table.rows.some((row) => row.some((cell) => cell !== '')));
  const listLike = (table: SnapshotTable): boolean => table.headers.length > 0 || table.rows.length >= 2;
  snapshot.tables = [...found.filter(listLike).slice(0, LIMITS.tables - repeatedRows.lists.length), ...repeatedRows.lists, ...found.filter((table) => !listLike(table))].slice(
    0,
    LIMITS.tables,
  );
  return snapshot;
}
