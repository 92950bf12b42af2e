// `npm run package` with and without the organisation's signing key, on builds made into a temp folder
// with a throwaway key (dist/ and packages/ stay as the other tests left them). The .crx is read the way
// Chromium reads it: "Cr24", version 3, the header with the key and its signature, then the zip.

import { createHash, createVerify } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdOf } from '../../scripts/chromium-hosting.mjs';
import { makeTempDir } from '../harness/servers/index.js';
import { ROOT, buildExtension, filesUnder, makeThrowawayKey, readCrx3, runPackage, unzip } from '../harness/signed-package.js';

const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CRX_URL = `http://127.0.0.1:8080/portal-checkup-${version}.crx`;
const readManifest = async (dir: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

let work: string;
let keyPath: string;
let keyedDist: string;
const otherDirs: string[] = [];

beforeAll(async () => {
  work = await makeTempDir('signed-package');
  keyPath = await makeThrowawayKey(work);
  keyedDist = join(work, 'dist');
  await Promise.all([buildExtension('chrome', join(keyedDist, 'chrome'), keyPath), buildExtension('firefox', join(keyedDist, 'firefox'), keyPath)]);
}, 120_000);

// The throwaway keys go with the builds.
afterAll(async () => {
  for (const dir of [work, ...otherDirs]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the build', () => {
  it('with PORTAL_CHECKUP_SIGNING_KEY: the Chromium manifest carries the key, whose id is the fixed id', async () => {
    const manifest = await readManifest(join(keyedDist, 'chrome'));
    expect(typeof manifest.key).toBe('string');
    expect(extensionIdOf(manifest.key as string)).toMatch(/^[a-p]{32}$/);
    // Firefox has its own fixed id (browser_specific_settings) and no `key` field.
    expect((await readManifest(join(keyedDist, 'firefox'))).key).toBeUndefined();
  });

  it('without the variable: no key, as today', async () => {
    const plain = join(work, 'plain-chrome');
    await buildExtension('chrome', plain, null);
    expect((await readManifest(plain)).key).toBeUndefined();
  }, 60_000);
});

describe('npm run package with the signing key', () => {
  let out: string;
  let output: string;

  beforeAll(async () => {
    out = join(work, 'packages');
    const run = await runPackage(keyedDist, out, keyPath, ['--crx-url', CRX_URL]);
    output = run.output;
    expect(run.code, run.output).toBe(0);
  }, 120_000);

  it('prints the fixed id and the ExtensionInstallForcelist entry', async () => {
    const id = extensionIdOf((await readManifest(join(keyedDist, 'chrome'))).key as string);
    expect(output).toContain(`Extension id: ${id}`);
    expect(output).toContain(`ExtensionInstallForcelist: ["${id};http://127.0.0.1:8080/updates.xml"]`);
  });

  it('the .crx is CRX3, signed by the key the manifest names, for that id', async () => {
    const crx = await readCrx3(join(out, `portal-checkup-${version}.crx`));
    const manifestKey = Buffer.from((await readManifest(join(keyedDist, 'chrome'))).key as string, 'base64');
    expect(crx.version).toBe(3);
    expect(crx.rsaProofs).toHaveLength(1);
    const [proof] = crx.rsaProofs;
    expect(proof!.publicKey.equals(manifestKey)).toBe(true);
    expect(crx.crxId?.equals(createHash('sha256').update(manifestKey).digest().subarray(0, 16))).toBe(true);
    // What Chromium verifies: "CRX3 SignedData\0", the signed header's length, the header, then the zip.
    const length = Buffer.alloc(4);
    length.writeUInt32LE(crx.signedHeaderData.length);
    const verify = createVerify('sha256');
    verify.update(Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), length, crx.signedHeaderData, crx.zip]));
    expect(verify.verify({ key: manifestKey, format: 'der', type: 'spki' }, proof!.signature)).toBe(true);
  });

  it('the .crx unpacks to exactly the files of the keyed dist/chrome, byte for byte', async () => {
    const crx = await readCrx3(join(out, `portal-checkup-${version}.crx`));
    const zipPath = join(work, 'payload.zip');
    await writeFile(zipPath, crx.zip);
    const unpacked = join(work, 'crx-unpacked');
    await unzip(zipPath, unpacked);
    const files = await filesUnder(join(keyedDist, 'chrome'));
    expect(await filesUnder(unpacked)).toEqual(files);
    expect(files).toContain('manifest.json');
    for (const file of files) expect((await readFile(join(unpacked, file))).equals(await readFile(join(keyedDist, 'chrome', file))), file).toBe(true);
  });

  it('updates.xml names the id, the version and the .crx address', async () => {
    const id = extensionIdOf((await readManifest(join(keyedDist, 'chrome'))).key as string);
    const xml = await readFile(join(out, 'updates.xml'), 'utf8');
    expect(xml).toContain('<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">');
    expect(xml).toContain(`<app appid="${id}">`);
    expect(xml).toContain(`<updatecheck codebase="${CRX_URL}" version="${version}" prodversionmin="148"/>`);
  });

  it('the store zip has no key (the store gives its own id) and is otherwise the keyed build', async () => {
    const unpacked = join(work, 'store-unpacked');
    await unzip(join(out, `portal-checkup-chrome-${version}.zip`), unpacked);
    const { key: _key, ...rest } = await readManifest(join(keyedDist, 'chrome'));
    expect(await readManifest(unpacked)).toEqual(rest);
    expect(await filesUnder(unpacked)).toEqual(await filesUnder(join(keyedDist, 'chrome')));
  });

  it('the .xpi is the Firefox zip under the name Firefox policies take', async () => {
    const xpi = await readFile(join(out, `portal-checkup-firefox-${version}.xpi`));
    expect(xpi.equals(await readFile(join(out, `portal-checkup-firefox-${version}.zip`)))).toBe(true);
    const unpacked = join(work, 'xpi-unpacked');
    await unzip(join(out, `portal-checkup-firefox-${version}.xpi`), unpacked);
    expect(await filesUnder(unpacked)).toEqual(await filesUnder(join(keyedDist, 'firefox')));
  });
});

