// The popup at its real size (420 × 600, a browser shows popups at most 600 px tall), in Chromium and
// Firefox, in every language: the answer fits on the first screen (the verdict, the first thing to do, the
// button that writes to the clinic, the organisation's contacts), the rest opens on demand. Screenshots of
// the first screen of each verdict land in test-results/screenshots/ for a person to look at; the popup's
// height for each verdict and language is written to test-results/popup-first-screen-heights.json.

/// <reference types="chrome" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingIds, launchBrowser, POPUP_SIZE, waitForReport, type BrowserName, type ExtensionBrowser, type PopupView } from '../harness/browser.js';
import { CHROME_EXTENSION_DIR, launch, unpackedExtensionId, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import {
  makeDicomFiles,
  makeTempDir,
  startHttpServer,
  startHttpsServer,
  startOrthanc,
  type OrthancServer,
  type RunningServer,
} from '../harness/servers/index.js';
import { LANGUAGES, localeText, type Language } from '../harness/locale-text.js';

const root = resolve(import.meta.dirname, '../..');
const screenshots = join(root, 'test-results/screenshots');
const say = localeText;
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');

const VERDICTS = ['danger', 'warning', 'ok', 'not-medical', 'cannot-check'] as const;
type ShownVerdict = (typeof VERDICTS)[number];

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'portal-checkup-popup-first-screen-test.json');
const isRoot = process.getuid?.() === 0;

let orthanc: OrthancServer;
let http: RunningServer;
let https: RunningServer;
/** The popup's height (px, at 420 px wide, nothing opened) by browser, verdict and language. */
const heights: Record<string, Record<string, Record<string, number>>> = {};

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  orthanc = await startOrthanc({ authentication: false });
  await orthanc.upload(await makeDicomFiles(await makeTempDir('popup-first-screen-dicom')));
  http = await startHttpServer({ '/news': fixture('news-pacs-leak-en.html') });
  https = await startHttpsServer({ '/login': fixture('portal-login-en.html') });
});
afterAll(async () => {
  await orthanc?.stop();
  await http?.stop();
  await https?.stop();
  writeFileSync(join(root, 'test-results/popup-first-screen-heights.json'), `${JSON.stringify(heights, null, 2)}\n`);
  console.log('popup height (px) at 420 px wide, nothing opened:', JSON.stringify(heights));
});

/** Opens each verdict's page and waits for its settled report; returns the tab ids. */
async function openVerdictPages(browser: ExtensionBrowser): Promise<Record<ShownVerdict, number>> {
  const open = async (url: string, until: Parameters<typeof waitForReport>[2]): Promise<number> => {
    const tab = await browser.open(url);
    await waitForReport(browser, tab.tabId, until);
    return tab.tabId;
  };
  const insecureSetup = (report: { findings: { variant?: string }[] }): boolean => report.findings.some((finding) => finding.variant === 'insecure-setup');
  return {
    // The open patient list: no-login, plain-http, many-patients and the program's own "Insecure setup".
    danger: await open(`${orthanc.url}/app/explorer.html#find-patients`, (report) => findingIds(report).includes('no-login') && insecureSetup(report)),
    warning: await open(`${orthanc.url}/app/explorer.html#lookup`, insecureSetup),
    ok: await open(`${https.url}/login`, (report) => report.verdict === 'ok'),
    'not-medical': await open(`${http.url}/news`, (report) => report.verdict === 'not-medical'),
    'cannot-check': (await browser.open(browser.unscriptableUrl)).tabId,
  };
}

