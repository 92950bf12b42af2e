// `npm run bench`: Portal Checkup's cost, measured in real Chromium (the same setup as the tests).
// Writes bench/results.json and bench/results.md, and the table into README.md. Medians over repeated
// runs, all measured in one run on one machine; compare ratios, not absolute numbers across machines.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { launch as launchWithExtension, CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/harness/chromium.js';
import { makeTempDir, startHttpServer, type RunningServer } from '../tests/harness/servers/index.js';
import { SNAPSHOT_LIMITS } from '../src/snapshot/snapshot.js';
import { liveViewer, PAGE_KINDS, type PageKind } from './pages.js';

const root = resolve(import.meta.dirname, '..');
const SIZES = [1_000, 10_000, 100_000, 1_000_000];
// Chromium needs minutes to lay out a million-line <pre>, far longer than the check itself; the
// listing stops at 100,000 files (the flat cost beyond the node budget shows on the other two kinds).
const LARGEST: Record<PageKind, number> = { article: 1_000_000, 'study-list': 1_000_000, 'directory-listing': 100_000 };
const CHECK_REPEATS = 9;
const LOAD_RUNS = 15;
const LIVE_ROWS = 10_000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function buildEverything(): Promise<string> {
  await build({ configFile: join(root, 'vite.config.ts'), root, mode: 'chrome', logLevel: 'warn' });
  const outDir = join(root, 'bench/.build');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: true, lib: { entry: join(root, 'bench/in-page.ts'), formats: ['iife'], name: 'portalCheckupBenchBundle', fileName: () => 'in-page.js' } },
  });
  return join(outDir, 'in-page.js');
}

function servePages(): Promise<RunningServer> {
  const cache = new Map<string, string>();
  const html = (key: string, make: () => string): string => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };
  return startHttpServer(
    {},
    {
      routes: {
        '/page': (request, response) => {
          const url = new URL(request.url ?? '/', 'http://127.0.0.1');
          const kind = url.searchParams.get('kind') as PageKind;
          const size = Number(url.searchParams.get('size'));
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
          response.end(html(`${kind}:${size}`, () => PAGE_KINDS[kind](size)));
        },
        '/live': (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
          response.end(liveViewer(LIVE_ROWS, 4_000));
        },
      },
    },
  );
}

// The same browser as the tests' (same flags, persistent profile), only without the extension: the
// "without" side of the A/B comparison and the host of the in-page check pass.
async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await makeTempDir('bench-profile');
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return { context, close: () => context.close() };
}

// 1. The check pass (snapshot + all checks) on pages of growing size, in the page itself.
async function measureCheckPass(context: BrowserContext, server: RunningServer, bundle: string) {
  const rows = [];
  for (const kind of Object.keys(PAGE_KINDS) as PageKind[]) {
    for (const size of SIZES.filter((candidate) => candidate <= LARGEST[kind])) {
      const page = await context.newPage();
      // The DOM is complete at DOMContentLoaded; the check pass does not wait for layout.
      await page.goto(`${server.url}/page?kind=${kind}&size=${size}`, { timeout: 120_000, waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ path: bundle });
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      const runs = (await page.evaluate((times) => (globalThis as any).portalCheckupBench.run(times), CHECK_REPEATS + 2)) as Array<{ ms: number; nodesVisited: number; verdict: string; fullRead: boolean }>;
      const measured = runs.slice(2); // the first runs warm up the JIT
      rows.push({ kind, size, elements, medianMs: round(median(measured.map((run) => run.ms)), 3), nodesVisited: measured[0]!.nodesVisited, fullRead: measured[0]!.fullRead, verdict: measured[0]!.verdict });
      await page.close();
      console.log(`check pass  ${kind.padEnd(18)} ${String(elements).padStart(8)} elements: ${rows.at(-1)!.medianMs} ms`);
    }
  }
  return rows;
}

