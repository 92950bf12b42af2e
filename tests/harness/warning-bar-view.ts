// Sees the warning bar the way a person does, from outside the page: through the DevTools protocol,
// which reaches into closed shadow roots (DOM.getDocument with pierce) and into the accessibility tree.
// The page's own scripts cannot do any of this; the product needs no test hook for it.

import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShadowElement {
  /** Its text. DevTools leaves out text nodes that are only whitespace. */
  text: string;
  /** Where it is drawn, in CSS pixels of the viewport; null when it is not rendered. */
  box: Box | null;
  /** A click at its centre reaches it: nothing of the page covers it there. */
  onTop: boolean;
  /** The button texts, with where to click each. */
  buttons: Array<{ text: string; box: Box | null }>;
  /** The host is a child of <html> and its shadow root is closed. */
  closedRootOnHtml: boolean;
}

const attribute = (node: DomNode, name: string): string | undefined => {
  const attributes = node.attributes ?? [];
  for (let index = 0; index < attributes.length; index += 2) if (attributes[index] === name) return attributes[index + 1];
  return undefined;
};

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const shadow of node.shadowRoots ?? []) yield* walk(shadow);
  for (const child of node.children ?? []) yield* walk(child);
}

const textOf = (node: DomNode): string =>
  [...walk(node)]
    .filter((candidate) => candidate.nodeType === 3)
    .map((candidate) => candidate.nodeValue)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

async function boxOf(cdp: CDPSession, node: DomNode): Promise<Box | null> {
  try {
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { x: x1!, y: y1!, width: x3! - x1!, height: y3! - y1! };
  } catch {
    return null;
  }
}

/**
 * Whether a click at the box's centre reaches this host (the page's view of anything inside its shadow
 * root): nothing of the page covers it there, whatever its z-index. elementFromPoint is called on the
 * host through DevTools, since DevTools' own hit test finds nothing once a page has scrolled.
 */
async function reaches(cdp: CDPSession, box: Box | null, host: DomNode): Promise<boolean> {
  if (!box || box.width <= 0 || box.height <= 0) return false;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: host.backendNodeId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: 'function (x, y) { return document.elementFromPoint(x, y) === this; }',
    arguments: [{ value: box.x + box.width / 2 }, { value: box.y + box.height / 2 }],
    returnByValue: true,
  });
  return result.value === true;
}

async function withSession<T>(page: Page, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await use(cdp);
  } finally {
    await cdp.detach();
  }
}

/** The elements of a class (`bar`, `note`) inside shadow roots, as seen from outside the page. */
export function shadowElements(page: Page, className: string): Promise<ShadowElement[]> {
  return withSession(page, async (cdp) => {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: DomNode };
    const html = [...walk(root)].find((node) => node.nodeName === 'HTML');
    const found: ShadowElement[] = [];
    for (const host of walk(root)) {
      for (const shadow of host.shadowRoots ?? []) {
        for (const node of walk(shadow)) {
          if (node.nodeType !== 1 || !(attribute(node, 'class') ?? '').split(' ').includes(className)) continue;
          const box = await boxOf(cdp, node);
          const buttons = await Promise.all(
            [...walk(node)].filter((candidate) => candidate.nodeName === 'BUTTON').map(async (button) => ({ text: textOf(button), box: await boxOf(cdp, button) })),
          );
          found.push({
            text: textOf(node),
            box,
            onTop: await reaches(cdp, box, host),
            buttons,
            closedRootOnHtml: shadow.shadowRootType === 'closed' && (html?.children ?? []).some((child) => child.backendNodeId === host.backendNodeId),
          });
        }
      }
    }
    return found;
  });
}

/** The accessibility tree's alerts and their text, as a screen reader gets them. */
export function alertsInAccessibilityTree(page: Page): Promise<string[]> {
  return withSession(page, async (cdp) => {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const textBelow = (id: string): string => {
      const node = byId.get(id);
      if (!node) return '';
      if (node.role?.value === 'StaticText') return String(node.name?.value ?? '');
      return (node.childIds ?? []).map(textBelow).join('');
    };
    return nodes.filter((node) => node.role?.value === 'alert').map((node) => textBelow(node.nodeId).replace(/\s+/g, ' ').trim());
  });
}

/** The role and name of the focused node in the accessibility tree (focus inside a closed shadow root included). */
export function focusedInAccessibilityTree(page: Page): Promise<{ role: string; name: string } | null> {
  return withSession(page, async (cdp) => {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const focused = nodes.find((node) => node.role?.value !== 'RootWebArea' && node.properties?.some((property) => property.name === 'focused' && property.value.value === true));
    return focused ? { role: String(focused.role?.value ?? ''), name: String(focused.name?.value ?? '') } : null;
  });
}
