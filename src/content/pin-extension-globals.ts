// Runs first, at document_start, before the page has any elements: the first thing the gate script
// (gate.iife.ts, a classic script, not a module) does.
//
// Why: an element's id becomes a property of `window`, and in Chromium that reaches the content script's
// world too: with <form id="browser"><input name="runtime"></form> on the page, `browser` in our scripts
// would be that form, so they would run on the page's elements instead of the extension API, and no
// check would happen. A property of the global object itself wins over any element id, so this pins the
// genuine object as such a property while no element can exist yet. It sets it on our own world's global
// only; the page never sees it.
//
// Only `browser` is pinned: nothing in the content scripts uses `chrome` (extension-api.ts; the
// polyfill, which reads `chrome`, is loaded by extension pages only). Touching `chrome` here would
// build that second API object in every page the browser opens, for nothing (bench/, issue 15).

function isExtensionApi(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || 'nodeType' in value) return false;
  const runtime = (value as { runtime?: { getURL?: unknown } }).runtime;
  return typeof runtime?.getURL === 'function';
}

export function pinExtensionGlobals(): void {
  const value = (globalThis as Record<string, unknown>).browser;
  try {
    // Without a native `browser` (Chromium before 148, which the manifest excludes) it is pinned as
    // absent, so that nothing ever takes a <form id="browser"> for the API.
    // Not writable, not configurable, not enumerable: defineProperty's defaults, left out to keep the gate small.
    Object.defineProperty(globalThis, 'browser', { value: isExtensionApi(value) ? value : undefined });
  } catch {
    // Already a fixed property of this world (Firefox defines it so): nothing can shadow it.
  }
}
