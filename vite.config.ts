// Builds the unpacked Chromium extension into dist/chrome. The version comes from package.json,
// so manifest.json keeps only what does not change per release.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  // Icons and _locales are copied as they are.
  publicDir: 'extension',
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  plugins: [crx({ manifest: { ...manifest, version: packageJson.version } as ManifestV3Export })],
});
