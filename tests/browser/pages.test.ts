// The extension's own pages in real Chromium: popup, settings, letter and learn-more, in every language
// and in light and dark colour schemes. axe-core checks accessibility; keyboard tests use only the
// keyboard; screenshots of every page land in test-results/screenshots/ for a person to look at.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForReport } from '../harness/browser.js';
import { launch, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';
import { SYNTHETIC_PATIENTS } from '../harness/servers/index.js';
import { LANGUAGES, localeText, type Language } from '../harness/locale-text.js';

const root = resolve(import.meta.dirname, '../..');
const screenshots = join(root, 'test-results/screenshots');
const say = localeText;

let browser: ChromiumExtensionBrowser;
let server: RunningServer;
let tabId: number;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  server = await startHttpServer({ '/study-list': readFileSync(join(root, 'tests/fixtures/pages/ohif-worklist-en.html'), 'utf8') });
  browser = await launch();
  const tab = await browser.open(`${server.url}/study-list`);
  tabId = tab.tabId;
  await waitForReport(browser, tabId, (report) => report.loginCheck !== null);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function useLanguage(language: Language | 'auto'): Promise<void> {
  await browser.withExtensionApi(async (api, index) => {
    await api.storage.sync.set({ language: ['auto', 'en', 'de', 'fr'][index] });
  }, ['auto', 'en', 'de', 'fr'].indexOf(language));
}

const PAGES = [
  { name: 'popup', path: () => `src/popup/popup.html?tabId=${tabId}`, ready: '#popup[data-verdict="danger"]', width: 400 },
  { name: 'options', path: () => 'src/options/options.html', ready: 'label[for="language"]:not(:empty)', width: 900 },
  { name: 'letter', path: () => `src/letter/letter.html?tabId=${tabId}`, ready: '#letter-questions li', width: 900 },
  { name: 'learn', path: () => 'src/learn/learn.html', ready: '#checks dd', width: 900 },
] as const;

async function openPage(path: string, ready: string, options: { width: number; scheme: 'light' | 'dark' }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: options.width, height: 900 });
  await page.emulateMedia({ colorScheme: options.scheme });
  await page.goto(browser.extensionUrl(path));
  await page.waitForSelector(ready);
  return page;
}

describe.each(LANGUAGES)('in %s', (language) => {
  beforeAll(async () => {
    await useLanguage(language);
  });

  describe.each(PAGES)('$name page', ({ name, path, ready, width }) => {
    it.each(['light', 'dark'] as const)('has no accessibility violations in the %s scheme, and is written in the chosen language', async (scheme) => {
      const page = await openPage(path(), ready, { width, scheme });
      try {
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        expect(await page.title()).not.toBe('');
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
        // Nothing may be wider than the page (long German words, cut-off buttons).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(screenshots, `${name}-${language}-${scheme}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  });

  it('the popup says the verdict in words, not only in colour', async () => {
    const page = await openPage(PAGES[0].path(), PAGES[0].ready, { width: 400, scheme: 'light' });
    expect(await page.textContent('#verdict-sentence')).toBe(say(language, 'verdict_danger'));
    expect(await page.textContent('[data-finding="no-login"] h3')).toBe(say(language, 'finding_no_login_headline'));
    await page.close();
  });
});

describe('letter to the clinic', () => {
  beforeAll(async () => {
    await useLanguage('en');
  });

  it("holds the portal's address, the observations and the questions, and no patient data", async () => {
    const page = await openPage(PAGES[2].path(), PAGES[2].ready, { width: 900, scheme: 'light' });
    const letter = (await page.textContent('#letter')) ?? '';
    expect(letter).toContain(server.url);
    expect(letter).toContain(say('en', 'letter_observed_no_login'));
    expect(letter).toContain(say('en', 'finding_no_login_question_1'));
    const mailto = decodeURIComponent((await page.getAttribute('#email', 'href')) ?? '');
    expect(mailto).toMatch(/^mailto:\?subject=/);
    expect(mailto).toContain(say('en', 'letter_subject'));
    expect(mailto).toContain(server.url);
    for (const text of [letter, mailto]) {
      for (const name of ['TESTPERSON', 'MUSTERMANN', 'DUPONT', 'EXAMPLE', ...SYNTHETIC_PATIENTS.map((patient) => patient.id)]) expect(text).not.toContain(name);
    }
    await page.close();
  });

  it('is written, copied and printed by keyboard alone', async () => {
    const page = await openPage(PAGES[2].path(), PAGES[2].ready, { width: 900, scheme: 'light' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sender-name');
    await page.keyboard.type('Erika Beispiel');
    expect(await page.textContent('#letter-signature')).toBe('Erika Beispiel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('copy');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#copy-status:not(:empty)');
    // Read the clipboard back the way a person would: paste it somewhere.
    const pasted = await browser.context.newPage();
    await pasted.setContent('<textarea id="paste" aria-label="paste"></textarea>');
    await pasted.focus('#paste');
    await pasted.keyboard.press('Control+V');
    const copied = await pasted.inputValue('#paste');
    await pasted.close();
    expect(copied).toContain(say('en', 'letter_subject'));
    expect(copied).toContain('Erika Beispiel');
    await page.bringToFront();
    await page.focus('#copy');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('print');
    await page.close();
  });

  it('prints the letter alone: no buttons, no intro', async () => {
    const page = await openPage(PAGES[2].path(), PAGES[2].ready, { width: 900, scheme: 'dark' });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const visible = await page.evaluate(() =>
      ['#copy', '#email', '#print', '#letter-intro', '#letter'].map((selector) => document.querySelector(selector)!.checkVisibility()),
    );
    expect(visible).toEqual([false, false, false, false, true]);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });
});

describe('settings', () => {
  it('choosing a language by keyboard changes the pages and the toolbar title', async () => {
    await useLanguage('auto');
    const page = await openPage(PAGES[1].path(), PAGES[1].ready, { width: 900, scheme: 'light' });
    await page.focus('#language');
    await page.selectOption('#language', 'de');
    await page.waitForSelector('html[lang="de"]');
    expect(await page.textContent('label[for="language"]')).toBe(say('de', 'options_language_label'));
    expect(await page.textContent('#saved')).toBe(say('de', 'options_saved'));
    const deadline = Date.now() + 5_000;
    while ((await browser.readBadge(tabId)).title !== say('de', 'badge_title_danger') && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect((await browser.readBadge(tabId)).title).toBe(say('de', 'badge_title_danger'));
    await page.close();
  });

  it('the popup links reach the letter, learn-more and settings pages by keyboard', async () => {
    await useLanguage('en');
    const page = await openPage(PAGES[0].path(), PAGES[0].ready, { width: 400, scheme: 'light' });
    const reached: string[] = [];
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (id) reached.push(id);
    }
    expect(reached).toEqual(expect.arrayContaining(['write-letter', 'learn-more', 'open-settings']));
    const opened = browser.context.waitForEvent('page');
    await page.focus('#write-letter');
    // The popup closes itself once the letter page is open.
    await page.keyboard.press('Enter').catch(() => undefined);
    const letter = await opened;
    await letter.waitForSelector('#letter-questions li');
    expect(letter.url()).toContain(`letter.html?tabId=${tabId}`);
    await letter.close();
  });
});
