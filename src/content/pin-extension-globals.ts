// Runs first, at document_start, before the page has any elements: the first thing the gate script
// (gate.iife.ts, a classic script, not a module) does.
//
// Why: an element's id becomes a property of `window`, and in Chromium that reaches the content script's
// world too: with <form id="chrome"><input name="runtime"></form> on the page, `chrome` in our scripts
// is that form, so the module loader (chrome.runtime.getURL) and webextension-polyfill (which takes
// `browser` as the API when `browser.runtime.id` exists) would run on the page's elements instead of
// the extension API, and no check would happen. A property of the global object itself wins over any
// element id, so this pins the genuine objects as such properties while no element can exist yet. It
// sets them on our own world's global only; the page never sees them.

function isExtensionApi(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || 'nodeType' in value) return false;
  const runtime = (value as { runtime?: { getURL?: unknown } }).runtime;
  return typeof runtime?.getURL === 'function';
}

function pin(name: 'browser' | 'chrome'): void {
  const global = globalThis as Record<string, unknown>;
  const value = global[name];
  // Without a native `browser` (Chromium before 148, which the manifest excludes), pin it as absent, so
  // that nothing ever takes a <form id="browser"> for the API.
  if (!isExtensionApi(value) && name === 'chrome') return;
  try {
    Object.defineProperty(globalThis, name, { value: isExtensionApi(value) ? value : undefined, writable: false, configurable: false, enumerable: false });
  } catch {
    // Already a fixed property of this world (Firefox defines both): nothing can shadow it.
  }
}

export function pinExtensionGlobals(): void {
  pin('chrome');
  pin('browser');
}
