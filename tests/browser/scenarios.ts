// The real-browser scenarios, written once and run in both browsers (chromium.test.ts, firefox.test.ts).
// Every server is real and started here on a free loopback port: Orthanc (Debian's package) with
// studies of synthetic patients made by dcmtk, nginx with autoindex, Python's http.server, and node
// HTTP/HTTPS servers for fixture pages.

import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report.js';
import { findingIds, launchBrowser, reportWhenPopupAsks, waitForReport, type BrowserName, type ExtensionBrowser } from '../harness/browser.js';
import {
  makeDicomFiles,
  makeTempDir,
  minimalPdf,
  startHttpServer,
  startHttpsServer,
  startNginxAutoindex,
  startOrthanc,
  startPythonHttpServer,
  SYNTHETIC_PATIENTS,
  type OrthancServer,
  type RunningServer,
} from '../harness/servers/index.js';
import { localeText } from '../harness/locale-text.js';
import { studyList } from '../../bench/pages.js';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');
const message = (key: string): string => localeText('en', key);

/** A finding's message key: by its id, or id and variant (known-viewer + insecure-setup). */
const findingMessage = (finding: Report['findings'][number], part: string): string =>
  message(`finding_${(finding.variant ? `${finding.id}-${finding.variant}` : finding.id).replace(/-/g, '_')}_${part}`);

/** Opens the popup for a tab and checks it shows the report: the verdict, and every finding with its headline. */
async function expectPopupShows(browser: ExtensionBrowser, tabId: number, report: Report): Promise<string> {
  const popup = await browser.openPopup(tabId);
  try {
    expect(popup.verdict).toBe(report.verdict);
    expect(popup.findings).toEqual(findingIds(report));
    for (const finding of report.findings) expect(popup.text).toContain(findingMessage(finding, 'headline'));
    return popup.text;
  } finally {
    await popup.close();
  }
}

async function untilGone(browser: ExtensionBrowser, tabId: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await browser.readReport(tabId)) !== null && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
}

