// Messages between the parts. The content script sends what it read; the background decides and keeps the report.

import type { PageSnapshot } from '../snapshot/snapshot';
import type { Locale } from './locale';
import type { PageWarning } from './page-warning';

export interface PageSnapshotMessage {
  type: 'page-snapshot';
  /** Random, one per document (page load) and frame: the background keeps the newest snapshot per document. */
  documentId: string;
  /** Grows with each snapshot of the same document: an older one arriving late is dropped. */
  sequence: number;
  snapshot: PageSnapshot;
  /** Time the content script spent reading the page and checking it, in milliseconds (the re-check's network wait excluded). */
  readMs: number;
}

export type ContentToBackgroundMessage = PageSnapshotMessage | WarningBarActionMessage;

/** From the popup to a tab's content script: there is no valid report, read the page again. */
export interface CheckAgainMessage {
  type: 'check-again';
}

/**
 * From the background to every frame of a tab that has finished loading: send your report again (from a
 * fresh pass). The background may have forgotten it on a "loading" event that came after it. Unlike
 * check-again, it never starts checking where automatic checking is off and nobody asked.
 */
export interface ReportAgainMessage {
  type: 'report-again';
  /**
   * The organisation's listed portals in compact form (portalOriginPattern: one pattern over the page's
   * origin), when it lists any: the gate script in a page that looks like nothing medical checks a
   * listed page all the same, without reading the settings itself.
   */
  portalOrigins?: string;
}

export function isReportAgainMessage(message: unknown): message is ReportAgainMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'report-again';
}

export function isCheckAgainMessage(message: unknown): message is CheckAgainMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'check-again';
}

export function isPageSnapshotMessage(message: unknown): message is PageSnapshotMessage {
  if (!message || typeof message !== 'object') return false;
  const candidate = message as Partial<PageSnapshotMessage>;
  return (
    candidate.type === 'page-snapshot' &&
    typeof candidate.documentId === 'string' &&
    typeof candidate.sequence === 'number' &&
    typeof candidate.readMs === 'number' &&
    typeof candidate.snapshot === 'object' &&
    candidate.snapshot !== null &&
    typeof candidate.snapshot.url === 'string'
  );
}

/**
 * The background's answer to a page snapshot: what to show inside the page (see page-warning.ts), with
 * its texts in the language the settings choose. Content scripts cannot read the extension's locale
 * files (only web-accessible files, which any page could then probe), so the background, which has the
 * translator, sends them. Every text comes from _locales; nothing in it comes from a page.
 * Its guard, isPageWarningMessage, is in page-warning.ts: only the bar's code needs it, and it would
 * otherwise load the locale and finding lists into every page.
 */
export interface PageWarningMessage extends PageWarning {
  type: 'page-warning';
  texts: PageWarningTexts | null;
}

export interface PageWarningTexts {
  locale: Locale;
  label: string;
  sentence: string;
  explain: string;
  hideOnSite: string;
  close: string;
  passwordNote: string;
}

/** From the warning bar (a trusted click) to the background, which knows the tab and its address. */
export interface WarningBarActionMessage {
  type: 'warning-bar-action';
  action: 'open-explanation' | 'hide-on-site';
}

export function isWarningBarActionMessage(message: unknown): message is WarningBarActionMessage {
  if (!message || typeof message !== 'object') return false;
  const candidate = message as Record<string, unknown>;
  return candidate.type === 'warning-bar-action' && (candidate.action === 'open-explanation' || candidate.action === 'hide-on-site');
}
