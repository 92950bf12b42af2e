// The store screenshots (docs/store/screenshots/<language>-<n>.png, 1280 × 800 as the stores ask), made in
// Chromium with the built extension from the demo portal (scripts/demo-portal, invented patients), in
// English, German and French:
//   1. the demo portal with the extension's warning bar across its top;
//   2. the same page with the popup's first screen (420 × 600, its real size) placed where a browser opens
//      it, under the toolbar button at the right.
// Running this test file makes them again (docs/store/README.md). Each must be a PNG of exactly 1280 × 800
// without transparency (the Chrome Web Store refuses PNGs with an alpha channel), and show the danger verdict.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPUP_SIZE, waitForReport } from '../harness/browser.js';
import { launch, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import { readPng } from '../harness/png.js';
import { makeTempDir, startDemoPortal, type RunningServer } from '../harness/servers/index.js';
import { shadowElements } from '../harness/warning-bar-view.js';
import { LANGUAGES, localeText } from '../harness/locale-text.js';

const root = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = join(root, 'docs/store/screenshots');
const STORE_SIZE = { width: 1280, height: 800 } as const;
/** Where the popup is drawn in screenshot 2: at the right, under where the toolbar button would be. */
const POPUP_PLACE = { left: STORE_SIZE.width - POPUP_SIZE.width - 24, top: 96 } as const;
const say = localeText;
const BAR_RED = [0x8c, 0x1d, 0x18] as const;

/** Width, height and PNG colour type (2: RGB, 6: RGBA) from the IHDR chunk. */
function pngHeader(png: Buffer): { width: number; height: number; colourType: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png[25]! };
}

const isBarRed = ([r, g, b]: [number, number, number]): boolean =>
  Math.abs(r - BAR_RED[0]) <= 8 && Math.abs(g - BAR_RED[1]) <= 8 && Math.abs(b - BAR_RED[2]) <= 8;

/** The page that places the popup over the portal: two screenshots, as images, nothing else. */
const composition = (portal: Buffer, popup: Buffer): string => `<!DOCTYPE html>
<html><head><style>
  html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
  .portal { position: absolute; inset: 0; display: block; }
  .popup { position: absolute; left: ${POPUP_PLACE.left}px; top: ${POPUP_PLACE.top}px; display: block;
           width: ${POPUP_SIZE.width}px; height: ${POPUP_SIZE.height}px;
           outline: 1px solid #9aa5b1; box-shadow: 0 8px 28px rgb(0 0 0 / 35%); border-radius: 2px; }
</style></head><body>
  <img class="portal" src="data:image/png;base64,${portal.toString('base64')}" alt="">
  <img class="popup" src="data:image/png;base64,${popup.toString('base64')}" alt="">
</body></html>`;

let browser: ChromiumExtensionBrowser;
let portal: RunningServer;
let workDir: string;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  workDir = await makeTempDir('store-screenshots');
  portal = await startDemoPortal();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe.each(LANGUAGES)('store screenshots in %s', (language) => {
  let tabId: number;
  let portalShot: Buffer;
  // The portal's tab stays open for screenshot 2: a closed tab's report is gone.
  let portalPage: Page | undefined;

  beforeAll(async () => {
    await browser.withExtensionApi(async (api, index) => {
      await api.storage.sync.set({ language: ['en', 'de', 'fr'][index] });
    }, LANGUAGES.indexOf(language));
  });
  afterAll(async () => {
    await portalPage?.close();
  });

  it(`1: the demo portal with the warning bar on top (docs/store/screenshots/${language}-1.png)`, async () => {
    const page = (portalPage = await browser.context.newPage());
    {
      await page.setViewportSize(STORE_SIZE);
      await page.goto(`${portal.url}/`);
      await page.bringToFront();
      tabId = await browser.withExtensionApi(async (api) => (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1, 0);
      const report = await waitForReport(browser, tabId, (candidate) => candidate.verdict === 'danger' && candidate.loginCheck !== null);
      expect(report.verdict).toBe('danger');
      // The bar, in this language, drawn across the top.
      // (The bar's text as DevTools gives it: French keeps its no-break spaces, read here as spaces.)
      const label = say(language, 'warning_bar_label').replace(/\s+/g, ' ');
      const deadline = Date.now() + 20_000;
      let bar = (await shadowElements(page, 'bar')).find((element) => element.box !== null);
      while (!bar?.text.startsWith(label) && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 250));
        bar = (await shadowElements(page, 'bar')).find((element) => element.box !== null);
      }
      expect(bar?.text.startsWith(label), `the bar says "${label}"`).toBe(true);
      expect(bar!.box).toMatchObject({ x: 0, y: 0, width: STORE_SIZE.width });
      // The study list has loaded behind it (the page fills its table after load).
      await page.waitForFunction(() => document.querySelectorAll('#studies tbody tr').length > 0);
      portalShot = await page.screenshot({ omitBackground: false });
      await writeFile(join(SCREENSHOTS, `${language}-1.png`), portalShot);

      const written = await readFile(join(SCREENSHOTS, `${language}-1.png`));
      expect(pngHeader(written)).toEqual({ ...STORE_SIZE, colourType: 2 });
      const pixels = readPng(written);
      expect(isBarRed(pixels.at(3, 3)), 'the red bar is in the top-left corner').toBe(true);
      expect(isBarRed(pixels.at(STORE_SIZE.width / 2, STORE_SIZE.height - 10)), 'the bar does not cover the page').toBe(false);
    }
  });

  it(`2: the popup's first screen over the portal, where the browser opens it (docs/store/screenshots/${language}-2.png)`, async () => {
    expect(portalShot, 'screenshot 1 was made').toBeDefined();
    const popup = await browser.openPopup(tabId, POPUP_SIZE);
    const popupPath = join(workDir, `popup-${language}.png`);
    try {
      await popup.waitForVerdict('danger');
      expect(popup.verdict).toBe('danger');
      expect(popup.text).toContain(say(language, 'verdict_danger').replace(/\s+/g, ' '));
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(language);
      await popup.screenshot(popupPath, { firstScreen: true });
    } finally {
      await popup.close();
    }
    const popupShot = await readFile(popupPath);
    expect(pngHeader(popupShot)).toMatchObject(POPUP_SIZE);

    const page = await browser.context.newPage();
    try {
      await page.setViewportSize(STORE_SIZE);
      await page.setContent(composition(portalShot, popupShot));
      await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0));
      await writeFile(join(SCREENSHOTS, `${language}-2.png`), await page.screenshot());
    } finally {
      await page.close();
    }

    const written = await readFile(join(SCREENSHOTS, `${language}-2.png`));
    expect(pngHeader(written)).toEqual({ ...STORE_SIZE, colourType: 2 });
    const shown = readPng(written);
    const popupPixels = readPng(popupShot);
    expect(isBarRed(shown.at(3, 3)), 'the portal with its bar is behind').toBe(true);
    // The popup is there, pixel for pixel, at its place: compare a grid of points.
    for (let y = 10; y < POPUP_SIZE.height; y += 37) {
      for (let x = 10; x < POPUP_SIZE.width; x += 41) {
        expect(shown.at(POPUP_PLACE.left + x, POPUP_PLACE.top + y), `popup pixel ${x},${y}`).toEqual(popupPixels.at(x, y));
      }
    }
  });
});
