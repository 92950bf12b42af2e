// What a check is: a pure function from what we know about a page to one finding or nothing.
// Checks never touch the DOM or the network; they run the same in the browser, in Node and in a benchmark.

import type { Finding, FindingId } from '../shared/report';
import type { PageSnapshot } from '../snapshot/snapshot';
import type { PageFacts } from '../analysis/page-facts';

export interface CheckInput {
  snapshot: PageSnapshot;
  facts: PageFacts;
}

export interface Check {
  id: FindingId;
  run(input: CheckInput): Finding | null;
}
