// Types of scripts/chromium-hosting.mjs (plain JavaScript, so that `node scripts/package.mjs` runs it as it is).
export declare const SIGNING_KEY_VARIABLE: 'PORTAL_CHECKUP_SIGNING_KEY';
export declare function publicKeyField(privateKeyPem: string): string;
export declare function extensionIdOf(keyField: string): string;
export interface SigningKey {
  path: string;
  keyField: string;
  id: string;
}
export declare function signingKeyFrom(env?: Record<string, string | undefined>): SigningKey | null;
export declare function crxUrlFrom(text: string): string;
export declare function updateManifestXml(manifest: { id: string; version: string; crxUrl: string; minimumChromeVersion?: string }): string;
export declare function writeCrx(files: { sourceDir: string; keyPath: string; crxPath: string }): Promise<string>;