export function describeScenarios(browserName: BrowserName): void {
  describe('open Orthanc (remote access on, authentication off)', () => {
    let orthanc: OrthancServer;
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      orthanc = await startOrthanc({ authentication: false });
      await orthanc.upload(await makeDicomFiles(await makeTempDir('orthanc-dicom')));
      browser = await launchBrowser(browserName);
    });
    afterAll(async () => {
      await browser?.close();
      await orthanc?.stop();
    });

    it('open Orthanc shows danger with no-login, plain-http and many-patients, in the badge and the popup', async () => {
      const tab = await browser.open(`${orthanc.url}/app/explorer.html#find-patients`);
      const report = await waitForReport(
        browser,
        tab.tabId,
        (candidate) => findingIds(candidate).includes('no-login') && candidate.findings.some((finding) => finding.variant === 'insecure-setup'),
      );
      expect(report.verdict).toBe('danger');
      expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'plain-http', 'many-patients', 'known-viewer']));
      expect(report.product).toBe('Orthanc Explorer');
      expect(report.loginCheck).toBe('patient-data');
      expect(report.pageOrigin).toBe(orthanc.url);
      expect(report.findings.find((finding) => finding.id === 'many-patients')?.evidence).toContain(`${SYNTHETIC_PATIENTS.length} different patients`);
      // The report never holds patient data.
      const stored = JSON.stringify(report);
      for (const patient of SYNTHETIC_PATIENTS) {
        expect(stored).not.toContain(patient.id);
        expect(stored).not.toContain(patient.name.split('^')[0]);
      }
      const badge = await browser.readBadge(tab.tabId);
      expect(badge.text).toBe('!');
      expect(badge.title).toMatch(/danger/i);
      expect(await expectPopupShows(browser, tab.tabId, report)).toContain('Orthanc Explorer');
      await tab.close();
    });

    it('open Orthanc: known-viewer names Orthanc Explorer and explains its own "Insecure setup" banner', async () => {
      const tab = await browser.open(`${orthanc.url}/app/explorer.html#lookup`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.findings.some((finding) => finding.variant === 'insecure-setup'));
      const knownViewer = report.findings.find((finding) => finding.id === 'known-viewer')!;
      expect(knownViewer).toMatchObject({ severity: 'high', certainty: 'certain', variant: 'insecure-setup' });
      expect(knownViewer.evidence).toContain('recognised as Orthanc Explorer');
      expect(report.product).toBe('Orthanc Explorer');
      // The lookup page shows no patient data: the program's own warning and plain http make it a warning.
      expect(report.verdict).toBe('warning');
      const popup = await expectPopupShows(browser, tab.tabId, report);
      expect(popup).toContain(message('finding_known_viewer_insecure_setup_headline'));
      expect(popup).toContain(findingMessage(knownViewer, 'meaning').replace('$PRODUCT$', 'Orthanc Explorer'));
      expect(popup).toContain('Insecure setup');
      await tab.close();
    });

    it("Orthanc's /system answer opened in the browser names Orthanc with the version it shows", async () => {
      const tab = await browser.open(`${orthanc.url}/system`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.product !== null);
      expect(report.product).toBe('Orthanc');
      expect(report.productVersion).toBe('1.10.1');
      expect(report.findings.find((finding) => finding.id === 'known-viewer')).toMatchObject({ variant: 'insecure-setup' });
      const popup = await expectPopupShows(browser, tab.tabId, report);
      expect(popup).toContain(message('popup_product_version').replace('$PRODUCT$', 'Orthanc').replace('$VERSION$', '1.10.1'));
      await tab.close();
    });

    it("Orthanc's REST answer opened in the browser (JSON with patient records) is danger with no-login", async () => {
      const tab = await browser.open(`${orthanc.url}/patients?expand`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
      expect(report.verdict).toBe('danger');
      expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'many-patients', 'plain-http']));
      await tab.close();
    });
  });

  describe('Orthanc with authentication, the browser given the credentials', () => {
    let orthanc: OrthancServer;
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      orthanc = await startOrthanc({ authentication: true, users: { clinic: 'clinic-secret' } });
      await orthanc.upload(await makeDicomFiles(await makeTempDir('orthanc-auth-dicom')));
      browser = await launchBrowser(browserName, { httpCredentials: { username: 'clinic', password: 'clinic-secret' } });
    });
    afterAll(async () => {
      await browser?.close();
      await orthanc?.stop();
    });

    it('Orthanc behind HTTP Basic auth gets no no-login, but plain-http and password-over-http', async () => {
      const tab = await browser.open(`${orthanc.url}/app/explorer.html#find-patients`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
      expect(report.loginCheck).toBe('login-required');
      expect(findingIds(report)).not.toContain('no-login');
      expect(findingIds(report)).toEqual(expect.arrayContaining(['plain-http', 'password-over-http']));
      // The patient list is visible to the logged-in user, over plain HTTP: still exposed on the wire.
      expect(report.verdict).toBe('danger');
      // With authentication on, Orthanc hides its "Insecure setup" banner: the viewer is named, nothing more.
      expect(report.findings.find((finding) => finding.id === 'known-viewer')).toMatchObject({ severity: 'info' });
      expect(report.findings.some((finding) => finding.variant !== undefined)).toBe(false);
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });
  });

  describe('directory listings from real web servers', () => {
    let browser: ExtensionBrowser;
    let dicomDir: string;
    let ordinaryDir: string;

    beforeAll(async () => {
      dicomDir = await makeTempDir('listing-dicom');
      await makeDicomFiles(dicomDir);
      await mkdir(join(dicomDir, 'DICOM'));
      await writeFile(join(dicomDir, 'DICOMDIR'), 'not a real DICOMDIR, only its name matters to a listing');
      ordinaryDir = await makeTempDir('listing-ordinary');
      for (const name of ['holiday.jpg', 'IMG_2041.jpg', 'notes.txt', 'backup.tar.gz']) await writeFile(join(ordinaryDir, name), name);
      browser = await launchBrowser(browserName);
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function checkListing(server: RunningServer): Promise<Report> {
      const tab = await browser.open(`${server.url}/`);
      const report = await waitForReport(browser, tab.tabId);
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
      return report;
    }

    describe.each([
      ['nginx autoindex', startNginxAutoindex],
      ['Python http.server', startPythonHttpServer],
    ])('%s', (_name, start) => {
      it('a directory listing of DICOM files is danger with directory-listing', async () => {
        const server = await start(dicomDir);
        try {
          const report = await checkListing(server);
          expect(report.verdict).toBe('danger');
          expect(findingIds(report)).toEqual(expect.arrayContaining(['directory-listing', 'plain-http']));
        } finally {
          await server.stop();
        }
      });

      it('a directory listing of ordinary files is not medical', async () => {
        const server = await start(ordinaryDir);
        try {
          const report = await checkListing(server);
          expect(report.verdict).toBe('not-medical');
          expect(report.findings).toEqual([]);
        } finally {
          await server.stop();
        }
      });
    });
  });

  describe('trackers, mixed content, patient data in the address and share links, all on loopback', () => {
    // Real tracker host names in the test pages resolve to 127.0.0.1 (LaunchOptions.loopbackHosts) and are
    // served by the test's own server on its port: nothing leaves the machine.
    const TRACKER_HOSTS = ['www.googletagmanager.com', 'connect.facebook.net', 'static.hotjar.com', 'www.facebook.com', 'securepubads.g.doubleclick.net', 'cdn.taboola.com', 'static.exampledaily.com', 'images.exampledaily.com'];
    const SHARE_TOKEN = 'Xk3fQ9zL2pR7vT1mB8nW4cYq';
    let browser: ExtensionBrowser;
    let http: RunningServer;
    let images: RunningServer;
    let https: RunningServer;
    /** Host headers of the requests for the stand-in Tag Manager script: proof they came to 127.0.0.1. */
    const tagManagerHosts: string[] = [];

    /** The page's https://<tracker host>/… addresses, pointed at the local server: http://<tracker host>:<port>/… */
    const throughLoopback = (html: string, port: number): string =>
      TRACKER_HOSTS.reduce((page, host) => page.replaceAll(`https://${host}/`, `http://${host}:${port}/`), html);

    beforeAll(async () => {
      const stub = { body: '/* stand-in for a tracker script, served on 127.0.0.1 */', contentType: 'text/javascript' };
      const pixel = { body: Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64'), contentType: 'image/gif' };
      const pages: Record<string, string | { body: string | Buffer; contentType: string }> = {
        '/en_US/fbevents.js': stub,
        '/en_US/sdk.js': stub,
        '/c/hotjar-0000000.js': stub,
        '/tag/js/gpt.js': stub,
        '/libtrc/exampledaily/loader.js': stub,
        '/tr': pixel,
        '/study-list': fixture('ohif-worklist-en.html'),
      };
      http = await startHttpServer(pages, {
        routes: {
          '/gtag/js': (req, res) => {
            tagManagerHosts.push(req.headers.host ?? '');
            res.writeHead(200, { 'Content-Type': stub.contentType });
            res.end(stub.body);
          },
        },
      });
      // Each page needs the server's port, known only now.
      pages['/results'] = throughLoopback(fixture('portal-tracking-en.html'), http.port);
      pages['/sleep-tips'] = throughLoopback(fixture('news-health-trackers-en.html'), http.port);
      images = await startHttpServer({ '/wado': pixel, '/viewer/overlay.js': stub });
      https = await startHttpsServer({
        '/viewer/study/4471': fixture('portal-mixed-content.html').replaceAll('http://legacy-pacs.example-hills.org', images.url),
        [`/freigabe/${SHARE_TOKEN}/`]: fixture('share-link-study-de.html'),
        '/clean': fixture('portal-https-clean.html').replaceAll('https://cdn.example-lakeside.org/', '/'),
      });
      browser = await launchBrowser(browserName, { loopbackHosts: TRACKER_HOSTS });
    });
    afterAll(async () => {
      await browser?.close();
      await http?.stop();
      await images?.stop();
      await https?.stop();
    });

    it('a patient portal with Google, Meta and Hotjar tags has third-party-tracking', async () => {
      const tab = await browser.open(`${http.url}/results`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
      const tracking = report.findings.find((finding) => finding.id === 'third-party-tracking');
      expect(tracking?.severity).toBe('high');
      expect(tracking?.evidence).toContain('googletagmanager.com (analytics)');
      expect(tracking?.evidence).toContain('facebook.net (social)');
      expect(tracking?.evidence).toContain('hotjar.com (analytics)');
      // The browser asked the test's own server for the tracker script, by the tracker's name.
      expect(tagManagerHosts).toContain(`www.googletagmanager.com:${http.port}`);
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });

    it('a news article with trackers is not-medical, with no finding', async () => {
      const tab = await browser.open(`${http.url}/sleep-tips`);
      const report = await reportWhenPopupAsks(browser, tab.tabId);
      expect(report.verdict).toBe('not-medical');
      expect(report.findings).toEqual([]);
      await tab.close();
    });

    it('an https image portal that loads thumbnails and a script over http: has mixed-content', async () => {
      const tab = await browser.open(`${https.url}/viewer/study/4471`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => findingIds(candidate).includes('mixed-content'));
      expect(report.pageOrigin).toMatch(/^https:/);
      expect(report.findings.find((finding) => finding.id === 'mixed-content')?.evidence).toMatch(/loads from 1 http: origin\(s\): (script, image|image, script)/);
      expect(findingIds(report)).not.toContain('plain-http');
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });

    it('an https portal that loads only from https: has no mixed-content and no tracking', async () => {
      const tab = await browser.open(`${https.url}/clean`);
      const report = await waitForReport(browser, tab.tabId);
      expect(report.verdict).toBe('ok');
      expect(report.findings).toEqual([]);
      await tab.close();
    });

    it('a study list whose address carries the searched name and MRN has patient-data-in-url, and the report none of them', async () => {
      const tab = await browser.open(`${http.url}/study-list?patientName=DOE%5EJANE&mrn=MRN-10042`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => findingIds(candidate).includes('patient-data-in-url'));
      expect(report.findings.find((finding) => finding.id === 'patient-data-in-url')).toMatchObject({
        severity: 'high',
        evidence: 'the address query carries a patient name, a patient ID',
      });
      const stored = JSON.stringify(report);
      for (const value of ['DOE', 'JANE', 'MRN-10042']) expect(stored).not.toContain(value);
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });

    it("one patient's share page, open without a login on a link with a long random code, is a warning with link-is-key", async () => {
      const tab = await browser.open(`${https.url}/freigabe/${SHARE_TOKEN}/`);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
      expect(report.loginCheck).toBe('patient-data');
      expect(findingIds(report)).toEqual(['link-is-key']);
      expect(report.verdict).toBe('warning');
      expect(JSON.stringify(report)).not.toContain(SHARE_TOKEN);
      expect((await browser.readBadge(tab.tabId)).text).toBe('?');
      const popup = await expectPopupShows(browser, tab.tabId, report);
      expect(popup).toContain(message('finding_link_is_key_action'));
      await tab.close();
    });
  });

  describe('pages on 127.0.0.1 and the report life cycle', () => {
    let browser: ExtensionBrowser;
    let https: RunningServer;
    let http: RunningServer;

    /** What the large study list said about itself: whether it was shown or hidden, as it changed. */
    const largeListStates: string[] = [];

    beforeAll(async () => {
      https = await startHttpsServer({ '/login': fixture('portal-login-en.html') });
      // The large study list tells the server when the browser shows or hides it: the test below needs it
      // hidden, and says so if the browser never hid it.
      const tellsVisibility = `<script>const tell = () => fetch('/visibility?' + document.visibilityState); tell(); document.addEventListener('visibilitychange', tell);</script>`;
      http = await startHttpServer(
        {
          '/news': fixture('news-pacs-leak-en.html'),
          '/study-list': fixture('ohif-worklist-en.html'),
          '/large-study-list': studyList(10_000).replace('</body>', `${tellsVisibility}</body>`),
          '/report.pdf': { body: minimalPdf(), contentType: 'application/pdf' },
        },
        {
          routes: {
            '/visibility': (req, res) => {
              largeListStates.push(new URL(req.url ?? '/', 'http://127.0.0.1').search.slice(1));
              res.writeHead(204).end();
            },
          },
        },
      );
      browser = await launchBrowser(browserName);
    });
    afterAll(async () => {
      await browser?.close();
      await https?.stop();
      await http?.stop();
    });

    it('a patient-portal login form over HTTPS is a medical portal but not danger', async () => {
      const tab = await browser.open(`${https.url}/login`);
      const report = await waitForReport(browser, tab.tabId);
      expect(report.pageOrigin).toMatch(/^https:/);
      expect(report.verdict).toBe('ok');
      expect(report.findings).toEqual([]);
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });

    it('a news article about a medical data leak is not-medical, with an empty badge', async () => {
      const tab = await browser.open(`${http.url}/news`);
      const report = await waitForReport(browser, tab.tabId);
      expect(report.verdict).toBe('not-medical');
      expect(report.findings).toEqual([]);
      expect(report.loginCheck).toBeNull();
      expect((await browser.readBadge(tab.tabId)).text).toBe('');
      await expectPopupShows(browser, tab.tabId, report);
      await tab.close();
    });

    it('a browser page the extension cannot run in gets a clear "cannot be checked" popup', async () => {
      const tab = await browser.open(browser.unscriptableUrl);
      const popup = await browser.openPopup(tab.tabId);
      expect(popup.verdict).toBe('cannot-check');
      expect(popup.text).toContain(message('popup_cannot_check_title'));
      await popup.close();
      await tab.close();
    });

    it('a PDF file opened in the browser gets "cannot be checked"', async () => {
      const tab = await browser.open(`${http.url}/report.pdf`);
      const popup = await browser.openPopup(tab.tabId);
      expect(popup.verdict).toBe('cannot-check');
      await popup.close();
      await tab.close();
    });

    it('navigating away replaces the report, and closing the tab removes it', async () => {
      const tab = await browser.open(`${http.url}/study-list`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
      await tab.goto(`${http.url}/news`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'not-medical');
      await tab.close();
      await untilGone(browser, tab.tabId);
      expect(await browser.readReport(tab.tabId)).toBeNull();
    });

    it('moving from a checked page to a page that cannot be checked leaves no stale verdict', async () => {
      const tab = await browser.open(`${http.url}/study-list`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
      await tab.goto(browser.unscriptableUrl);
      await untilGone(browser, tab.tabId);
      const popup = await browser.openPopup(tab.tabId);
      expect(popup.verdict).toBe('cannot-check');
      expect((await browser.readBadge(tab.tabId)).text).toBe('');
      await popup.close();
      await tab.close();
    });

    it('a same-page navigation (hash change) keeps the tab reported', async () => {
      const tab = await browser.open(`${http.url}/study-list`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
      await tab.goto(`${http.url}/study-list#page-2`);
      await new Promise((done) => setTimeout(done, 1_500));
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.verdict === 'danger', 10_000);
      expect(findingIds(report)).toContain('many-patients');
      await tab.close();
    });

    // Browsers run a hidden tab's timers about once a second: a check that paused on timers took a second
    // per pause there (about 25 s for this list), and a popup opened as a tab hides the page it reports on.
    // Firefox only: headless Chromium shows every tab, also one behind another in the same window.
    it.runIf(browserName === 'firefox')('a large study list checked while its tab is hidden reports within seconds, not one pause per second', async () => {
      const tab = await browser.open(`${http.url}/large-study-list`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
      // A new tab in the same window, in front of it, as a person opens one.
      const otherTabId = await browser.withExtensionApi(async (api, id) => {
        const { windowId } = await api.tabs.get(id);
        return (await api.tabs.create({ windowId, url: 'about:blank', active: true })).id ?? 0;
      }, tab.tabId);
      const deadline = Date.now() + 5_000;
      while (largeListStates.at(-1) !== 'hidden' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      expect(largeListStates.at(-1), 'the browser hid the tab behind the new one').toBe('hidden');
      await browser.withExtensionApi(async (api, id) => {
        await api.storage.session.remove(`report:${id}`);
        await api.tabs.sendMessage(id, { type: 'check-again' });
      }, tab.tabId);
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.verdict === 'danger', 6_000);
      expect(findingIds(report)).toContain('many-patients');
      expect(largeListStates.at(-1)).toBe('hidden');
      await browser.withExtensionApi((api, id) => api.tabs.remove(id), otherTabId);
      await tab.close();
    });

    it('a corrupted stored report is discarded and the page is checked again when the popup opens', async () => {
      const tab = await browser.open(`${http.url}/study-list`);
      await waitForReport(browser, tab.tabId, (report) => report.verdict === 'danger');
      await browser.withExtensionApi(async (api, id) => {
        await api.storage.session.set({ [`report:${id}`]: { version: 0, verdict: 'ok', findings: 'corrupted' } });
      }, tab.tabId);
      const popup = await browser.openPopup(tab.tabId);
      await popup.waitForVerdict('danger');
      const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.version === 2);
      expect(report.verdict).toBe('danger');
      await popup.close();
      await tab.close();
    });
  });

  // Firefox MV3 lets the user withhold an extension's access to sites; Chromium cannot have a required
  // permission removed by script, so this runs in Firefox only.
  describe.runIf(browserName === 'firefox')('site access withheld by the user', () => {
    let browser: ExtensionBrowser;
    let http: RunningServer;

    beforeAll(async () => {
      http = await startHttpServer({ '/study-list': fixture('ohif-worklist-en.html') });
      browser = await launchBrowser(browserName);
    });
    afterAll(async () => {
      await browser?.close();
      await http?.stop();
    });

    it('without access to the site, the popup says so and offers the button that asks for it', async () => {
      await browser.withExtensionApi(async (api) => {
        await api.permissions.remove({ origins: ['http://*/*', 'https://*/*'] });
      }, 0);
      const tab = await browser.open(`${http.url}/study-list`);
      await new Promise((done) => setTimeout(done, 1_500));
      expect(await browser.readReport(tab.tabId)).toBeNull();
      const popup = await browser.openPopup(tab.tabId);
      expect(popup.verdict).toBe('no-access');
      expect(popup.text).toContain(message('popup_no_access_title'));
      expect(popup.text).toContain(message('popup_no_access_button'));
      await popup.close();
      await tab.close();
    });
  });
}
