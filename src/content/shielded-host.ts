// The one element Portal Checkup adds to a page, shielded from the page:
//  - a closed shadow root: the page's CSS does not reach inside, and its scripts cannot read the text or
//    reach the buttons (element.shadowRoot is null for them);
//  - the top layer (popover="manual", showPopover()): drawn above every z-index, full-screen overlays
//    included, and immune to the ancestors' opacity, transform and clip-path;
//  - its own inline `!important` styles, set through the CSSOM (style.cssText, which a page's CSP does not
//    govern): they beat every page rule, `* { display: none !important }` included;
//  - a child of <html>, not of <body>: pages that empty or rebuild <body> do not touch it. It goes first,
//    before <head>, so it is the first stop for the Tab key and for a screen reader's reading.
// A page that removes it, restyles it or closes its popover gets it back, at most GUARD_LIMIT times per
// element: a page that keeps fighting wins, rather than the two looping forever (the badge still warns).
// Known gaps: a page's own top-layer element opened later (a modal dialog, full screen) is drawn above it,
// and a modal dialog makes it inert until closed.

export const GUARD_LIMIT = 10;

export interface ShieldedHost {
  readonly root: ShadowRoot;
  /** Attaches it (again) and opens it in the top layer. */
  show(): void;
  /** Closes it, still attached (for the password note between focuses). */
  hide(): void;
  /** Detaches it for good. */
  remove(): void;
  /** Changes its placement (only the properties given; all with !important). */
  place(style: Record<string, string>): void;
}

// Everything the page could set on the host, reset; then what it needs. `all` does not reach custom
// properties, which nothing here uses.
const BASE_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  margin: '0',
  padding: '0',
  border: '0',
  background: 'transparent',
  overflow: 'visible',
  'z-index': '2147483647',
  'font-size': 'medium',
  'pointer-events': 'auto',
};

// Our hosts, so that the page watcher can tell our own changes from the page's.
const hosts = new WeakSet<Node>();

/**
 * A change of the page that only adds or removes our own hosts: showing the warning bar must not start
 * another full read of the page (it did, a second later, on every dangerous page: bench/, issue 15).
 */
export function isShieldedHostChange(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  for (const node of record.addedNodes) if (!hosts.has(node)) return false;
  for (const node of record.removedNodes) if (!hosts.has(node)) return false;
  return true;
}

export function createShieldedHost(placement: Record<string, string>): ShieldedHost {
  const host = document.createElement('div');
  hosts.add(host);
  const root = host.attachShadow({ mode: 'closed' });
  const style: Record<string, string> = { ...BASE_STYLE, ...placement };
  let wanted: 'open' | 'closed' | 'removed' = 'closed';
  let repairs = 0;
  // The style attribute as our own declarations wrote it: any other value means the page changed it.
  let ownStyle = '';

  const applyStyle = (): void => {
    for (const name of host.getAttributeNames()) if (name !== 'popover') host.removeAttribute(name);
    // The whole declaration block at once: with one setProperty per property, setting the styles and the
    // first read of the attribute below took 0.9 ms in a content script, at once 0.2 ms (same attribute).
    host.style.cssText = Object.entries(style)
      .map(([name, value]) => `${name}: ${value} !important`)
      .join('; ');
    host.popover = 'manual';
    ownStyle = host.getAttribute('style') ?? '';
  };

  // A page that hides its own root element (`* { display: none }` reaches <html> too, and
  // content-visibility: hidden) hides the top layer with it. Only then is <html> shown again: its other
  // children stay hidden by the page's own rule, so the page looks as blank as it wanted, bar excepted.
  // (A style read, not a layout read, and only when the bar or note is shown or repaired.)
  const unhideRoot = (): void => {
    const rootElement = document.documentElement;
    const computed = getComputedStyle(rootElement);
    if (computed.display === 'none') rootElement.style.setProperty('display', 'block', 'important');
    if (computed.getPropertyValue('content-visibility') === 'hidden') rootElement.style.setProperty('content-visibility', 'visible', 'important');
  };

  const open = (): void => {
    // The root's style is read before the host goes in: read after, it made the browser style the new
    // host and its contents on the spot, in our task, rather than with the page's next frame.
    unhideRoot();
    if (host.parentNode !== document.documentElement) document.documentElement.prepend(host);
    if (host.matches(':popover-open')) return;
    try {
      host.showPopover();
    } catch {
      // No top layer (a browser without popover): still fixed, with the highest z-index.
    }
  };

  const observer = new MutationObserver(() => repair());
  const watch = (): void => {
    observer.disconnect();
    if (wanted === 'removed') return;
    observer.observe(document, { childList: true });
    observer.observe(document.documentElement, { childList: true });
    observer.observe(host, { attributes: true });
  };
  // Our own changes queue records too: drop them, then watch the (possibly new) root element.
  const settle = (): void => {
    observer.takeRecords();
    watch();
  };

  const isIntact = (): boolean =>
    host.parentNode === document.documentElement &&
    host.getAttributeNames().every((name) => name === 'style' || name === 'popover') &&
    host.getAttribute('popover') === 'manual' &&
    host.getAttribute('style') === ownStyle;

  function repair(): void {
    if (wanted === 'removed' || (isIntact() && (wanted === 'closed' || host.matches(':popover-open')))) return settle();
    repairs += 1;
    if (repairs > GUARD_LIMIT) {
      observer.disconnect();
      return;
    }
    applyStyle();
    if (wanted === 'open') open();
    else if (host.parentNode !== document.documentElement) document.documentElement.prepend(host);
    settle();
  }

  // hidePopover() is open to the page (it can reach the host element): open it again.
  host.addEventListener('toggle', (event) => {
    if ((event as ToggleEvent).newState === 'closed' && wanted === 'open' && host.isConnected) repair();
  });

  applyStyle();
  return {
    root,
    show() {
      wanted = 'open';
      open();
      settle();
    },
    hide() {
      if (wanted === 'removed') return;
      wanted = 'closed';
      if (host.matches(':popover-open')) host.hidePopover();
      settle();
    },
    remove() {
      wanted = 'removed';
      observer.disconnect();
      host.remove();
    },
    place(change) {
      Object.assign(style, change);
      for (const [name, value] of Object.entries(change)) host.style.setProperty(name, value, 'important');
      ownStyle = host.getAttribute('style') ?? '';
      settle();
    },
  };
}
