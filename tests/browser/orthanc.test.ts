// A real Orthanc (Debian's package), started by the test with its own config on a free loopback port,
// with studies of synthetic patients made by dcmtk's img2dcm. Orthanc Explorer loads its patient list
// with XHR after the page loads, so this also proves the re-check of a page's own data request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingIds, launchWithExtension, openPopup, readBadge, tabIdOf, waitForReport, type ExtensionBrowser } from '../harness/browser.js';
import { makeDicomFiles, makeTempDir, startOrthanc, SYNTHETIC_PATIENTS, type OrthancServer } from '../harness/servers/index.js';

let dicomFiles: string[] = [];

beforeAll(async () => {
  dicomFiles = await makeDicomFiles(await makeTempDir('orthanc-dicom'));
});

describe('open Orthanc (remote access on, authentication off)', () => {
  let orthanc: OrthancServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    orthanc = await startOrthanc({ authentication: false });
    await orthanc.upload(dicomFiles);
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await orthanc?.stop();
  });

  it('open Orthanc shows danger with no-login, plain-http and many-patients, in the badge and the popup', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${orthanc.url}/app/explorer.html#find-patients`);
    const tabId = await tabIdOf(browser, page);
    const report = await waitForReport(browser, tabId, (candidate) => findingIds(candidate).includes('no-login'));

    expect(report.verdict).toBe('danger');
    expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'plain-http', 'many-patients']));
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

    const badge = await readBadge(browser, tabId);
    expect(badge.text).toBe('!');
    expect(badge.title).toMatch(/danger/i);

    const popup = await openPopup(browser, tabId);
    expect(popup.verdict).toBe('danger');
    expect(popup.findings).toEqual(findingIds(report));
    expect(popup.text).toContain('Orthanc Explorer');
    await popup.page.close();
    await page.close();
  });

  it("Orthanc's REST answer opened in the browser (JSON with patient records) is danger with no-login", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${orthanc.url}/patients?expand`);
    const tabId = await tabIdOf(browser, page);
    const report = await waitForReport(browser, tabId, (candidate) => candidate.loginCheck !== null);
    expect(report.verdict).toBe('danger');
    expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'many-patients', 'plain-http']));
    await page.close();
  });
});

describe('Orthanc with authentication, the browser given the credentials', () => {
  let orthanc: OrthancServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    orthanc = await startOrthanc({ authentication: true, users: { clinic: 'clinic-secret' } });
    await orthanc.upload(dicomFiles);
    browser = await launchWithExtension({ httpCredentials: { username: 'clinic', password: 'clinic-secret' } });
  });
  afterAll(async () => {
    await browser?.close();
    await orthanc?.stop();
  });

  it('Orthanc behind HTTP Basic auth gets no no-login, but plain-http and password-over-http', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${orthanc.url}/app/explorer.html#find-patients`);
    const tabId = await tabIdOf(browser, page);
    const report = await waitForReport(browser, tabId, (candidate) => candidate.loginCheck !== null);

    expect(report.loginCheck).toBe('login-required');
    expect(findingIds(report)).not.toContain('no-login');
    expect(findingIds(report)).toEqual(expect.arrayContaining(['plain-http', 'password-over-http']));
    // The patient list is visible to the logged-in user, over plain HTTP: still exposed on the wire.
    expect(report.verdict).toBe('danger');

    const popup = await openPopup(browser, tabId);
    expect(popup.findings).not.toContain('no-login');
    expect(popup.findings).toEqual(expect.arrayContaining(['plain-http', 'password-over-http']));
    await popup.page.close();
    await page.close();
  });
});