describe('npm run package refuses clearly', () => {
  it('without the variable: the zips and the .xpi, and a sentence saying no .crx was made and why', async () => {
    const out = join(work, 'packages-unsigned');
    const run = await runPackage(keyedDist, out, null);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('No .crx made: PORTAL_CHECKUP_SIGNING_KEY is not set.');
    const files = (await filesUnder(out)).sort();
    expect(files).toEqual([`portal-checkup-chrome-${version}.zip`, `portal-checkup-firefox-${version}.xpi`, `portal-checkup-firefox-${version}.zip`, `portal-checkup-source-${version}.zip`]);
  }, 60_000);

  it('with the key but no address for the .crx: nothing written, and it says which option to give', async () => {
    const out = join(work, 'packages-no-url');
    const run = await runPackage(keyedDist, out, keyPath);
    expect(run.code).toBe(1);
    expect(run.output).toContain('say where you will host it, with --crx-url');
    await expect(filesUnder(out)).rejects.toThrow();
  });

  it('with an address that is not http(s), or a build made with another key', async () => {
    const badUrl = await runPackage(keyedDist, join(work, 'packages-bad-url'), keyPath, ['--crx-url', 'file:///tmp/x.crx']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.output).toContain('--crx-url: "file:///tmp/x.crx" is not an http(s) address');
    const otherDir = await makeTempDir('signed-package-other');
    otherDirs.push(otherDir);
    const otherKey = await makeThrowawayKey(otherDir);
    const wrongKey = await runPackage(keyedDist, join(work, 'packages-wrong-key'), otherKey, ['--crx-url', CRX_URL]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.output).toContain('was not built with the key in');
  });

  it('with the variable naming a missing file', async () => {
    const run = await runPackage(keyedDist, join(work, 'packages-missing-key'), join(work, 'nope.pem'), ['--crx-url', CRX_URL]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`PORTAL_CHECKUP_SIGNING_KEY=${join(work, 'nope.pem')}: no such file`);
  });
});
