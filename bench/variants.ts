// `npx tsx bench/variants.ts name=dir [name=dir …]`: added renderer script time (ScriptDuration, with minus
// without, medians, arms taking turns), and the load event's time as a ratio to the arm without an
// extension, of several built Chromium extensions on the same generated pages,
// with the floor extension as a reference. How the gate script variants of issue 15 were compared: build
// each variant into its own folder (vite build --mode chrome --outDir …) and name it here. KINDS=article,
// study-list,directory-listing,changing-article and ROUNDS=9 choose the pages and pairs. TRACES=8 also
// traces each arm that many times, taking turns, and gives the medians of the longest extension task
// (trace.ts), its thread time, and all extension tasks: how the pauses between slices (snapshot/slices.ts)
// were compared.
import { rm } from 'node:fs/promises';
import { chromium, type BrowserContext } from 'playwright-core';
import { launch, CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/harness/chromium.js';
import { makeTempDir, startHttpServer } from '../tests/harness/servers/index.js';
import { CHANGING_ARTICLE, changingArticle, PAGE_KINDS } from './pages.js';
import { sample } from './added-cost.js';
import { writeFloorExtension } from './floor-extension.js';
import { LONG_TASK_MS, settleAfterLoad, traceLoad, type ExtensionTaskSummary } from './trace.js';

const arms: Record<string, string> = Object.fromEntries(process.argv.slice(2).map((entry) => entry.split('=') as [string, string]));
const kinds = (process.env.KINDS ?? 'article').split(',') as Array<keyof typeof PAGE_KINDS | 'changing-article'>;
const rounds = Number(process.env.ROUNDS ?? 9);
const traces = Number(process.env.TRACES ?? 0);
const pageOf = (kind: (typeof kinds)[number]): string => (kind === 'changing-article' ? changingArticle(10_000) : PAGE_KINDS[kind](10_000));
const settleOf = (kind: (typeof kinds)[number]): number | undefined => (kind === 'changing-article' ? CHANGING_ARTICLE.settleMs : undefined);
const server = await startHttpServer(Object.fromEntries(kinds.map((kind) => [`/${kind}`, pageOf(kind)])));
const floorDir = await writeFloorExtension();
const contexts: Record<string, BrowserContext> = {};
const closers: Array<() => Promise<void>> = [];
const profile = await makeTempDir('plain');
contexts.without = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
closers.push(() => contexts.without!.close());
for (const [name, dir] of Object.entries({ floor: floorDir, ...arms })) {
  const b = await launch({ extensionDir: dir });
  contexts[name] = b.context;
  closers.push(() => b.close());
}
const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
for (const kind of kinds) {
  const url = `${server.url}/${kind}`;
  const names = Object.keys(contexts);
  for (const name of names) await sample(contexts[name]!, url, settleOf(kind)); // warm-up
  const script: Record<string, number[]> = {};
  const load: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const { scriptMs, loadMs } = await sample(contexts[name]!, url, settleOf(kind));
      (script[name] ??= []).push(scriptMs);
      (load[name] ??= []).push(loadMs);
    }
  }
  const base = median(script.without!);
  console.log(kind, 'added script ms', Object.fromEntries(names.map((name) => [name, +(median(script[name]!) - base).toFixed(2)])));
  console.log(kind, 'load event, ratio to without', Object.fromEntries(names.map((name) => [name, +(median(load[name]!) / median(load.without!)).toFixed(3)])));
  const traced: Record<string, ExtensionTaskSummary[]> = {};
  for (let round = 0; round < traces; round++) {
    for (const name of round % 2 ? Object.keys(arms).reverse() : Object.keys(arms)) {
      (traced[name] ??= []).push(await traceLoad(contexts[name]!, url, settleAfterLoad));
    }
  }
  for (const [name, runs] of Object.entries(traced)) {
    const ms = (pick: (run: ExtensionTaskSummary) => number): number => +median(runs.map(pick)).toFixed(2);
    console.log(kind, name, `longest extension task ${ms((run) => run.longestTaskMs)} ms (thread time ${ms((run) => run.longestTaskThreadMs)} ms), all extension tasks ${ms((run) => run.totalMs)} ms, tasks over ${LONG_TASK_MS} ms (thread time) ${ms((run) => run.tasksOverLongMs)}, ${runs.length} traces`);
  }
}
for (const close of closers) await close();
await server.stop();
await rm(floorDir, { recursive: true, force: true });
