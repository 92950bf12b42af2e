// Builds the unpacked extension for one browser per run: `vite build --mode chrome` → dist/chrome,
// `vite build --mode firefox` → dist/firefox (npm run build does both). manifest.json is the one
// definition for both; the browser differences are all in manifestFor() below.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// How the content script gets into pages (issue 15, measured with npm run bench). The manifest names two
// scripts for the content script's world: the small classic gate (src/content/gate.iife.ts, bundled by
// crxjs as one file) and the full content script (content-script.ts, a module graph that crxjs starts
// through a loader doing `import(chrome.runtime.getURL(...))` in every page). The loader must not run in
// every page: on the pages that are not medical (almost all), loading the module graph cost more than
// everything else together. So after crxjs has written the build, this takes the loader out of the
// manifest and gives its module's address to the gate, which imports it only where it is needed.
const FULL_CHECK_PLACEHOLDER = '__PORTAL_CHECKUP_FULL_CHECK_MODULE__';

function gateLoadsFullContentScript(): Plugin {
  let outDir = '';
  return {
    name: 'portal-checkup:gate-loads-full-content-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const manifestPath = join(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_scripts?: Array<{ js?: string[] }> };
      const scripts = built.content_scripts ?? [];
      const loaders = scripts.filter((script) => (script.js ?? []).some((file) => /content-script\.ts-loader-[\w-]+\.js$/.test(file)));
      const gates = scripts.flatMap((script) => script.js ?? []).filter((file) => file.endsWith('gate.iife.js'));
      // Without these, no page would ever be checked: fail the build instead.
      if (loaders.length !== 1 || loaders[0]!.js!.length !== 1) throw new Error(`expected one content-script loader in ${manifestPath}, found ${loaders.length}`);
      if (gates.length !== 1) throw new Error(`expected one gate script in ${manifestPath}, found ${gates.length}`);
      const loaderFile = loaders[0]!.js![0]!;
      const module = /getURL\(\s*"(assets\/content-script\.ts-[\w-]+\.js)"\s*\)/.exec(readFileSync(join(outDir, loaderFile), 'utf8'))?.[1];
      if (!module) throw new Error(`no module address in ${loaderFile}`);
      const gatePath = join(outDir, gates[0]!);
      const gate = readFileSync(gatePath, 'utf8');
      // The placeholder with its quotes (the minifier may write it as a template literal): a plain string
      // literal, as web-ext lint wants for import().
      const placeholder = new RegExp(`([\`'"])${FULL_CHECK_PLACEHOLDER}\\1`, 'g');
      if ((gate.match(placeholder) ?? []).length !== 1) throw new Error(`expected the placeholder once in ${gates[0]}`);
      writeFileSync(gatePath, gate.replace(placeholder, JSON.stringify(module)));
      built.content_scripts = scripts.filter((script) => script !== loaders[0]);
      writeFileSync(manifestPath, `${JSON.stringify(built, null, 2)}\n`);
      rmSync(join(outDir, loaderFile));
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
    plugins: [crx({ manifest: manifestFor(browser), browser }), gateLoadsFullContentScript()],
  };
});
