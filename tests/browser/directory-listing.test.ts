// Real web servers with their own directory indexes over a folder of DICOM files made by dcmtk:
// nginx with autoindex on (own config, loopback port) and Python's http.server.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingIds, launchWithExtension, openPopup, tabIdOf, waitForReport, type ExtensionBrowser } from '../harness/browser.js';
import { makeDicomFiles, makeTempDir, startNginxAutoindex, startPythonHttpServer, type RunningServer } from '../harness/servers/index.js';

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
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

async function checkListing(server: RunningServer): Promise<Awaited<ReturnType<typeof waitForReport>>> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  const tabId = await tabIdOf(browser, page);
  const report = await waitForReport(browser, tabId);
  const popup = await openPopup(browser, tabId);
  expect(popup.verdict).toBe(report.verdict);
  expect(popup.findings).toEqual(findingIds(report));
  await popup.page.close();
  await page.close();
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
      expect(findingIds(report)).toContain('directory-listing');
      expect(findingIds(report)).toContain('plain-http');
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
