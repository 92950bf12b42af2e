// `npm run sign:firefox`: has the add-on store (addons.mozilla.org) sign the Firefox build for the
// "unlisted" channel — signed, but not listed in the store — so that an organisation can host the .xpi
// itself and install it by policy (docs/administrators/firefox-install.md). Release builds of Firefox
// install only signed add-ons.
//
// The organisation's own API keys come from the environment, never from the command line (where other
// users of the computer could read them) and never from the repository. Without them the script says what
// is missing and stops before anything else: no build, no network.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEYS = ['WEB_EXT_API_KEY', 'WEB_EXT_API_SECRET'];
const missing = KEYS.filter((name) => !process.env[name]?.trim());
if (missing.length > 0) {
  console.error(`sign:firefox: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set, so nothing was signed and nothing was sent.

Firefox signs add-ons through addons.mozilla.org with your organisation's API keys:
  1. Sign in to addons.mozilla.org with your organisation's Firefox account and open the
     Developer Hub: Tools → Manage API Keys (https://addons.mozilla.org/developers/addon/api/key/).
  2. Generate new credentials: the "JWT issuer" is WEB_EXT_API_KEY, the "JWT secret" is WEB_EXT_API_SECRET.
  3. Run, in the same shell (the secret stays out of the command line and out of the repository):
       export WEB_EXT_API_KEY='user:12345:67'
       read -rs WEB_EXT_API_SECRET && export WEB_EXT_API_SECRET
       npm run sign:firefox
See docs/administrators/firefox-install.md.`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sourceDir = join(root, 'dist', 'firefox');
const artifactsDir = join(root, 'packages', 'signed');

// --no-build: sign the dist/firefox that is already there (for example the one `npm run package` just made).
if (process.argv.includes('--no-build')) {
  if (!existsSync(join(sourceDir, 'manifest.json'))) {
    console.error(`sign:firefox: ${sourceDir} is not built: run npm run build, or leave out --no-build`);
    process.exit(1);
  }
} else {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const args = ['sign', '--channel', 'unlisted', '--source-dir', sourceDir, '--artifacts-dir', artifactsDir];
// The build is bundled by Vite, so the store's reviewers may ask for the source: send it when
// `npm run package` has made it for this version.
const sourceZip = join(root, 'packages', `portal-checkup-source-${version}.zip`);
if (existsSync(sourceZip)) args.push('--upload-source-code', sourceZip);
else console.warn(`sign:firefox: no ${sourceZip} (run npm run package first to send the source code with the add-on)`);

// web-ext reads WEB_EXT_API_KEY and WEB_EXT_API_SECRET from the environment itself (and any other
// WEB_EXT_* option, such as WEB_EXT_AMO_BASE_URL, which the tests point at a server on 127.0.0.1).
try {
  // NO_UPDATE_NOTIFIER: web-ext would otherwise ask the npm registry for a newer web-ext; this command
  // talks to the add-on store only.
  execFileSync(join(root, 'node_modules', '.bin', 'web-ext'), args, { cwd: root, stdio: 'inherit', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
} catch {
  console.error('sign:firefox: web-ext sign did not finish (its message is above); nothing was signed.');
  process.exit(1);
}
console.log(`Signed .xpi for version ${version} in ${artifactsDir}: host it and name its address as install_url in policies.json.`);