// Trace events of the renderer: the extension's own script (functions from chrome-extension:// URLs).
async function traceExtensionScript(session: CDPSession, during: () => Promise<void>): Promise<{ totalMs: number; longestMs: number; calls: number }> {
  type TraceEvent = { name: string; dur?: number; args?: { data?: { url?: string } } };
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  const finished = new Promise<void>((done) => session.once('Tracing.tracingComplete', () => done()));
  await session.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  await during();
  await session.send('Tracing.end');
  await finished;
  const ours = events.filter((event) => (event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'v8.compileModule') && event.args?.data?.url?.startsWith('chrome-extension://'));
  const durations = ours.map((event) => (event.dur ?? 0) / 1000);
  return { totalMs: round(durations.reduce((sum, value) => sum + value, 0)), longestMs: round(Math.max(0, ...durations)), calls: durations.length };
}

// 2. A viewer that appends 10,000 rows over about 4 s, with the extension watching.
async function measureLivePage(context: BrowserContext, server: RunningServer) {
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const result = await traceExtensionScript(session, async () => {
      await page.goto(`${server.url}/live`);
      await page.waitForFunction(() => document.title === 'Study list (loaded)', undefined, { timeout: 30_000 });
      await page.waitForTimeout(3_000); // the last debounced passes
    });
    runs.push(result);
    await page.close();
  }
  return { rows: LIVE_ROWS, totalScriptMs: median(runs.map((run) => run.totalMs)), longestTaskMs: median(runs.map((run) => run.longestMs)), calls: median(runs.map((run) => run.calls)) };
}

async function loadTimes(page: Page, url: string): Promise<{ load: number; fcp: number }> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { load: navigation.loadEventEnd, fcp: paint?.startTime ?? 0 };
  });
}

// 3. Page load with the extension versus without, alternating A/B in the same run.
async function measurePageLoad(withExtension: BrowserContext, without: BrowserContext, server: RunningServer) {
  const url = `${server.url}/page?kind=article&size=10000`;
  const samples = { with: [] as Array<{ load: number; fcp: number }>, without: [] as Array<{ load: number; fcp: number }> };
  for (let run = 0; run < LOAD_RUNS + 1; run++) {
    for (const [name, context] of (run % 2 ? [['with', withExtension], ['without', without]] : [['without', without], ['with', withExtension]]) as Array<['with' | 'without', BrowserContext]>) {
      const page = await context.newPage();
      const times = await loadTimes(page, url);
      if (run > 0) samples[name].push(times); // the first round warms up both browsers
      await page.close();
    }
  }
  const summary = (list: Array<{ load: number; fcp: number }>) => ({ loadMs: round(median(list.map((entry) => entry.load))), fcpMs: round(median(list.map((entry) => entry.fcp))) });
  const a = summary(samples.with);
  const b = summary(samples.without);
  return { page: 'article, 10,000 elements', runs: LOAD_RUNS, with: a, without: b, loadRatio: round(a.loadMs / b.loadMs, 3), fcpRatio: round(a.fcpMs / b.fcpMs, 3) };
}

// 4. Script the extension loads into a non-medical page, and the service worker's memory.
async function measureFootprint(context: BrowserContext, server: RunningServer, extension: Awaited<ReturnType<typeof launchWithExtension>>) {
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  const loaded = new Set<string>();
  await session.send('Network.enable');
  session.on('Network.requestWillBeSent', (event: { request: { url: string } }) => {
    if (event.request.url.startsWith('chrome-extension://')) loaded.add(event.request.url);
  });
  await page.goto(`${server.url}/page?kind=article&size=1000`);
  await page.waitForTimeout(1_500);
  const dist = join(root, 'dist/chrome');
  const files = [...loaded].map((url) => new URL(url).pathname.replace(/^\//, ''));
  // The content script's first file is declared in the manifest and is not fetched over the network.
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ js: string[] }> };
  for (const file of manifest.content_scripts.flatMap((script) => script.js)) if (!files.includes(file)) files.unshift(file);
  const bytes = files.map((file) => readFileSync(join(dist, file)));
  await page.close();
  const heap = (await extension.withExtensionApi(async () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null, 0)) as number | null;
  return {
    nonMedicalPage: {
      files,
      minifiedBytes: bytes.reduce((sum, buffer) => sum + buffer.length, 0),
      gzippedBytes: bytes.reduce((sum, buffer) => sum + gzipSync(buffer).length, 0),
    },
    serviceWorkerHeapBytes: heap,
  };
}

