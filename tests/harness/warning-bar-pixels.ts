// Whether a person sees the warning bar, in either browser: its red (#8c1d18) in the top-left corner of
// the tab's screenshot. No test hook in the product is needed, and the page cannot fake a pass.

import type { OpenedTab } from './browser.js';
import { readPng } from './png.js';

const BAR_RED = [0x8c, 0x1d, 0x18] as const;

export async function barVisible(tab: OpenedTab): Promise<boolean> {
  const pixels = readPng(await tab.screenshot());
  const [r, g, b] = pixels.at(3, 3);
  return Math.abs(r - BAR_RED[0]) <= 8 && Math.abs(g - BAR_RED[1]) <= 8 && Math.abs(b - BAR_RED[2]) <= 8;
}

export async function untilBarVisible(tab: OpenedTab, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await barVisible(tab)) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}
