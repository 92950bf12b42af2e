// The one place that touches the DOM. It walks the document once, element by element, up to a node
// budget, and copies what the checks need into plain data. It never calls layout-forcing APIs
// (innerText, getBoundingClientRect, getComputedStyle): textContent and attributes only.
// Works on any Document: the live page, a DOMParser result (the no-login re-check) or happy-dom in tests.

import { emptySnapshot, SNAPSHOT_LIMITS as LIMITS, type PageSnapshot, type SnapshotForm, type SnapshotTable } from './snapshot';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS']);
// Elements that usually hold one record: a list item, a table row, a definition list, a card.
const BLOCK_TAGS = new Set(['LI', 'TR', 'DL', 'TBODY', 'TABLE', 'SECTION', 'ARTICLE', 'FIELDSET', 'FORM', 'UL', 'OL']);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LABEL_VALUE_TEXT = /^([^:\n]{2,40}?)\s*:\s*([^\n]{1,120})$/;

function clip(text: string | null | undefined, max: number): string {
  const collapsed = (text ?? '').replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? collapsed.slice(0, max) : collapsed;
}

function absoluteUrl(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

function hostOf(href: string, base: string): string | null {
  const url = absoluteUrl(href, base);
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function pushBounded<T>(list: T[], item: T, max: number): boolean {
  if (list.length >= max) return false;
  list.push(item);
  return true;
}

function addUnique(list: string[], item: string | null, max: number): void {
  if (item && list.length < max && !list.includes(item)) list.push(item);
}

function cellTexts(row: Element): string[] {
  const cells: string[] = [];
  for (const cell of Array.from(row.children)) {
    if (cell.tagName === 'TD' || cell.tagName === 'TH' || cell.getAttribute('role') === 'cell' || cell.getAttribute('role') === 'gridcell') {
      cells.push(clip(cell.textContent, LIMITS.cellChars));
    }
  }
  return cells;
}

function readTable(table: Element): SnapshotTable {
  const rows = Array.from(table.querySelectorAll('tr'));
  const headerRow = rows.find((row) => row.querySelector('th') !== null && row.querySelector('td') === null);
  const headers = headerRow ? cellTexts(headerRow).slice(0, LIMITS.headersPerTable) : [];
  const bodyRows = rows.filter((row) => row !== headerRow && row.querySelector('td') !== null);
  return {
    headers,
    rows: bodyRows.slice(0, LIMITS.rowsPerTable).map(cellTexts),
    rowCount: bodyRows.length,
  };
}

function readForm(form: Element, pageUrl: string): SnapshotForm {
  const fields = Array.from(form.querySelectorAll('input, select, textarea')).slice(0, LIMITS.fieldsPerForm);
  return {
    action: absoluteUrl(form.getAttribute('action') ?? '', pageUrl) ?? pageUrl,
    method: (form.getAttribute('method') ?? 'get').toLowerCase(),
    hasPasswordField: form.querySelector('input[type="password" i]') !== null,
    fieldNames: fields.map((field) => (field.getAttribute('name') ?? field.getAttribute('id') ?? field.getAttribute('type') ?? '').toLowerCase()),
  };
}

// Chrome and Firefox show a JSON or text document inside a <pre>; the JSON itself is its text.
function readJsonDocument(doc: Document): unknown {
  const holder = doc.querySelector('pre') ?? doc.body;
  const raw = holder?.textContent ?? '';
  if (raw.length === 0 || raw.length > LIMITS.jsonChars) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export function readPage(doc: Document, url: string): PageSnapshot {
  const snapshot = emptySnapshot(url);
  snapshot.title = clip(doc.title, 300);
  snapshot.lang = clip(doc.documentElement?.getAttribute('lang'), 20).toLowerCase();
  snapshot.contentType = doc.contentType || 'text/html';
  if (/json/i.test(snapshot.contentType)) snapshot.json = readJsonDocument(doc);

  const root = doc.documentElement;
  if (!root) return snapshot;

  const textParts: string[] = [];
  let textLength = 0;
  let blockCounter = 0;

  // Depth-first, document order, with an explicit stack: deep pages cannot overflow the call stack.
  const stack: Array<{ element: Element; block: number }> = [{ element: root, block: 0 }];
  while (stack.length > 0) {
    if (snapshot.nodesVisited >= LIMITS.nodes) {
      snapshot.truncated = true;
      break;
    }
    const { element, block: parentBlock } = stack.pop()!;
    snapshot.nodesVisited++;
    const tag = element.tagName;
    if (SKIPPED_TAGS.has(tag)) {
      const src = tag === 'SCRIPT' ? element.getAttribute('src') : null;
      if (src) {
        addUnique(snapshot.scriptUrls, absoluteUrl(src, url), LIMITS.hosts);
        addUnique(snapshot.scriptHosts, hostOf(src, url), LIMITS.hosts);
      }
      continue;
    }
    const block = BLOCK_TAGS.has(tag) ? ++blockCounter : parentBlock;

    const id = element.getAttribute('id');
    if (id) addUnique(snapshot.markers, `#${id}`, LIMITS.markers);
    const classNames = element.getAttribute('class');
    if (classNames) for (const name of classNames.split(/\s+/)) if (name) addUnique(snapshot.markers, `.${name}`, LIMITS.markers);

    switch (tag) {
      case 'META': {
        const name = (element.getAttribute('name') ?? '').toLowerCase();
        if (name === 'generator' || name === 'application-name') {
          snapshot.generator = clip(`${snapshot.generator} ${element.getAttribute('content') ?? ''}`, 200);
        }
        break;
      }
      case 'IMG':
        addUnique(snapshot.imageHosts, hostOf(element.getAttribute('src') ?? '', url), LIMITS.hosts);
        break;
      case 'A': {
        const href = element.getAttribute('href');
        if (href !== null) pushBounded(snapshot.links, { href, text: clip(element.textContent, 200) }, LIMITS.links);
        break;
      }
      case 'TABLE':
        if (snapshot.tables.length < LIMITS.tables) snapshot.tables.push(readTable(element));
        break;
      case 'TR': {
        // A two-cell row with a header cell is a label and its value: <tr><th>Patient ID</th><td>…</td></tr>.
        const cells = element.children;
        if (cells.length === 2 && cells[0]!.tagName === 'TH' && cells[1]!.tagName === 'TD') {
          pushBounded(snapshot.labelValues, { label: clip(cells[0]!.textContent, 60), value: clip(cells[1]!.textContent, LIMITS.cellChars), block }, LIMITS.labelValues);
        }
        break;
      }
      case 'DT': {
        const value = element.nextElementSibling;
        if (value?.tagName === 'DD') {
          pushBounded(snapshot.labelValues, { label: clip(element.textContent, 60), value: clip(value.textContent, LIMITS.cellChars), block }, LIMITS.labelValues);
        }
        break;
      }
      case 'FORM':
        if (snapshot.forms.length < LIMITS.forms) snapshot.forms.push(readForm(element, url));
        break;
      case 'INPUT':
        if ((element.getAttribute('type') ?? '').toLowerCase() === 'password') snapshot.passwordFieldCount++;
        break;
    }
    if (HEADING_TAGS.has(tag)) {
      const heading = clip(element.textContent, 200);
      pushBounded(snapshot.headings, heading, LIMITS.headings);
      // A heading inside a record (Orthanc Explorer puts the patient's name in an <h3> per list item)
      // is kept as an unlabelled value of that record.
      if (block !== 0) pushBounded(snapshot.labelValues, { label: '', value: heading, block }, LIMITS.labelValues);
    }

    // Own text nodes: the text sample, and "Label: value" written as text.
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 3) continue;
      const text = clip(child.nodeValue, 500);
      if (text.length === 0) continue;
      if (textLength < LIMITS.textChars) {
        textParts.push(text);
        textLength += text.length + 1;
      }
      if (snapshot.labelValues.length >= LIMITS.labelValues) continue;
      const inline = LABEL_VALUE_TEXT.exec(text);
      if (inline) {
        snapshot.labelValues.push({ label: inline[1]!, value: inline[2]!, block });
      } else if (text.endsWith(':') && text.length <= 41) {
        // "PatientID: <strong>123</strong>" — the value is the next element.
        const valueElement = child.nextSibling?.nodeType === 1 ? (child.nextSibling as Element) : null;
        if (valueElement) snapshot.labelValues.push({ label: text.slice(0, -1), value: clip(valueElement.textContent, LIMITS.cellChars), block });
      }
    }

    const children = element.children;
    for (let index = children.length - 1; index >= 0; index--) stack.push({ element: children[index]!, block });
  }

  snapshot.text = textParts.join(' ').slice(0, LIMITS.textChars);
  return snapshot;
}
