// Builds the unpacked extension for one browser per run: `vite build --mode chrome` → dist/chrome,
// `vite build --mode firefox` → dist/firefox (npm run build does both). manifest.json is the one
// definition for both; the browser differences are all in manifestFor() below.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { signingKeyFrom } from './scripts/chromium-hosting.mjs';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';

function manifestFor(browser: TargetBrowser): ManifestV3Export {
  const { minimum_chrome_version, browser_specific_settings, background, ...shared } = manifest;
  const version = packageJson.version;
  if (browser === 'chrome') {
    // Organisation policy: Chromium passes an administrator's "3rdparty" policy to storage.managed
    // only for the keys this schema declares (docs/administrators.md).
    // With the organisation's signing key (PORTAL_CHECKUP_SIGNING_KEY), its public half fixes the id, so
    // policies can name it; without, no `key`: the store gives the extension its own id.
    const signingKey = signingKeyFrom();
    const key = signingKey ? { key: signingKey.keyField } : {};
    return { ...shared, version, minimum_chrome_version, ...key, background, storage: { managed_schema: 'managed-schema.json' } } as ManifestV3Export;
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

// When the content script runs. Measured in A/B runs of a 10,000-element article (bench/; medians of 12,
// alternating): with crxjs's loader injected at document_idle, the page's load event came 12-30 % later
// than without the extension, even when the loader imported nothing before load; injected at
// document_start (as the pin script is) and importing only after the load event, 0.94-1.09. So the
// manifest injects the content script at document_start, and the build makes crxjs's loader wait for
// the page's load event (or 3 s, for pages whose load never ends) before it imports anything.
const waitForPageLoad = (loader: string): string => `(function () {
  const run = () => {
${loader}
  };
  if (document.readyState === 'complete') return run();
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    setTimeout(run, 0);
  };
  addEventListener('load', once, { once: true });
  setTimeout(once, 3000);
})();
`;

function contentScriptAfterPageLoad(): Plugin {
  let outDir = '';
  return {
    name: 'portal-checkup:content-script-after-page-load',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // After crxjs has written its loaders and the manifest that names them.
    writeBundle() {
      const built = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[] }> };
      const loaders = (built.content_scripts ?? []).flatMap((script) => script.js ?? []).filter((file) => /content-script\.ts-loader-[\w-]+\.js$/.test(file));
      // Without the wait, the check would start before the page exists: fail the build instead.
      if (loaders.length !== 1) throw new Error(`expected one content-script loader in ${outDir}/manifest.json, found ${loaders.length}`);
      for (const file of loaders) writeFileSync(join(outDir, file), waitForPageLoad(readFileSync(join(outDir, file), 'utf8')));
    },
  };
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
    plugins: [crx({ manifest: manifestFor(browser), browser }), contentScriptAfterPageLoad()],
  };
});
