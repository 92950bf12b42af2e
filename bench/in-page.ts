// Bundled into the benchmark page (not into the extension): runs the check pass exactly as the content
// script does — the quick look, the gate, and on possible portals the full read and every check — and
// reports its time and how many nodes it read.
import { analysePage } from '../src/analysis/analyse-page';
import { mayBeMedicalPortal } from '../src/analysis/medical-gate';
import { readPage } from '../src/snapshot/read-page';
import { quickLook } from '../src/snapshot/quick-look';

function checkPass(): { ms: number; nodesVisited: number; verdict: string; fullRead: boolean } {
  const started = performance.now();
  const look = quickLook(document, location.href);
  if (!mayBeMedicalPortal(look)) return { ms: performance.now() - started, nodesVisited: look.textNodes, verdict: 'not-medical', fullRead: false };
  const snapshot = readPage(document, location.href);
  const { verdict } = analysePage(snapshot);
  return { ms: performance.now() - started, nodesVisited: look.textNodes + snapshot.nodesVisited, verdict, fullRead: true };
}

(globalThis as unknown as { portalCheckupBench: unknown }).portalCheckupBench = {
  run(times: number) {
    return Array.from({ length: times }, checkPass);
  },
};
