// The directory listings real web servers wrote (captured by tests/fixtures/capture-listings.ts from
// apache2, lighttpd, caddy, nginx, Python's http.server and npm's http-server), through the real reader,
// the listing recogniser and the whole analysis: a folder of DICOM files is danger with
// directory-listing, a folder of photos, a PDF, text and a zip is not medical.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../src/analysis/analyse-page.js';
import { recogniseDirectoryIndex } from '../../src/analysis/directory-index.js';
import { CAPTURED_LISTING_ORIGIN, LISTING_PAGES, LISTING_SERVERS } from '../fixtures/listing-servers.js';
import { snapshotOfFile } from './fixture-page.js';

/** A captured page, read at the address the server listed it at. */
const read = (server: string, page: string) => {
  const { path } = LISTING_PAGES.find((candidate) => candidate.page === page)!;
  return snapshotOfFile(`captured/listings/${server}-${page}.html`, `${CAPTURED_LISTING_ORIGIN}${path}`);
};

describe.each(LISTING_SERVERS.map((server) => [server.label, server.name] as const))('%s', (_label, name) => {
  describe.each(LISTING_PAGES.map(({ page, path, medical }) => [page, path, medical] as const))('listing %s (%s)', (page, _path, medical) => {
    it(`is recognised as a directory index, ${medical ? 'with' : 'without'} medical entries`, () => {
      const index = recogniseDirectoryIndex(read(name, page));
      expect(index).not.toBeNull();
      if (medical) expect(index!.medicalEntries).toBeGreaterThan(0);
      else expect(index!.medicalEntries).toBe(0);
      // No listed name is a patient's folder (the synthetic files are named by patient ID only).
      expect(index!.patientNamedEntries).toBe(0);
    });

    it(medical ? 'is danger with directory-listing (and plain-http)' : 'is not medical, with no finding', () => {
      const { verdict, findings, facts } = analysePage(read(name, page));
      if (medical) {
        expect(verdict).toBe('danger');
        expect(findings.map((finding) => finding.id).sort()).toEqual(['directory-listing', 'plain-http']);
        expect(facts.isMedicalPortal).toBe(true);
      } else {
        expect(verdict).toBe('not-medical');
        expect(findings).toEqual([]);
      }
    });
  });

  it('counts every DICOM file of the .dcm folder as a medical entry', () => {
    // makeDicomFiles writes one .dcm file per synthetic patient (three).
    expect(recogniseDirectoryIndex(read(name, 'dicom'))?.medicalEntries).toBe(3);
  });
});
