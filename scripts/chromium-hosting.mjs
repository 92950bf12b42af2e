// What an organisation needs to host the Chromium extension itself (docs/administrators.md): the
// manifest `key` that fixes the extension's id, the id, the update manifest that tells browsers where
// the signed .crx lives, and the .crx. The signing key stays outside the repository: its path comes
// from PORTAL_CHECKUP_SIGNING_KEY. Used by vite.config.ts (the key field) and scripts/package.mjs.
import { createPrivateKey, createPublicKey, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import crx3 from 'crx3';

export const SIGNING_KEY_VARIABLE = 'PORTAL_CHECKUP_SIGNING_KEY';

/** The manifest `key`: the public half of a PEM RSA private key, as base64 DER SubjectPublicKeyInfo. */
export function publicKeyField(privateKeyPem) {
  let privateKey;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error('the signing key is not a PEM private key (make one with: openssl genrsa -out portal-checkup.pem 4096)');
  }
  // CRX3 as Chromium verifies it for self-hosted extensions: sha256_with_rsa proofs only.
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`the signing key is ${privateKey.asymmetricKeyType}, Chromium needs an RSA key`);
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Chromium's id of an extension with this `key`: the first 128 bits of the key's SHA-256, each hex digit written a–p. */
export function extensionIdOf(keyField) {
  const der = Buffer.from(keyField, 'base64');
  // Refuses what is no public key, rather than naming an id no browser would give.
  createPublicKey({ key: der, format: 'der', type: 'spki' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * The signing key named by PORTAL_CHECKUP_SIGNING_KEY, or null when the variable is not set (the build
 * then has no `key`, as the store wants). A set variable that names no usable key is an error, never a
 * silent unkeyed build.
 */
export function signingKeyFrom(env = process.env) {
  const value = env[SIGNING_KEY_VARIABLE];
  if (value === undefined || value === '') return null;
  const path = resolve(value);
  if (!existsSync(path)) throw new Error(`${SIGNING_KEY_VARIABLE}=${value}: no such file`);
  let keyField;
  try {
    keyField = publicKeyField(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${SIGNING_KEY_VARIABLE}=${value}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { path, keyField, id: extensionIdOf(keyField) };
}

const VERSION = /^\d+(\.\d+){0,3}$/;
const ID = /^[a-p]{32}$/;
const escapeXml = (text) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The address where the organisation hosts the .crx: an http(s) URL, nothing else. */
export function crxUrlFrom(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an address (expected e.g. https://extensions.example.org/portal-checkup.crx)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${text}" is not an http(s) address`);
  return url.href;
}

/** Google's update manifest (protocol 2.0): the browser reads it to find the newest .crx of the extension. */
export function updateManifestXml({ id, version, crxUrl, minimumChromeVersion }) {
  if (!ID.test(id)) throw new Error(`"${id}" is not an extension id`);
  if (!VERSION.test(version)) throw new Error(`"${version}" is not an extension version`);
  const prodversionmin = minimumChromeVersion ? ` prodversionmin="${escapeXml(minimumChromeVersion)}"` : '';
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">`,
    `  <app appid="${id}">`,
    `    <updatecheck codebase="${escapeXml(crxUrlFrom(crxUrl))}" version="${version}"${prodversionmin}/>`,
    `  </app>`,
    `</gupdate>`,
    '',
  ].join('\n');
}

/** Signs the built extension in `sourceDir` into a CRX3 file with the key at `keyPath`; resolves to the id crx3 computed. */
export async function writeCrx({ sourceDir, keyPath, crxPath }) {
  // crx3 makes a new key when the file is missing: that would silently give a new id.
  if (!existsSync(keyPath)) throw new Error(`no signing key at ${keyPath}`);
  const { appId } = await crx3([resolve(sourceDir, 'manifest.json')], { keyPath, crxPath });
  return appId;
}
