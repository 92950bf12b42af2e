// Turns a content script's snapshot into the stored report. The page's address comes from the browser
// (sender.url), never from the snapshot: a page cannot claim to be https.

import { analysePage } from '../analysis/analyse-page';
import type { Report } from '../shared/report';
import type { PageSnapshot } from '../snapshot/snapshot';

export function buildReport(snapshot: PageSnapshot, browserUrl: string, readMs: number, now: number): Report {
  const started = performance.now();
  const { facts, findings, verdict } = analysePage({ ...snapshot, url: browserUrl });
  const checksMs = performance.now() - started;
  return {
    version: 2,
    verdict,
    findings,
    product: facts.product?.name ?? null,
    productVersion: facts.product?.version ?? null,
    pageOrigin: new URL(browserUrl).origin,
    checkedAt: now,
    analysisMs: Math.round((readMs + checksMs) * 100) / 100,
    loginCheck: snapshot.recheck?.kind ?? null,
  };
}
