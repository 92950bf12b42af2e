// The organisation policy in Debian's Firefox ESR: Firefox reads /etc/firefox/policies/policies.json when it
// starts and gives the "3rdparty.Extensions.<our id>" values to storage.managed (no schema: our own
// validation is all there is). The test writes the sample from docs/administrators/, with its own values,
// and removes it afterwards (CI runs as root).

import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingIds, waitForReport, type ExtensionBrowser } from '../harness/browser.js';
import { launch } from '../harness/firefox.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const STUDY_LIST = readFileSync(join(root, 'tests/fixtures/pages/ohif-worklist-en.html'), 'utf8');
const PLAIN_START_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Welcome</title></head><body><h1>Welcome</h1><p>Please choose an entry from the menu.</p></body></html>';
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('an organisation policy in Firefox (policies.json)', () => {
  let browser: ExtensionBrowser;
  let server: RunningServer;
  let listedServer: RunningServer;

  beforeAll(async () => {
    server = await startHttpServer({ '/list': STUDY_LIST });
    listedServer = await startHttpServer({ '/': PLAIN_START_PAGE });
    const sample = JSON.parse(readFileSync(join(root, 'docs/administrators/firefox-policies.json'), 'utf8')) as {
      policies: { ExtensionSettings?: unknown; '3rdparty': { Extensions: Record<string, Record<string, unknown>> } };
    };
    // This test installs the build itself; the sample's install address is an organisation's server,
    // never to be asked (install-by-policy-firefox.test.ts tests that part against a loopback server).
    delete sample.policies.ExtensionSettings;
    const [id] = Object.keys(sample.policies['3rdparty'].Extensions);
    sample.policies['3rdparty'].Extensions[id!] = {
      ...sample.policies['3rdparty'].Extensions[id!],
      organizationEmail: 'not an e-mail address',
      lockSettings: true,
      medicalPortals: [listedServer.url],
    };
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(POLICY_FILE, JSON.stringify(sample, null, 2));
    browser = await launch();
  });
  afterAll(async () => {
    await rm(POLICY_FILE, { force: true });
    await browser?.close();
    await server?.stop();
    await listedServer?.stop();
  });

  it('the popup is in the organisation\'s language and names it, with its valid contacts only', async () => {
    const tab = await browser.open(`${server.url}/list`);
    await waitForReport(browser, tab.tabId, (report) => report.loginCheck !== null);
    const popup = await browser.openPopup(tab.tabId);
    expect(popup.verdict).toBe('danger');
    expect(popup.text).toContain('Fragen? Wenden Sie sich an Patientenberatung Nord.');
    expect(popup.text).toContain('+49 40 123 456');
    expect(popup.text).not.toContain('not an e-mail address');
    await popup.close();
    await tab.close();
  });

  it('an address the policy lists is checked as a medical portal (the content script reads the policy too)', async () => {
    const tab = await browser.open(`${listedServer.url}/`);
    const report = await waitForReport(browser, tab.tabId);
    expect(report.verdict).toBe('warning');
    expect(findingIds(report)).toEqual(['plain-http']);
    await tab.close();
  });
});
