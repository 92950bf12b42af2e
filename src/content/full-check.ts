// The full check, loaded only on pages the quick look lets through (see medical-gate.ts): the whole
// snapshot, the checks, and the no-login re-check on pages that look medical.

import { analysePage, warrantsRecheck } from '../analysis/analyse-page';
import type { PageSnapshot } from '../snapshot/snapshot';
import { readPage } from '../snapshot/read-page';
import { chooseDataRequests, NoLoginRecheck, requestsSeenByPage } from './recheck-without-credentials';

// One per page load: the re-check asks each address at most once.
const recheck = new NoLoginRecheck();

export interface FullCheck {
  snapshot: PageSnapshot;
  /** Time to read the page and run the checks, in ms; the re-check's network wait is not included. */
  readMs: number;
  /** What the report will say, to tell whether anything changed since the last pass. */
  summary: string;
  medical: boolean;
}

export async function fullCheck(pageUrl: string, listedAsMedicalPortal = false): Promise<FullCheck> {
  const started = performance.now();
  // What the page loaded, by the browser's own record: also what scripts added and removed again.
  const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const snapshot = readPage(document, pageUrl, loaded);
  snapshot.listedAsMedicalPortal = listedAsMedicalPortal;
  const { facts } = analysePage(snapshot);
  const readMs = performance.now() - started;
  // The page is asked again only when it shows patient data; its data requests whenever it looks
  // medical, as viewers load patient data as JSON they may never show.
  if (warrantsRecheck(facts)) snapshot.recheck = await recheck.run(pageUrl, chooseDataRequests(requestsSeenByPage(), pageUrl), facts.showsPatientData);
  const { verdict, findings } = analysePage(snapshot);
  return { snapshot, readMs, medical: verdict !== 'not-medical', summary: JSON.stringify([verdict, findings, facts.product?.name ?? null, facts.product?.version ?? null, snapshot.recheck?.kind ?? null]) };
}
