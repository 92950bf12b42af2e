// `npm run package`: store-ready zips of the built extension for both browsers, the source zip the
// Firefox add-on store asks for, and the Firefox build as an .xpi, all named with the version from
// package.json, in packages/. With the organisation's signing key (PORTAL_CHECKUP_SIGNING_KEY) it also
// signs the Chromium build into a .crx and writes updates.xml, the update manifest that names the id,
// the version and the address where the organisation hosts the .crx (docs/administrators.md):
//
//   PORTAL_CHECKUP_SIGNING_KEY=~/keys/portal-checkup.pem npm run package -- --crx-url https://extensions.example.org/portal-checkup-0.1.0.crx
//
// Options (for the tests, which package a build of their own): --dist <dir> (default dist/),
// --out <dir> (default packages/); --crx-url may also come from PORTAL_CHECKUP_CRX_URL.
// Expects the build to have run (npm run package does both).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIGNING_KEY_VARIABLE, crxUrlFrom, signingKeyFrom, updateManifestXml, writeCrx } from './chromium-hosting.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { dist: { type: 'string' }, out: { type: 'string' }, 'crx-url': { type: 'string' } } });
const distDir = resolve(options.dist ?? join(root, 'dist'));
const outDir = resolve(options.out ?? join(root, 'packages'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}

// Everything that can be wrong is checked before anything is written.
const manifests = {};
for (const browser of ['chrome', 'firefox']) {
  const file = join(distDir, browser, 'manifest.json');
  if (!existsSync(file)) fail(`${dirname(file)} is not built: run npm run build`);
  manifests[browser] = JSON.parse(readFileSync(file, 'utf8'));
  if (manifests[browser].version !== version) fail(`${dirname(file)} is version ${manifests[browser].version}, package.json says ${version}: run npm run build`);
}
let signingKey;
try {
  signingKey = signingKeyFrom();
} catch (error) {
  fail(error.message);
}
let crxUrl = null;
if (signingKey) {
  const given = options['crx-url'] ?? process.env.PORTAL_CHECKUP_CRX_URL;
  if (!given) fail(`${SIGNING_KEY_VARIABLE} is set, so a .crx will be made: say where you will host it, with --crx-url https://…/portal-checkup-${version}.crx (or PORTAL_CHECKUP_CRX_URL); updates.xml names that address`);
  try {
    crxUrl = crxUrlFrom(given);
  } catch (error) {
    fail(`--crx-url: ${error.message}`);
  }
  if (manifests.chrome.key !== signingKey.keyField) fail(`${join(distDir, 'chrome')} was not built with the key in ${signingKey.path}: build again with ${SIGNING_KEY_VARIABLE} set (npm run package does)`);
}
mkdirSync(outDir, { recursive: true });

const webExt = join(root, 'node_modules', '.bin', 'web-ext');
const zip = (sourceDir, filename) =>
  execFileSync(webExt, ['build', '--source-dir', sourceDir, '--artifacts-dir', outDir, '--filename', filename, '--overwrite-dest'], { stdio: 'inherit' });

// The store gives the extension its own id and refuses a manifest `key`: the store zip never has one.
const storeChrome = manifests.chrome.key === undefined ? null : mkdtempSync(join(tmpdir(), 'portal-checkup-store-'));
if (storeChrome) {
  cpSync(join(distDir, 'chrome'), storeChrome, { recursive: true });
  const { key: _key, ...withoutKey } = manifests.chrome;
  writeFileSync(join(storeChrome, 'manifest.json'), `${JSON.stringify(withoutKey, null, 2)}\n`);
}
zip(storeChrome ?? join(distDir, 'chrome'), `portal-checkup-chrome-${version}.zip`);
if (storeChrome) rmSync(storeChrome, { recursive: true, force: true });
zip(join(distDir, 'firefox'), `portal-checkup-firefox-${version}.zip`);
// An .xpi is the same zip; Firefox's policies and "Install Add-on From File" take it by this name.
copyFileSync(join(outDir, `portal-checkup-firefox-${version}.zip`), join(outDir, `portal-checkup-firefox-${version}.xpi`));

// The committed source tree, as the add-on store's reviewers rebuild it (README: npm ci && npm run build).
const sourceZip = join(outDir, `portal-checkup-source-${version}.zip`);
execFileSync('git', ['archive', '--format=zip', `--prefix=portal-checkup-source-${version}/`, '-o', sourceZip, 'HEAD'], { cwd: root, stdio: 'inherit' });
console.log(`Packages in ${outDir}: chrome and firefox zips, the firefox .xpi and the source zip for version ${version}`);

if (!signingKey) {
  console.log(`No .crx made: ${SIGNING_KEY_VARIABLE} is not set. A .crx is signed with your organisation's own key, which fixes the extension's id (docs/administrators.md). The zips above are for the stores, which sign with theirs.`);
} else {
  const crxPath = join(outDir, `portal-checkup-${version}.crx`);
  const crxId = await writeCrx({ sourceDir: join(distDir, 'chrome'), keyPath: signingKey.path, crxPath });
  if (crxId !== signingKey.id) fail(`crx3 signed for id ${crxId}, the manifest key gives ${signingKey.id}`);
  const minimumChromeVersion = manifests.chrome.minimum_chrome_version;
  writeFileSync(join(outDir, 'updates.xml'), updateManifestXml({ id: signingKey.id, version, crxUrl, minimumChromeVersion }));
  console.log(`Signed ${crxPath} and wrote ${join(outDir, 'updates.xml')}.`);
  console.log(`Extension id: ${signingKey.id}`);
  console.log(`Host the .crx at ${crxUrl} and updates.xml next to it; the policy then reads:`);
  console.log(`  ExtensionInstallForcelist: ["${signingKey.id};${new URL('updates.xml', crxUrl).href}"]`);
}
