// Builds the unpacked extension for one browser per run: `vite build --mode chrome` → dist/chrome,
// `vite build --mode firefox` → dist/firefox (npm run build does both). manifest.json is the one
// definition for both; the browser differences are all in manifestFor() below.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';

function manifestFor(browser: TargetBrowser): ManifestV3Export {
  const { minimum_chrome_version, browser_specific_settings, background, ...shared } = manifest;
  const version = packageJson.version;
  if (browser === 'chrome') {
    // Organisation policy: Chromium passes an administrator's "3rdparty" policy to storage.managed
    // only for the keys this schema declares (docs/administrators.md).
    return { ...shared, version, minimum_chrome_version, background, storage: { managed_schema: 'managed-schema.json' } } as ManifestV3Export;
  }
  // Firefox MV3 has no extension service workers: the same module runs as a background script.
  // Firefox reads organisation policy from policies.json (3rdparty.Extensions.<id>) without a schema.
  return {
    ...shared,
    version,
    browser_specific_settings,
    background: { scripts: [background.service_worker], type: 'module' },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    // Icons and _locales are copied as they are.
    publicDir: 'extension',
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // Pages the manifest does not name; crxjs builds the ones it does (popup, options).
      rollupOptions: { input: { letter: 'src/letter/letter.html', learn: 'src/learn/learn.html' } },
      // No preload helper in the content script: it would load on every page, for nothing.
      modulePreload: false,
    },
    plugins: [crx({ manifest: manifestFor(browser), browser })],
  };
});
