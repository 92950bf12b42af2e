// Messages between the parts. The content script sends what it read; the background decides and keeps the report.

import type { PageSnapshot } from '../snapshot/snapshot';

export interface PageSnapshotMessage {
  type: 'page-snapshot';
  snapshot: PageSnapshot;
  /** Time the content script spent reading the page and checking it, in milliseconds (the re-check's network wait excluded). */
  readMs: number;
}

export type ContentToBackgroundMessage = PageSnapshotMessage;

/** From the popup to a tab's content script: there is no valid report, read the page again. */
export interface CheckAgainMessage {
  type: 'check-again';
}

export function isCheckAgainMessage(message: unknown): message is CheckAgainMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'check-again';
}

export function isPageSnapshotMessage(message: unknown): message is PageSnapshotMessage {
  if (!message || typeof message !== 'object') return false;
  const candidate = message as Partial<PageSnapshotMessage>;
  return (
    candidate.type === 'page-snapshot' &&
    typeof candidate.readMs === 'number' &&
    typeof candidate.snapshot === 'object' &&
    candidate.snapshot !== null &&
    typeof candidate.snapshot.url === 'string'
  );
}
