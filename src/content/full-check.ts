// The full check, loaded only on pages the quick look lets through (see medical-gate.ts): the whole
// snapshot, the checks, and the no-login re-check on pages that look medical.

import { analysePageInSteps, warrantsRecheck } from '../analysis/analyse-page';
import type { PageSnapshot } from '../snapshot/snapshot';
import { readPageInSlices } from '../snapshot/read-page';
import { giveThePageItsTurn, runInSlices, SLICE_MS, type WorkTime } from '../snapshot/slices';
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
  // The read starts in a task of its own: this one evaluated the full check's modules (the first pass)
  // or made the quick look (later passes).
  await giveThePageItsTurn();
  // What the page loaded, by the browser's own record: also what scripts added and removed again.
  const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  // Read in slices with the page's own tasks in between (slices.ts); readMs counts our work only.
  const work: WorkTime = { ms: 0 };
  const snapshot = await readPageInSlices(document, pageUrl, loaded, SLICE_MS, work);
  await giveThePageItsTurn();
  snapshot.listedAsMedicalPortal = listedAsMedicalPortal;
  const { facts } = await runInSlices(analysePageInSteps(snapshot), SLICE_MS, work);
  const readMs = work.ms;
  // The page is asked again only when it shows patient data; its data requests whenever it looks
  // medical, as viewers load patient data as JSON they may never show.
  if (warrantsRecheck(facts)) {
    // In a task of its own: asking the page-world noter and starting the request (fetch took about 1 ms
    // here) made, on top of the analysis' last slice, the task the extension caused longer than 4 ms on the
    // 10,000-element study list (DevTools traces, bench/, issue 15).
    await giveThePageItsTurn();
    snapshot.recheck = await recheck.run(pageUrl, chooseDataRequests(requestsSeenByPage(), pageUrl), facts.showsPatientData);
    await giveThePageItsTurn();
  }
  const { verdict, findings } = await runInSlices(analysePageInSteps(snapshot));
  return { snapshot, readMs, medical: verdict !== 'not-medical', summary: JSON.stringify([verdict, findings, facts.product?.name ?? null, facts.product?.version ?? null, snapshot.recheck?.kind ?? null]) };
}
