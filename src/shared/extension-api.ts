// The extension API for code that runs in every page the browser opens: the content script and what it
// imports (settings). Chromium from 148 and Firefox define the standard `browser` namespace natively in
// content scripts (promise-based; manifest.json sets minimum_chrome_version 148). On those versions
// webextension-polyfill only hands back that same object, yet its 10 KB would load into every web page
// a person opens: so content-side code takes the native object directly, typed with the polyfill's types.
// Extension pages and the background, which load once, keep importing webextension-polyfill.

import type { Browser } from 'webextension-polyfill';

// Read when this module is evaluated. pin-extension-globals.ts (run first by the gate script) has fixed `browser` as a property of
// the content script's own global before any page element could take the name.
export const browser: Browser = (globalThis as unknown as { browser: Browser }).browser;
