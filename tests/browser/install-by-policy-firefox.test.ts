// How an organisation installs the extension in Firefox: a policies.json whose ExtensionSettings force-install
// the add-on from the address where the organisation hosts the .xpi, next to the extension's own settings
// (3rdparty.Extensions.<id>). Here: the .xpi is built from dist/firefox and served by a loopback server,
// Debian's Firefox ESR reads /etc/firefox/policies/policies.json when it starts (CI runs as root), and the
// harness does NOT install the add-on: Firefox fetches and installs it by itself. The build is not signed, so
// the test sets the preference ESR allows for unsigned add-ons (release builds of Firefox ignore it); without
// it, the same policy gets the file downloaded and refused.
//
// The policy file is system-wide and other tests start Firefox too: it is written only if no other
// policies.json is there, and removed as soon as Firefox has started (it reads the file once, at start).

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForReport, type ExtensionBrowser } from '../harness/browser.js';
import { FIREFOX_EXTENSION_DIR, launch, type FirefoxLaunchOptions } from '../harness/firefox.js';
import { makeTempDir, startDemoPortal, startHttpServer, type RunningServer } from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const POLICY_FILE = '/etc/firefox/policies/policies.json';
const isRoot = process.getuid?.() === 0;
const XPI_PATH = '/portal-checkup-firefox.xpi';

const built = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  version: string;
  browser_specific_settings: { gecko: { id: string } };
};
const geckoId = built.browser_specific_settings.gecko.id;

interface FirefoxPolicies {
  policies: {
    ExtensionSettings: Record<string, { installation_mode: string; install_url: string }>;
    '3rdparty': { Extensions: Record<string, { organizationName: string }> };
  };
}

/** The administrators' sample (docs/administrators/firefox-policies.json), with the test server's address. */
function policiesInstallingFrom(installUrl: string): FirefoxPolicies {
  const sample = JSON.parse(readFileSync(join(root, 'docs/administrators/firefox-policies.json'), 'utf8')) as FirefoxPolicies;
  sample.policies.ExtensionSettings[geckoId]!.install_url = installUrl;
  return sample;
}

/**
 * Writes the system-wide policies.json for one Firefox start: waits while another test's file is there
 * (never overwrites it), and removes ours only while it is still ours.
 */
async function withPolicyFileAtStart(policies: FirefoxPolicies): Promise<Required<Pick<FirefoxLaunchOptions, 'afterStart'>>> {
  const text = JSON.stringify(policies, null, 2);
  await mkdir(resolve(POLICY_FILE, '..'), { recursive: true });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await writeFile(POLICY_FILE, text, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  return { afterStart: () => removeOurPolicyFile(text) };
}

async function removeOurPolicyFile(text: string): Promise<void> {
  const current = await readFile(POLICY_FILE, 'utf8').catch(() => null);
  if (current === text) await rm(POLICY_FILE, { force: true });
}

describe.skipIf(!isRoot)('Firefox ESR and an organisation\'s policies.json', () => {
  let portal: RunningServer;
  let xpiServer: RunningServer;
  let workDir: string;
  const xpiRequests: string[] = [];

  beforeAll(async () => {
    workDir = await makeTempDir('install-by-policy-firefox');
    // The same command npm run package uses for the Firefox package: a zip with manifest.json at its root.
    // NO_UPDATE_NOTIFIER: web-ext would otherwise ask the npm registry for a newer version of itself.
    await promisify(execFile)(
      join(root, 'node_modules/.bin/web-ext'),
      ['build', '--source-dir', FIREFOX_EXTENSION_DIR, '--artifacts-dir', workDir, '--filename', 'portal-checkup-firefox.xpi', '--overwrite-dest'],
      { env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
    );
    const xpi = await readFile(join(workDir, 'portal-checkup-firefox.xpi'));
    xpiServer = await startHttpServer({}, {
      routes: {
        [XPI_PATH]: (request, response) => {
          xpiRequests.push(`${request.method} ${request.url}`);
          response.writeHead(200, { 'Content-Type': 'application/x-xpinstall', 'Content-Length': String(xpi.length) });
          response.end(request.method === 'HEAD' ? undefined : xpi);
        },
      },
    });
    portal = await startDemoPortal();
  });
  afterAll(async () => {
    await xpiServer?.stop();
    await portal?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** Starts Firefox with the policy installing from the test server; the harness installs nothing. */
  async function launchWithPolicy(policies: FirefoxPolicies, options: FirefoxLaunchOptions): Promise<ExtensionBrowser> {
    const policyFile = await withPolicyFileAtStart(policies);
    try {
      return await launch({ installedBy: 'browser', ...options, ...policyFile });
    } finally {
      await policyFile.afterStart();
    }
  }

  describe('with the preference that lets ESR install an unsigned add-on', () => {
    let browser: ExtensionBrowser | undefined;
    let policies: FirefoxPolicies;

    beforeAll(async () => {
      xpiRequests.length = 0;
      policies = policiesInstallingFrom(`${xpiServer.url}${XPI_PATH}`);
      browser = await launchWithPolicy(policies, { prefs: { 'xpinstall.signatures.required': false } });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('Firefox fetched the .xpi from the install_url and installed it as an administrator\'s add-on, with the id and version of the build', async () => {
      expect(xpiRequests).toContain(`GET ${XPI_PATH}`);
      const self = await browser!.withExtensionApi(async (api) => {
        const info = await api.management.getSelf();
        return { id: info.id, version: info.version, installType: info.installType };
      }, 0);
      // "admin": installed by policy; a temporary add-on would say "development".
      expect(self).toEqual({ id: geckoId, version: built.version, installType: 'admin' });
    });

    it('the organisation\'s settings from the same file reach the extension', async () => {
      const managed = await browser!.withExtensionApi(async (api) => api.storage.managed.get(null), 0);
      expect(managed).toEqual(policies.policies['3rdparty'].Extensions[geckoId]);
    });

    it('the demo portal gets danger, and the popup names the organisation in its language', async () => {
      const tab = await browser!.open(`${portal.url}/`);
      const report = await waitForReport(browser!, tab.tabId, (candidate) => candidate.verdict === 'danger' && candidate.loginCheck !== null);
      expect(report.verdict).toBe('danger');
      const popup = await browser!.openPopup(tab.tabId);
      try {
        expect(popup.verdict).toBe('danger');
        // The sample's defaultLanguage is German.
        expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
        expect(popup.text).toContain('Fragen? Wenden Sie sich an Patientenberatung Nord.');
        expect(popup.text).toContain('+49 40 123 456');
      } finally {
        await popup.close();
        await tab.close();
      }
    });
  });

  // What an organisation meets with an unsigned build (docs/administrators/firefox-install.md, step 1).
  it('without that preference, Firefox ESR downloads the unsigned .xpi and does not install it', async () => {
    xpiRequests.length = 0;
    // The add-on arrives about a second after start when it is accepted (above); 10 s is plenty.
    await expect(launchWithPolicy(policiesInstallingFrom(`${xpiServer.url}${XPI_PATH}`), { installTimeoutMs: 10_000 })).rejects.toThrow(/did not install the extension/);
    expect(xpiRequests).toContain(`GET ${XPI_PATH}`);
  });
});
