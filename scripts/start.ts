// `npm start` — builds the extension, opens a page in real Chromium with the extension loaded,
// prints the verdict and findings, and saves a screenshot of the popup.
// `npm start -- <url>` checks that page instead of the bundled demo portal.
// Headless where there is no display; with a display the browser stays open until you close it.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { findingIds, waitForReport } from '../tests/harness/browser.js';
import { launch } from '../tests/harness/chromium.js';
import { startDemoPortal } from '../tests/harness/servers/index.js';
import type { Report } from '../src/shared/report.js';

const root = resolve(import.meta.dirname, '..');
const screenshotPath = join(root, 'portal-checkup-popup.png');
const messages = JSON.parse(readFileSync(join(root, 'extension/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const say = (key: string): string => messages[key]?.message ?? key;

// Viewers load data after the page; the extension re-checks as the page changes. Wait until the
// report has been the same for a moment.
async function settledReport(read: () => Promise<Report | null>, quietMs = 2_000, timeoutMs = 20_000): Promise<Report | null> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  let report: Report | null = null;
  while (Date.now() < deadline) {
    report = await read();
    const key = JSON.stringify(report && [report.verdict, report.findings, report.loginCheck]);
    if (key !== last) {
      last = key;
      stableSince = Date.now();
    } else if (report && Date.now() - stableSince >= quietMs) {
      break;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return report;
}

function printReport(url: string, report: Report | null): void {
  console.log(`\nPortal Checkup — ${url}`);
  if (!report) {
    console.log(`  ${say('popup_cannot_check_title')}`);
    return;
  }
  const verdictKey = `verdict_${report.verdict.replace(/-/g, '_')}`;
  console.log(`  Verdict: ${report.verdict} — ${say(verdictKey)}`);
  if (report.product) console.log(`  Recognised: ${report.product}`);
  for (const finding of report.findings) {
    const headline = say(`finding_${finding.id.replace(/-/g, '_')}_headline`);
    console.log(`  • ${finding.id} (${finding.severity}, ${finding.certainty}): ${headline}\n      evidence: ${finding.evidence}`);
  }
  if (report.findings.length === 0) console.log('  No findings.');
  console.log(`  Checked in ${report.analysisMs} ms, on this computer only.`);
}

async function main(): Promise<void> {
  const requested = process.argv[2];
  console.log('Building the extension (dist/chrome)…');
  await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn' });

  const demo = requested ? null : await startDemoPortal();
  const url = requested ?? `${demo!.url}/`;
  const headless = !process.env.DISPLAY || process.env.CI === 'true';
  const browser = await launch({ headless });
  try {
    const { tabId } = await browser.open(url);
    await waitForReport(browser, tabId, () => true, 15_000).catch(() => null);
    const report = await settledReport(() => browser.readReport(tabId));
    printReport(url, report);

    const popup = await browser.openPopup(tabId);
    await popup.screenshot(screenshotPath);
    console.log(`\nPopup screenshot: ${screenshotPath}`);
    if (report && popup.findings.join() !== findingIds(report).join()) throw new Error('popup and report disagree');

    if (!headless) {
      console.log('The browser stays open: close its window to finish.');
      await browser.closed;
    }
  } finally {
    await browser.close().catch(() => undefined);
    await demo?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
