// Bundled into the benchmark page (not into the extension): runs the check pass exactly as the content
// script does — the quick look, the gate, and on possible portals the full read and every check — and
// reports its time and how many nodes it read.
import { analysePage } from '../src/analysis/analyse-page';
import { headMayBeMedical, textMayBeMedical } from '../src/analysis/medical-gate';
import { readPage } from '../src/snapshot/read-page';
import { pageHead, startOfText } from '../src/snapshot/quick-look';

function checkPass(): { ms: number; nodesVisited: number; verdict: string; fullRead: boolean } {
  const started = performance.now();
  // As check-page.ts: the start of the text only when the type, title and address say nothing.
  const text = headMayBeMedical(pageHead(document, location.href)) ? null : startOfText(document);
  if (text && !textMayBeMedical(text.text)) return { ms: performance.now() - started, nodesVisited: text.textNodes, verdict: 'not-medical', fullRead: false };
  const snapshot = readPage(document, location.href);
  const { verdict } = analysePage(snapshot);
  return { ms: performance.now() - started, nodesVisited: (text?.textNodes ?? 0) + snapshot.nodesVisited, verdict, fullRead: true };
}

(globalThis as unknown as { portalCheckupBench: unknown }).portalCheckupBench = {
  run(times: number) {
    return Array.from({ length: times }, checkPass);
  },
};
