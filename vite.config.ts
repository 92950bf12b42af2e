// Builds the unpacked extension for one browser per run: `vite build --mode chrome` → dist/chrome,
// `vite build --mode firefox` → dist/firefox (npm run build does both). manifest.json is the one
// definition for both; the browser differences are all in manifestFor() below.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { signingKeyFrom } from './scripts/chromium-hosting.mjs';
import { build, defineConfig, type Plugin } from 'vite';
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
// That module is then written again as one file, its imports (static and dynamic) inside it: a medical
// page loaded six modules of ours, and one file of the same code cost it 1.3 to 1.9 ms less script
// (study list and listing, arms taking turns, 15 pairs, two runs; bench/variants.ts). Vite's library
// mode writes it, which also leaves out the preload helper that a dynamic import gets in an app build.
const FULL_CHECK_PLACEHOLDER = '__PORTAL_CHECKUP_FULL_CHECK_MODULE__';
const FULL_CHECK_ENTRY = 'src/content/content-script.ts';

/** Writes the full content script as one ES module at `outDir/file`, replacing what crxjs wrote there. */
async function writeAsOneModule(outDir: string, file: string): Promise<void> {
  const temporary = join(outDir, '.one-module');
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: temporary,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      minify: true,
      lib: { entry: FULL_CHECK_ENTRY, formats: ['es'], fileName: () => 'content-script.js' },
      // Library mode leaves the white space in an ES module; the output's own minify takes it out too.
      rollupOptions: { output: { inlineDynamicImports: true, minify: true } },
    },
  });
  const text = readFileSync(join(temporary, 'content-script.js'), 'utf8');
  // Pages may reach this file alone (the plugin below): an import left in it would fail in every page.
  if (/\bimport\s*\(|\bfrom\s*["'`]/.test(text)) throw new Error(`${FULL_CHECK_ENTRY} still imports a module when written as one`);
  writeFileSync(join(outDir, file), text);
  rmSync(temporary, { recursive: true, force: true });
}

/**
 * The chunks among `chunks` that the rest of the build still imports: named by a script or page outside
 * `left` (the files being taken out), or by a chunk so kept, followed until nothing changes (a chunk may
 * be needed only through another one). The manifest is not searched: it names them as page-reachable
 * resources only, which is what is being rewritten.
 */
function chunksStillImported(outDir: string, chunks: ReadonlySet<string>, left: ReadonlySet<string>): Set<string> {
  const texts = new Map(
    readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(js|html)$/.test(path))
      .map((path) => [path, readFileSync(join(outDir, path), 'utf8')] as const),
  );
  const importers = [...texts.keys()].filter((path) => !left.has(path));
  const kept = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const chunk of chunks) {
      if (kept.has(chunk) || !importers.some((path) => texts.get(path)!.includes(basename(chunk)))) continue;
      kept.add(chunk);
      importers.push(chunk);
      grew = true;
    }
  }
  return kept;
}

function gateLoadsFullContentScript(): Plugin {
  let outDir = '';
  return {
    name: 'portal-checkup:gate-loads-full-content-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      const manifestPath = join(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_scripts?: Array<{ js?: string[] }>; web_accessible_resources?: Array<{ resources: string[] }> };
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
      rmSync(join(outDir, loaderFile));
      await writeAsOneModule(outDir, module);
      // The chunks crxjs wrote for the content script are inside the one module now: those no other page
      // or script of ours imports go. Pages may reach the one module alone: it imports nothing, and the
      // chunks kept are the background's and the extension pages', which need no page to reach them.
      const resources = (built.web_accessible_resources ?? []).find((entry) => entry.resources.includes(module));
      const chunks = new Set(resources?.resources.filter((file) => file !== module) ?? []);
      const kept = chunksStillImported(outDir, chunks, new Set([module, ...chunks]));
      for (const chunk of chunks) if (!kept.has(chunk)) rmSync(join(outDir, chunk));
      if (resources) resources.resources = [module];
      writeFileSync(manifestPath, `${JSON.stringify(built, null, 2)}\n`);
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
