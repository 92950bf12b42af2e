// `npm run package`: store-ready zips of the built extension for both browsers, and the source zip
// the Firefox add-on store asks for, all named with the version from package.json, in packages/.
// Expects `npm run build` to have run (npm run package does both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'packages');
mkdirSync(outDir, { recursive: true });

const webExt = join(root, 'node_modules', '.bin', 'web-ext');
for (const browser of ['chrome', 'firefox']) {
  const sourceDir = join(root, 'dist', browser);
  if (!existsSync(join(sourceDir, 'manifest.json'))) throw new Error(`${sourceDir} is not built: run npm run build`);
  const filename = `portal-checkup-${browser}-${version}.zip`;
  execFileSync(webExt, ['build', '--source-dir', sourceDir, '--artifacts-dir', outDir, '--filename', filename, '--overwrite-dest'], { stdio: 'inherit' });
}

// The committed source tree, as the add-on store's reviewers rebuild it (README: npm ci && npm run build).
const sourceZip = join(outDir, `portal-checkup-source-${version}.zip`);
execFileSync('git', ['archive', '--format=zip', `--prefix=portal-checkup-source-${version}/`, '-o', sourceZip, 'HEAD'], { cwd: root, stdio: 'inherit' });
console.log(`Packages in ${outDir}: chrome, firefox and source zips for version ${version}`);