function machine() {
  const chromiumVersion = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, chromium: chromiumVersion, date: new Date().toISOString() };
}

function markdown(results: Record<string, any>): string {
  const lines = [
    `Measured ${results.machine.date.slice(0, 10)} on ${results.machine.cpu} (${results.machine.cores} cores, ${results.machine.memoryGiB} GiB), ${results.machine.chromium}, Node ${results.machine.node}. Medians; node budget ${SNAPSHOT_LIMITS.nodes.toLocaleString('en')} elements.`,
    '',
    '| page | elements | check pass (median ms) | nodes read | full read | verdict |',
    '|---|---:|---:|---:|---|---|',
    ...results.checkPass.map((row: any) => `| ${row.kind} | ${row.elements.toLocaleString('en')} | ${row.medianMs} | ${row.nodesVisited.toLocaleString('en')} | ${row.fullRead ? 'yes' : 'no (quick look only)'} | ${row.verdict} |`),
    '',
    '| measure | result | target |',
    '|---|---:|---:|',
    `| live viewer, ${results.live.rows.toLocaleString('en')} rows appended over 4 s: extension script time | ${results.live.totalScriptMs} ms | — |`,
    `| live viewer: longest single extension call | ${results.live.longestTaskMs} ms | ≤ 16 ms |`,
    `| page load with / without extension (load event) | ${results.pageLoad.loadRatio} (${results.pageLoad.with.loadMs} / ${results.pageLoad.without.loadMs} ms) | ≤ 1.02 |`,
    `| page load with / without extension (first contentful paint) | ${results.pageLoad.fcpRatio} (${results.pageLoad.with.fcpMs} / ${results.pageLoad.without.fcpMs} ms) | ≤ 1.02 |`,
    `| script loaded on a non-medical page | ${(results.footprint.nonMedicalPage.minifiedBytes / 1024).toFixed(1)} KB minified, ${(results.footprint.nonMedicalPage.gzippedBytes / 1024).toFixed(1)} KB gzipped | ≤ 12 KB |`,
    `| service worker heap | ${results.footprint.serviceWorkerHeapBytes === null ? 'not available' : `${(results.footprint.serviceWorkerHeapBytes / 2 ** 20).toFixed(1)} MB`} | — |`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const bundle = await buildEverything();
  const server = await servePages();
  const plain = await launchPlain();
  const extension = await launchWithExtension();
  try {
    const checkPass = await measureCheckPass(plain.context, server, bundle);
    const live = await measureLivePage(extension.context, server);
    console.log(`live viewer: ${live.totalScriptMs} ms extension script, longest ${live.longestTaskMs} ms`);
    const pageLoad = await measurePageLoad(extension.context, plain.context, server);
    console.log(`page load ratio: load ${pageLoad.loadRatio}, FCP ${pageLoad.fcpRatio}`);
    const footprint = await measureFootprint(extension.context, server, extension);
    const results = { machine: machine(), checkPass, live, pageLoad, footprint, benchSeconds: round((Date.now() - started) / 1000, 1) };
    const table = markdown(results);
    writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results.md'), `# Benchmark results\n\n${table}\n`);
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    writeFileSync(readmePath, readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
    console.log(`\n${table}\n\nWrote bench/results.md and bench/results.json in ${results.benchSeconds} s.`);
  } finally {
    await extension.close();
    await plain.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
