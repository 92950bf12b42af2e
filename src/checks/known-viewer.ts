// known-viewer: names the viewer or archive program the page belongs to, and its version where the page
// shows it. Information only — unless the program shows its own warning about its setup (Orthanc's
// "Insecure setup": reachable from other computers with no password, or the default one); then the
// finding has the variant insecure-setup, its own texts, and counts like any other problem.
// Fingerprints: src/analysis/products.ts. Fixtures: every product fixture in tests/fixtures/catalog.ts,
// orthanc-explorer-insecure.html and orthanc-system.json for the warning; real Orthanc in tests/browser.

import type { Check } from './check';

export const knownViewer: Check = {
  id: 'known-viewer',
  run({ facts }) {
    const product = facts.product;
    if (!facts.isMedicalPortal || !product) return null;
    const named = `recognised as ${product.name}${product.version ? ` version ${product.version}` : ''} (signs weigh ${product.score})`;
    if (product.warnings.includes('insecure-setup')) {
      return {
        id: 'known-viewer',
        severity: 'high',
        certainty: 'certain',
        evidence: `${named}; the program shows its own "insecure setup" warning`,
        variant: 'insecure-setup',
      };
    }
    return { id: 'known-viewer', severity: 'info', certainty: 'recognised', evidence: named };
  },
};
