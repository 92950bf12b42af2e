// The fixed Chromium id: the signing key → the manifest `key` → the id, and the update manifest.
// Chromium's own id of the same kind of key is checked in tests/browser/install-by-policy.test.ts.

import { createHash, createPublicKey } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_KEY_VARIABLE, crxUrlFrom, extensionIdOf, publicKeyField, signingKeyFrom, updateManifestXml } from '../../scripts/chromium-hosting.mjs';
import { makeTempDir } from '../harness/servers/index.js';
import { makeThrowawayKey } from '../harness/signed-package.js';

let dir: string;
let rsaKey: string;
let ecKey: string;

beforeAll(async () => {
  dir = await makeTempDir('signing-key');
  rsaKey = await makeThrowawayKey(dir, 'rsa');
  ecKey = await makeThrowawayKey(dir, 'ec');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('publicKeyField', () => {
  it('is the public half of the RSA key as base64 DER SubjectPublicKeyInfo', async () => {
    const pem = await readFile(rsaKey, 'utf8');
    const field = publicKeyField(pem);
    const parsed = createPublicKey({ key: Buffer.from(field, 'base64'), format: 'der', type: 'spki' });
    expect(parsed.asymmetricKeyType).toBe('rsa');
    expect(parsed.export({ type: 'spki', format: 'pem' })).toBe(createPublicKey(pem).export({ type: 'spki', format: 'pem' }));
    // Nothing of the private half leaks into the manifest.
    expect(Buffer.from(field, 'base64').length).toBeLessThan(300);
  });

  it('refuses an EC key, a public key and text that is no key, with a sentence saying what is wrong', async () => {
    const ecPem = await readFile(ecKey, 'utf8');
    expect(() => publicKeyField(ecPem)).toThrow('the signing key is ec, Chromium needs an RSA key');
    const publicPem = createPublicKey(await readFile(rsaKey, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
    expect(() => publicKeyField(publicPem)).toThrow(/not a PEM private key .*openssl genrsa/);
    expect(() => publicKeyField('hello')).toThrow(/not a PEM private key/);
  });
});

describe('extensionIdOf', () => {
  it('is 32 letters a–p: the first 128 bits of the SHA-256 of the DER key, one letter per hex digit', async () => {
    const field = publicKeyField(await readFile(rsaKey, 'utf8'));
    const id = extensionIdOf(field);
    expect(id).toMatch(/^[a-p]{32}$/);
    const hex = createHash('sha256').update(Buffer.from(field, 'base64')).digest('hex').slice(0, 32);
    expect([...id].map((letter) => (letter.charCodeAt(0) - 97).toString(16)).join('')).toBe(hex);
  });

  it('is the same for the same key every time and differs for another key', async () => {
    const field = publicKeyField(await readFile(rsaKey, 'utf8'));
    expect(extensionIdOf(field)).toBe(extensionIdOf(publicKeyField(await readFile(rsaKey, 'utf8'))));
    const otherDir = await makeTempDir('signing-key-other');
    const other = await makeThrowawayKey(otherDir);
    expect(extensionIdOf(publicKeyField(await readFile(other, 'utf8')))).not.toBe(extensionIdOf(field));
    await rm(otherDir, { recursive: true, force: true });
  });

  it('refuses a field that is no public key', () => {
    expect(() => extensionIdOf(Buffer.from('not a key').toString('base64'))).toThrow();
  });
});

describe('signingKeyFrom (PORTAL_CHECKUP_SIGNING_KEY)', () => {
  it('is null when the variable is not set or empty: the build stays without a key', () => {
    expect(signingKeyFrom({})).toBeNull();
    expect(signingKeyFrom({ [SIGNING_KEY_VARIABLE]: '' })).toBeNull();
  });

  it('reads the key the variable names: its path, key field and id', async () => {
    const key = signingKeyFrom({ [SIGNING_KEY_VARIABLE]: rsaKey });
    expect(key).toEqual({ path: rsaKey, keyField: publicKeyField(await readFile(rsaKey, 'utf8')), id: extensionIdOf(publicKeyField(await readFile(rsaKey, 'utf8'))) });
  });

  it('a set variable that names no usable key is an error naming the variable, never a silent unkeyed build', async () => {
    expect(() => signingKeyFrom({ [SIGNING_KEY_VARIABLE]: join(dir, 'missing.pem') })).toThrow(`${SIGNING_KEY_VARIABLE}=${join(dir, 'missing.pem')}: no such file`);
    expect(() => signingKeyFrom({ [SIGNING_KEY_VARIABLE]: ecKey })).toThrow(`${SIGNING_KEY_VARIABLE}=${ecKey}: the signing key is ec`);
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(() => signingKeyFrom({ [SIGNING_KEY_VARIABLE]: garbage })).toThrow(/not a PEM private key/);
  });
});

describe('updateManifestXml', () => {
  const id = 'abcdefghijklmnopabcdefghijklmnop';

  it('names the id, the version and the address of the .crx in Google update manifest form', () => {
    expect(updateManifestXml({ id, version: '1.2.3', crxUrl: 'https://extensions.example.org/portal-checkup-1.2.3.crx', minimumChromeVersion: '148' })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
        `  <app appid="${id}">`,
        '    <updatecheck codebase="https://extensions.example.org/portal-checkup-1.2.3.crx" version="1.2.3" prodversionmin="148"/>',
        '  </app>',
        '</gupdate>',
        '',
      ].join('\n'),
    );
  });

  it('writes an address with query characters as XML text', () => {
    expect(updateManifestXml({ id, version: '1.0.0', crxUrl: 'https://host.example/get?file=a.crx&v="1"' })).toContain(
      'codebase="https://host.example/get?file=a.crx&#38;v=%221%22"',
    );
  });

  it('refuses what is no id, no version or no http(s) address', () => {
    expect(() => updateManifestXml({ id: 'ABC', version: '1.0.0', crxUrl: 'https://a.example/x.crx' })).toThrow('"ABC" is not an extension id');
    expect(() => updateManifestXml({ id, version: '1.0.0-beta', crxUrl: 'https://a.example/x.crx' })).toThrow('is not an extension version');
    expect(() => updateManifestXml({ id, version: '1.0.0', crxUrl: 'javascript:alert(1)' })).toThrow('is not an http(s) address');
    expect(() => crxUrlFrom('extensions/portal-checkup.crx')).toThrow('is not an address');
  });
});

// tests/browser/install-by-policy.test.ts installs with the Linux sample itself; the Windows and macOS
// samples must say the same.
describe('the install samples in docs/administrators', () => {
  const sample = (name: string): Promise<string> => readFile(join(import.meta.dirname, '../../docs/administrators', name), 'utf8');
  const ENTRY = 'EXTENSION_ID;https://extensions.example.org/portal-checkup/updates.xml';

  it('Linux: the forcelist entry names the id and updates.xml, and later updates come from there too', async () => {
    expect(JSON.parse(await sample('chromium-linux-install.json'))).toEqual({
      ExtensionInstallForcelist: [ENTRY],
      ExtensionSettings: { EXTENSION_ID: { override_update_url: true } },
    });
  });

  it('Windows and macOS: the same entry and override_update_url', async () => {
    const registry = await sample('chrome-windows.reg');
    expect(registry).toContain(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist]\n"1"="${ENTRY}"`);
    const settings = /^"ExtensionSettings"="(.*)"$/m.exec(registry)?.[1];
    expect(JSON.parse(settings!.replace(/\\"/g, '"'))).toEqual({ EXTENSION_ID: { override_update_url: true } });
    const profile = await sample('chrome-macos.mobileconfig');
    expect(profile).toContain(`<key>ExtensionInstallForcelist</key>\n      <array>\n        <string>${ENTRY}</string>`);
    expect(profile).toMatch(/<key>EXTENSION_ID<\/key>\s*<dict>\s*<key>override_update_url<\/key>\s*<true\/>/);
  });
});
