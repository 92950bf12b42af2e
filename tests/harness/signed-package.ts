// A keyed build and its signed package, made the way an organisation makes them (vite build with
// PORTAL_CHECKUP_SIGNING_KEY set, then scripts/package.mjs), but with a throwaway key and into a temp
// folder: dist/ and packages/, which the other tests load, are never touched.

import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');

/** A new RSA key as PEM, written to `dir/signing-key.pem` (2048 bits: enough for a test, and quick). */
export async function makeThrowawayKey(dir: string, type: 'rsa' | 'ec' = 'rsa'): Promise<string> {
  const { privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
      : generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const path = join(dir, `signing-key-${type}.pem`);
  await writeFile(path, privateKey, { mode: 0o600 });
  return path;
}

/** `vite build` of one browser into `outDir`, with the signing key variable set or not. */
export async function buildExtension(browser: 'chrome' | 'firefox', outDir: string, keyPath: string | null): Promise<void> {
  const env = { ...process.env };
  delete env.PORTAL_CHECKUP_SIGNING_KEY;
  if (keyPath) env.PORTAL_CHECKUP_SIGNING_KEY = keyPath;
  await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--mode', browser, '--outDir', outDir, '--logLevel', 'warn'], { cwd: ROOT, env });
}

export interface PackageRun {
  code: number;
  output: string;
}

/** scripts/package.mjs on the builds in `distDir`, writing into `outDir`. */
export async function runPackage(distDir: string, outDir: string, keyPath: string | null, extraArgs: string[] = []): Promise<PackageRun> {
  const env = { ...process.env };
  delete env.PORTAL_CHECKUP_SIGNING_KEY;
  delete env.PORTAL_CHECKUP_CRX_URL;
  if (keyPath) env.PORTAL_CHECKUP_SIGNING_KEY = keyPath;
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'scripts/package.mjs'), '--dist', distDir, '--out', outDir, ...extraArgs], { cwd: ROOT, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

/** Every file under `dir`, relative to it, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export interface Crx3 {
  version: number;
  /** sha256_with_rsa proofs: public key (DER SubjectPublicKeyInfo) and signature. */
  rsaProofs: Array<{ publicKey: Buffer; signature: Buffer }>;
  signedHeaderData: Buffer;
  /** The first 16 bytes of the SHA-256 of the signing key, as SignedData.crx_id says. */
  crxId: Buffer | null;
  zip: Buffer;
}

// Length-delimited fields of a protobuf message (the CRX3 header uses nothing else): field number → values.
function protobufFields(message: Buffer): Map<number, Buffer[]> {
  const fields = new Map<number, Buffer[]>();
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[offset++];
      if (byte === undefined) throw new Error('truncated protobuf');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (offset < message.length) {
    const tag = varint();
    if ((tag & 7) !== 2) throw new Error(`unexpected protobuf wire type ${tag & 7}`);
    const length = varint();
    fields.set(tag >>> 3, [...(fields.get(tag >>> 3) ?? []), message.subarray(offset, offset + length)]);
    offset += length;
  }
  return fields;
}

/** Reads a CRX3 file: "Cr24", version 3, header length, the CrxFileHeader protobuf, then the zip. */
export async function readCrx3(path: string): Promise<Crx3> {
  const file = await readFile(path);
  if (file.subarray(0, 4).toString('latin1') !== 'Cr24') throw new Error(`${path} does not start with Cr24`);
  const version = file.readUInt32LE(4);
  const headerLength = file.readUInt32LE(8);
  const header = protobufFields(file.subarray(12, 12 + headerLength));
  const rsaProofs = (header.get(2) ?? []).map((proof) => {
    const fields = protobufFields(proof);
    return { publicKey: fields.get(1)?.[0] ?? Buffer.alloc(0), signature: fields.get(2)?.[0] ?? Buffer.alloc(0) };
  });
  const signedHeaderData = header.get(10000)?.[0] ?? Buffer.alloc(0);
  return { version, rsaProofs, signedHeaderData, crxId: protobufFields(signedHeaderData).get(1)?.[0] ?? null, zip: file.subarray(12 + headerLength) };
}

/** Unzips `zip` into `dir` with Python's zipfile (as the other package tests do). */
export async function unzip(zipPath: string, dir: string): Promise<void> {
  await run('python3', ['-m', 'zipfile', '-e', zipPath, dir]);
}
