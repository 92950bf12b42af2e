// The directory listings of real web servers (apache2 mod_autoindex in two styles, lighttpd
// mod_dirlisting, caddy file_server browse, nginx autoindex, Python http.server, npm http-server), each
// started here on a free loopback port over a folder of real DICOM files and over a folder of ordinary
// files (and in a DICOM CD's series sub-folder), opened in Chromium and in Firefox with the built
// extension: DICOM → danger with directory-listing, ordinary → not-medical. Needs `npm run build` first (the extension in dist/).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report.js';
import { findingIds, launchBrowser, reportWhenPopupAsks, waitForReport, type BrowserName, type ExtensionBrowser } from '../harness/browser.js';
import { makeListingFolders, makeTempDir, removeListingFolders, type ListingFolders } from '../harness/servers/index.js';
import { LISTING_SERVERS } from '../fixtures/listing-servers.js';

const REPORT_TIMEOUT_MS = 15_000;

let folders: ListingFolders;
let base: string;

beforeAll(async () => {
  base = await makeTempDir('listing-servers');
  folders = await makeListingFolders(base);
});
afterAll(async () => {
  if (folders) await removeListingFolders(folders);
  if (base) await (await import('node:fs/promises')).rm(base, { recursive: true, force: true });
});

describe.each(['chromium', 'firefox'] as const satisfies readonly BrowserName[])('%s', (browserName) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchBrowser(browserName);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Lists `dir` with the server, opens it in a tab and returns the report once `until` holds (bounded). */
  async function reportFor(
    start: (dir: string) => Promise<{ url: string; stop(): Promise<void> }>,
    dir: string,
    until: (report: Report) => boolean,
    path = '/',
    wait: typeof waitForReport = waitForReport,
  ): Promise<Report> {
    const server = await start(dir);
    try {
      const tab = await browser.open(`${server.url}${path}`);
      try {
        return await wait(browser, tab.tabId, until, REPORT_TIMEOUT_MS);
      } finally {
        await tab.close();
      }
    } finally {
      await server.stop();
    }
  }

  describe.each(LISTING_SERVERS.map((server) => [server.label, server] as const))('%s', (_label, server) => {
    it('over a folder of .dcm files: danger with directory-listing', async () => {
      const report = await reportFor(server.start, folders.dicom, (candidate) => candidate.verdict === 'danger');
      expect(report.verdict).toBe('danger');
      expect(findingIds(report).sort()).toEqual(['directory-listing', 'plain-http']);
      expect(report.findings.find((finding) => finding.id === 'directory-listing')?.evidence).toMatch(/3 medical entries/);
    });

    it('in the series folder of a DICOM CD layout (IM000001 below DICOM/PA000001/ST000001/SE000001/): danger with directory-listing', async () => {
      const report = await reportFor(server.start, folders.dicomdir, (candidate) => candidate.verdict === 'danger', '/DICOM/PA000001/ST000001/SE000001/');
      expect(report.verdict).toBe('danger');
      expect(findingIds(report).sort()).toEqual(['directory-listing', 'plain-http']);
    });

    it('over a folder of photos, a PDF, text and a zip: not-medical, no finding', async () => {
      // A listing that looks like nothing medical says nothing by itself (Caddy's): the popup asks.
      const report = await reportFor(server.start, folders.ordinary, () => true, '/', reportWhenPopupAsks);
      expect(report.verdict).toBe('not-medical');
      expect(report.findings).toEqual([]);
    });
  });
});
