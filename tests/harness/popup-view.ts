// Reads the popup the same way in both browsers: the root's data-verdict, each [data-finding], the text.
import type { PopupView } from './browser.js';

export interface PopupPage {
  waitFor(selector: string): Promise<void>;
  evaluate<T>(fn: () => T): Promise<T>;
  press(key: string): Promise<void>;
  screenshot(path: string, options?: { firstScreen?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function popupView(page: PopupPage): Promise<PopupView> {
  await page.waitFor('#popup[data-verdict]:not([data-verdict=""])');
  const state = await page.evaluate(() => ({
    verdict: document.getElementById('popup')?.getAttribute('data-verdict') ?? null,
    findings: Array.from(document.querySelectorAll('[data-finding]'), (node) => node.getAttribute('data-finding') ?? ''),
    text: document.getElementById('popup')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  }));
  return {
    ...state,
    waitForVerdict: (verdict) => page.waitFor(`#popup[data-verdict="${verdict}"]`),
    evaluate: (fn) => page.evaluate(fn),
    press: (key) => page.press(key),
    screenshot: (path, options) => page.screenshot(path, options),
    close: () => page.close(),
  };
}