async function useLanguage(browser: ExtensionBrowser, language: Language): Promise<void> {
  await browser.withExtensionApi(async (api, index) => {
    await api.storage.sync.set({ language: ['en', 'de', 'fr'][index] });
  }, LANGUAGES.indexOf(language));
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface FirstScreen {
  lang: string;
  verdict: Box | null;
  firstStep: Box | null;
  firstStepText: string;
  writeLetter: Box | null;
  orgQuestions: Box | null;
  orgContact: Box | null;
  findingLines: Box[];
  openDisclosures: number;
  /** How much wider than the popup the page is (0: nothing sticks out). */
  overflow: number;
  /** The popup's content height: what the browser sizes the popup to, up to 600 px. */
  height: number;
}

// Runs in the popup: self-contained. A box is null when the element is missing or not shown.
const readFirstScreen = (): FirstScreen => {
  const box = (node: Element | null): Box | null => {
    if (!(node instanceof HTMLElement) || node.closest('[hidden]') || node.getClientRects().length === 0) return null;
    const rect = node.getBoundingClientRect();
    return { top: rect.top + scrollY, bottom: rect.bottom + scrollY, left: rect.left, right: rect.right };
  };
  return {
    lang: document.documentElement.lang,
    verdict: box(document.getElementById('verdict-sentence')),
    firstStep: box(document.querySelector('[data-steps] li')),
    firstStepText: document.querySelector('[data-steps] li')?.textContent ?? '',
    writeLetter: box(document.querySelector('[data-action="write-letter"]')),
    orgQuestions: box(document.getElementById('org-questions')),
    orgContact: box(document.getElementById('org-contact')),
    findingLines: Array.from(document.querySelectorAll('[data-finding] summary'), box).filter((found): found is Box => found !== null),
    openDisclosures: document.querySelectorAll('details[open]').length,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    height: Math.ceil(document.getElementById('popup')!.getBoundingClientRect().bottom + scrollY),
  };
};

const openAllDisclosures = (): number => {
  for (const disclosure of document.querySelectorAll('details')) disclosure.open = true;
  return document.documentElement.scrollWidth - document.documentElement.clientWidth;
};

/** Fully inside the first screen: nothing of it below 600 px or outside the popup's width. */
function expectOnFirstScreen(box: Box | null, what: string): void {
  expect(box, `${what} is shown`).not.toBeNull();
  expect(box!.top, what).toBeGreaterThanOrEqual(0);
  expect(box!.bottom, `${what} ends within the first ${POPUP_SIZE.height} px`).toBeLessThanOrEqual(POPUP_SIZE.height);
  expect(box!.left, what).toBeGreaterThanOrEqual(0);
  expect(box!.right, what).toBeLessThanOrEqual(POPUP_SIZE.width);
}

describe.each(['chromium', 'firefox'] as const)('in %s', (browserName: BrowserName) => {
  let browser: ExtensionBrowser;
  let tabs: Record<ShownVerdict, number>;

  beforeAll(async () => {
    browser = await launchBrowser(browserName);
    tabs = await openVerdictPages(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openPopup(verdict: ShownVerdict): Promise<PopupView> {
    const popup = await browser.openPopup(tabs[verdict], POPUP_SIZE);
    await popup.waitForVerdict(verdict);
    return popup;
  }

  describe.each(LANGUAGES)('in %s', (language) => {
    beforeAll(async () => {
      await useLanguage(browser, language);
    });

    it('on the open Orthanc patient list, the verdict, the first step and "Write to your clinic" are inside the first 600 px, with no finding opened', async () => {
      const popup = await openPopup('danger');
      try {
        expect(popup.findings).toHaveLength(4);
        const screen = await popup.evaluate(readFirstScreen);
        expect(screen.lang).toBe(language);
        expect(screen.openDisclosures).toBe(0);
        expectOnFirstScreen(screen.verdict, 'the verdict');
        expectOnFirstScreen(screen.firstStep, 'the first step');
        expect(screen.firstStepText).toBe(say(language, 'popup_step_dont_share'));
        expectOnFirstScreen(screen.writeLetter, '"Write to your clinic"');
        expect(screen.findingLines).toHaveLength(4);
      } finally {
        await popup.close();
      }
    });

    it.each(VERDICTS)('%s: the first screen holds the verdict, its steps and letter button where it has them, and nothing is wider than the popup', async (verdict) => {
      const popup = await openPopup(verdict);
      try {
        const screen = await popup.evaluate(readFirstScreen);
        (heights[browserName] ??= {})[verdict] = { ...heights[browserName]?.[verdict], [language]: screen.height };
        await popup.screenshot(join(screenshots, `popup-first-screen-${verdict}-${language}-${browserName}.png`), { firstScreen: true });
        expect(screen.openDisclosures).toBe(0);
        expectOnFirstScreen(screen.verdict, 'the verdict');
        if (verdict === 'danger' || verdict === 'warning') {
          expectOnFirstScreen(screen.firstStep, 'the first step');
          expectOnFirstScreen(screen.writeLetter, '"Write to your clinic"');
        } else {
          expect(screen.writeLetter).toBeNull();
        }
        expect(screen.overflow).toBeLessThanOrEqual(0);
        expect(await popup.evaluate(openAllDisclosures)).toBeLessThanOrEqual(0);
      } finally {
        await popup.close();
      }
    });

    it('opening a finding by keyboard shows its questions', async () => {
      const popup = await openPopup('danger');
      try {
        const focusedFinding = (): string | null => document.activeElement?.closest('summary')?.closest('[data-finding]')?.getAttribute('data-finding') ?? null;
        let finding: string | null = null;
        for (let step = 0; step < 10 && finding === null; step++) {
          await popup.press('Tab');
          finding = await popup.evaluate(focusedFinding);
        }
        expect(finding).toBe('no-login');
        const shownQuestions = (): string[] =>
          Array.from(document.activeElement?.closest('details')?.querySelectorAll('dd li') ?? [])
            .filter((item) => item.checkVisibility())
            .map((item) => item.textContent ?? '');
        expect(await popup.evaluate(shownQuestions)).toEqual([]);
        await popup.press('Enter');
        expect(await popup.evaluate(shownQuestions)).toEqual([1, 2, 3].map((number) => say(language, `finding_no_login_question_${number}`)));
      } finally {
        await popup.close();
      }
    });

    it.runIf(browserName === 'chromium')('axe-core finds no accessibility problem with every disclosure closed, nor with all open', async () => {
      const chromium = browser as ChromiumExtensionBrowser;
      const page = await chromium.context.newPage();
      try {
        await page.setViewportSize(POPUP_SIZE);
        await page.goto(chromium.extensionUrl(`src/popup/popup.html?tabId=${tabs.danger}`));
        await page.waitForSelector('#popup[data-verdict="danger"]');
        const violations = async (): Promise<string[]> =>
          (await new AxeBuilder({ page }).analyze()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        expect(await page.locator('details[open]').count()).toBe(0);
        expect(await violations()).toEqual([]);
        await page.evaluate(openAllDisclosures);
        expect(await page.locator('details:not([open])').count()).toBe(0);
        expect(await violations()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});

// The sample policy administrators copy (docs/administrators/chromium-linux.json), written the way
// Chromium reads it: a file in /etc/chromium/policies/managed/ (CI runs as root), removed afterwards.
describe.skipIf(!isRoot)('in Chromium with the organisation policy sample', () => {
  let browser: ChromiumExtensionBrowser;
  let tabId: number;

  beforeAll(async () => {
    const sample = readFileSync(join(root, 'docs/administrators/chromium-linux.json'), 'utf8');
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(POLICY_FILE, sample.replace('EXTENSION_ID', unpackedExtensionId(CHROME_EXTENSION_DIR)));
    browser = await launch();
    const tab = await browser.open(`${orthanc.url}/app/explorer.html#find-patients`);
    tabId = tab.tabId;
    await waitForReport(browser, tabId, (report) => findingIds(report).includes('no-login') && report.findings.some((finding) => finding.variant === 'insecure-setup'));
  });
  afterAll(async () => {
    await rm(POLICY_FILE, { force: true });
    await browser?.close();
  });

  it.each(LANGUAGES)('%s: the organisation\'s "Questions? Ask …" line and its contacts are inside the first 600 px too', async (language) => {
    await useLanguage(browser, language);
    const popup = await browser.openPopup(tabId, POPUP_SIZE);
    try {
      await popup.waitForVerdict('danger');
      const screen = await popup.evaluate(readFirstScreen);
      (heights.chromium ??= {})['danger with the policy sample'] = { ...heights.chromium['danger with the policy sample'], [language]: screen.height };
      await popup.screenshot(join(screenshots, `popup-first-screen-danger-policy-${language}-chromium.png`), { firstScreen: true });
      expect(screen.lang).toBe(language);
      expect(popup.text).toContain(say(language, 'popup_org_questions').replace('$ORG$', 'Patientenberatung Nord'));
      expectOnFirstScreen(screen.verdict, 'the verdict');
      expectOnFirstScreen(screen.firstStep, 'the first step');
      expectOnFirstScreen(screen.writeLetter, '"Write to your clinic"');
      expectOnFirstScreen(screen.orgQuestions, 'the organisation\'s "Questions? Ask …"');
      expectOnFirstScreen(screen.orgContact, "the organisation's contacts");
      expect(screen.overflow).toBeLessThanOrEqual(0);
    } finally {
      await popup.close();
    }
  });
});
