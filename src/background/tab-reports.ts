// The tab's reports in storage.session, kept so that the last word is always the right one.
//
// Each content script (one per frame and document) sends snapshots with its document's own id and a
// number that grows with each snapshot. Here:
//  - every change to one tab's reports runs after the previous one has finished (a queue per tab), so two
//    snapshots whose handling overlaps (each waits for storage) cannot be written in the wrong order;
//  - a snapshot older than the one kept for the same document is dropped;
//  - the tab's report is folded from its frames' reports (fold-frames.ts) every time one of them changes.
// The queue lives only as long as the worker; a stopped worker has nothing in flight either.

import browser from 'webextension-polyfill';
import { frameReportsKey, parseReport, reportKey, type Report } from '../shared/report';
import { foldFrameReports } from './fold-frames';

/** What is kept per frame: whose report it is (document id, snapshot number) and the report itself. */
export interface FrameEntry {
  documentId: string;
  sequence: number;
  report: Report;
}

type FrameEntries = Record<string, FrameEntry>;

const queues = new Map<number, Promise<unknown>>();

/** Runs `task` after every earlier task for this tab has settled. */
function inTabOrder<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return next;
}

function parseEntries(value: unknown): FrameEntries {
  const entries: FrameEntries = {};
  if (!value || typeof value !== 'object') return entries;
  for (const [frameId, candidate] of Object.entries(value as Record<string, unknown>)) {
    const entry = candidate as Partial<FrameEntry> | null;
    const report = parseReport(entry?.report);
    if (report && typeof entry?.documentId === 'string' && typeof entry.sequence === 'number') entries[frameId] = { documentId: entry.documentId, sequence: entry.sequence, report };
  }
  return entries;
}

/** The tab's report from its frames' entries; null while its top frame has sent nothing. */
function tabReport(entries: FrameEntries): Report | null {
  const top = entries['0'];
  if (!top) return null;
  return foldFrameReports(
    top.report,
    Object.entries(entries)
      .filter(([frameId]) => frameId !== '0')
      .map(([, entry]) => entry.report),
  );
}

export interface FrameSnapshotReport {
  tabId: number;
  frameId: number;
  documentId: string;
  sequence: number;
  report: Report;
}

/**
 * Keeps one frame's new report and stores the tab's report folded from all its frames. `beforeStore` runs
 * with the tab's report before it is stored (the badge: whoever reads a report also finds its badge).
 * Returns the tab's report, or null when nothing changed (an older snapshot) or the top frame has not
 * reported yet.
 */
export function recordFrameReport(update: FrameSnapshotReport, beforeStore: (report: Report) => Promise<void>): Promise<Report | null> {
  const { tabId, frameId, documentId, sequence, report } = update;
  return inTabOrder(tabId, async () => {
    const key = frameReportsKey(tabId);
    const entries = parseEntries((await browser.storage.session.get(key))[key]);
    const kept = entries[String(frameId)];
    if (kept && kept.documentId === documentId && kept.sequence > sequence) return null;
    entries[String(frameId)] = { documentId, sequence, report };
    const folded = tabReport(entries);
    if (folded) await beforeStore(folded);
    await browser.storage.session.set(folded ? { [key]: entries, [reportKey(tabId)]: folded } : { [key]: entries });
    return folded;
  });
}

/**
 * Forgets the tab's reports (the tab starts loading, or is closed); `afterwards` runs in the same turn (the
 * badge). `mayHaveReports` is asked in that turn too, after every earlier report of the tab was stored: when
 * it says no, nothing is removed and `afterwards` does not run (a tab that never had a report has no badge).
 */
export function forgetTabReports(tabId: number, afterwards: () => Promise<void> = async () => undefined, mayHaveReports: () => Promise<boolean> = async () => true): Promise<void> {
  return inTabOrder(tabId, async () => {
    if (!(await mayHaveReports())) return;
    await browser.storage.session.remove([reportKey(tabId), frameReportsKey(tabId)]);
    await afterwards();
  });
}
