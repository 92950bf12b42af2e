// `npm run bench:worker-wake` (after a build; Linux only): what a page load costs the extension's own
// process when the extension's service worker has stopped, as MV3 stops it after 30 s without events.
//
// Why a bench of its own: npm run bench measures the page's renderer. But every page load in any tab
// sends tabs.onUpdated to our worker, so a page opened after a pause starts the worker again, on pages
// that are not medical too, in the extension's process, not the page's: the page's renderer never sees
// that cost. Here it is the CPU time (user + system, from /proc/<pid>/stat) of the browser's extension
// processes during one load of the 10,000-element article in a new tab, the worker stopped just before
// (DevTools Target.closeTarget, as the browser's own idle stop), with the floor extension (floor-extension.ts,
// whose content script sends a message on every page, so its worker starts on every load too) as the
// reference. When the worker stops, Chromium may end the extension's process: then the load's count
// includes starting a process, for every arm alike.
//
// Arms: `name=dir` arguments (built extensions), default `extension=dist/chrome`; the browsers run side by
// side and take turns (ABBA), ROUNDS (default 10) loads each after one warm-up. Prints medians in ms.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launch, type ChromiumExtensionBrowser } from '../tests/harness/chromium.js';
import { startHttpServer } from '../tests/harness/servers/index.js';
import { writeFloorExtension } from './floor-extension.js';
import { PAGE_KINDS } from './pages.js';

const CLOCK_TICKS_PER_SECOND = 100;
const SETTLE_MS = 1_500;
// After the worker is stopped: the browser ends its process, and the next load starts from there.
const AFTER_STOP_MS = 800;

interface Arm {
  profile: string;
  browser: ChromiumExtensionBrowser;
  session: CDPSession;
}

/** CPU time in ms so far of each extension process of the browser whose profile is `profile`, by pid. */
async function extensionProcessCpu(profile: string): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      if (!commandLine.includes('--extension-process') || !commandLine.includes(`--user-data-dir=${profile}`)) continue;
      // The fields after the command's name: utime and stime are the 14th and 15th of the whole line.
      const fields = (await readFile(`/proc/${entry}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND);
    } catch {
      // The process ended while being read.
    }
  }
  return cpu;
}

async function stopServiceWorkers(session: CDPSession): Promise<void> {
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: Array<{ type: string; targetId: string }> };
  for (const target of targetInfos) if (target.type === 'service_worker') await session.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
}

/** One load of `url` in a new tab after the worker was stopped: the extension processes' CPU in ms. */
async function loadAfterStop(arm: Arm, url: string): Promise<number> {
  await stopServiceWorkers(arm.session);
  await new Promise((done) => setTimeout(done, AFTER_STOP_MS));
  const before = await extensionProcessCpu(arm.profile);
  const page = await arm.browser.context.newPage();
  try {
    await page.goto(url);
    await page.evaluate(() => 0);
    await page.waitForTimeout(SETTLE_MS);
    let spent = 0;
    for (const [pid, ms] of await extensionProcessCpu(arm.profile)) spent += ms - (before.get(pid) ?? 0);
    return spent;
  } finally {
    await page.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const given = process.argv.slice(2).map((entry) => entry.split('=') as [string, string]);
const directories: Record<string, string> = { floor: await writeFloorExtension(), ...Object.fromEntries(given.length ? given : [['extension', resolve(import.meta.dirname, '../dist/chrome')]]) };
const rounds = Number(process.env.ROUNDS ?? 10);
const server = await startHttpServer({ '/article': PAGE_KINDS.article(10_000) });
const arms: Record<string, Arm> = {};
try {
  for (const [name, extensionDir] of Object.entries(directories)) {
    const profile = await mkdtemp(join(tmpdir(), `worker-wake-${name}-`));
    const browser = await launch({ extensionDir, userDataDir: profile });
    const page = await browser.context.newPage();
    arms[name] = { profile, browser, session: await browser.context.newCDPSession(page) };
  }
  const names = Object.keys(arms);
  const spent: Record<string, number[]> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const ms = await loadAfterStop(arms[name]!, `${server.url}/article`);
      if (round > 0) (spent[name] ??= []).push(ms);
    }
  }
  console.log(`extension processes' CPU per article load after the worker stopped, median ms of ${rounds} (ticks of ${1000 / CLOCK_TICKS_PER_SECOND} ms):`);
  for (const name of names) console.log(`  ${name}: ${median(spent[name]!).toFixed(1)} (${spent[name]!.join(' ')})`);
} finally {
  for (const arm of Object.values(arms)) {
    await arm.browser.close();
    await rm(arm.profile, { recursive: true, force: true });
  }
  await server.stop();
  await rm(directories.floor!, { recursive: true, force: true });
}
