// directory-listing: a web server's automatic file index that lists medical files (DICOM files,
// DICOMDIR, study/series folders). Recognition lives in src/analysis/directory-index.ts.
// Fixtures: tests/fixtures/pages/dir-*.html (one per server format); real nginx and Python in tests/browser.

import type { Check } from './check';

export const directoryListing: Check = {
  id: 'directory-listing',
  run({ facts }) {
    const index = facts.directoryIndex;
    if (!index || index.medicalEntries === 0) return null;
    return {
      id: 'directory-listing',
      severity: 'high',
      certainty: 'recognised',
      evidence: `${index.server} directory index with ${index.medicalEntries} medical entries of ${index.entries}`,
    };
  },
};
