// The extension's version lives in package.json, twice in package-lock.json, and as the newest heading
// of CHANGELOG.md; the build writes it into both manifests (vite.config.ts; manifest.json's own
// "0.0.0" is never used). This sets it everywhere, or only checks that the places agree:
//
//   npm run version:bump -- 0.2.0     the CHANGELOG's "## Unreleased" becomes "## 0.2.0 — <today>"
//   npm run version:check             exit 1, naming each place that disagrees
//
// --root <dir> works on another copy of these files (the unit test's).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// What Chromium and Firefox both accept as an extension version, in npm's x.y.z form: no pre-release
// part (Chromium refuses "-beta"), no leading zeros, each number at most 65535 (Chromium's limit).
const VERSION = /^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$/;

function parseVersion(text) {
  const match = VERSION.exec(text);
  if (!match || match.slice(1).some((part) => Number(part) > 65535)) return null;
  return match.slice(1).map(Number);
}

function isHigher(a, b) {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index] > b[index];
  return false;
}

/** The version each place holds: package.json, package-lock.json (top and root package), CHANGELOG.md's newest version heading. */
function versionsIn(root) {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  return {
    'package.json': packageJson.version,
    'package-lock.json': lock.version,
    'package-lock.json packages[""]': lock.packages?.['']?.version,
    'CHANGELOG.md (newest version heading)': /^## (\d+\.\d+\.\d+)\b/m.exec(changelog)?.[1],
  };
}

/** The places that disagree with package.json, as sentences; empty when all agree. */
function disagreements(root) {
  const versions = versionsIn(root);
  const expected = versions['package.json'];
  return Object.entries(versions)
    .filter(([, version]) => version !== expected)
    .map(([place, version]) => `${place} has ${version ?? 'no version'}, package.json has ${expected}`);
}

/** Sets `next` in every place; throws a sentence when it cannot. `today` is YYYY-MM-DD. */
function bumpVersion(root, next, today) {
  const problems = disagreements(root);
  if (problems.length > 0) throw new Error(`the versions disagree already, fix them first: ${problems.join('; ')}`);
  const current = versionsIn(root)['package.json'];
  if (!parseVersion(next)) throw new Error(`"${next}" is not a version both browsers accept (x.y.z, numbers up to 65535, no "-beta")`);
  // Browsers install an update only when its version is higher.
  if (!isHigher(parseVersion(next), parseVersion(current))) throw new Error(`${next} is not higher than the current ${current}: browsers would not update to it`);
  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  if (!/^## Unreleased[ \t]*$/m.test(changelog)) throw new Error('CHANGELOG.md has no "## Unreleased" section: write there what changed for users first');

  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  packageJson.version = next;
  lock.version = next;
  lock.packages[''].version = next;
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(join(root, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(changelogPath, changelog.replace(/^## Unreleased[ \t]*$/m, `## ${next} — ${today}`));
}

function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: 'boolean' }, root: { type: 'string' } } });
  const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  try {
    if (!values.check) {
      if (positionals.length !== 1) throw new Error('give the new version: npm run version:bump -- 0.2.0');
      bumpVersion(root, positionals[0], new Date().toISOString().slice(0, 10));
    }
    const problems = disagreements(root);
    if (problems.length > 0) throw new Error(`the versions disagree: ${problems.join('; ')}`);
    const { 'package.json': version } = versionsIn(root);
    console.log(values.check ? `Version ${version} in every place.` : `Version ${version} set in package.json, package-lock.json and CHANGELOG.md; npm run build writes it into both manifests.`);
  } catch (error) {
    console.error(`version: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

main();
