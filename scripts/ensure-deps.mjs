// Installs what `npm start` and `npm test` need, so both work on a fresh clone:
// npm packages (npm ci) and, when run as root, Debian's packages; otherwise one line saying what to install.
// Plain Node, no dependencies: it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv.includes('--for=test') ? 'test' : 'start';

// Debian package → a file it installs. Tests also need the real servers.
const DEBIAN_PACKAGES = {
  chromium: '/usr/bin/chromium',
  ...(purpose === 'test'
    ? {
        'firefox-esr': '/usr/bin/firefox-esr',
        orthanc: '/usr/sbin/Orthanc',
        // Orthanc's DICOMweb, as OHIF reads it (tests/harness/servers/ohif.ts).
        'orthanc-dicomweb': '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
        dcmtk: '/usr/bin/img2dcm',
        'nginx-light': '/usr/sbin/nginx',
        // The web servers whose directory listings the tests read (tests/harness/servers/).
        apache2: '/usr/sbin/apache2',
        lighttpd: '/usr/sbin/lighttpd',
        caddy: '/usr/bin/caddy',
        openssl: '/usr/bin/openssl',
        python3: '/usr/bin/python3',
      }
    : {}),
};

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function ensureNpmPackages() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-fund', '--no-audit']);
}

function ensureDebianPackages() {
  const missing = Object.entries(DEBIAN_PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Portal Checkup needs Debian packages that are missing. Run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}…`);
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing]);
}

ensureNpmPackages();
ensureDebianPackages();
