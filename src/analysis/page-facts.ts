// Facts about a page that several checks share, derived once from the snapshot:
// is it a medical portal at all, which product, which patient records, is it a directory index, is its
// address a share link.

import type { Steps } from '../snapshot/slices';
import type { PageSnapshot } from '../snapshot/snapshot';
import { columnLabel, countDistinctPatients, findDicomNamesInText, findPatientRecordsInSteps, type PatientRecord } from '../patient-data/patient-records';
import { PORTAL_WORDS } from '../patient-data/vocabulary';
import { recogniseDirectoryIndexInSteps, type DirectoryIndex } from './directory-index';
import { findShareToken } from './page-address';
import { recogniseProductInSteps, type RecognisedProduct } from './recognise-product';

export type MedicalReason = 'product' | 'patient-data' | 'medical-files' | 'study-list' | 'patient-portal-login' | 'listed-by-organisation';

export interface PageFacts {
  product: RecognisedProduct | null;
  patientRecords: PatientRecord[];
  /**
   * Different patients whose data the page shows: records, names in a viewer, patient folders in a
   * listing, or patients in the page's data that the re-check got back without credentials.
   */
  distinctPatients: number;
  showsPatientData: boolean;
  directoryIndex: DirectoryIndex | null;
  /** Why the page counts as a medical portal; empty for every other page. */
  medicalReasons: MedicalReason[];
  isMedicalPortal: boolean;
  isPlainHttp: boolean;
  /**
   * The address carries a long random code (in the path or a query value), and the page shows at most one
   * patient: a link made to share one person's images. Whoever has such a link gets in; a "share link" that
   * opens many patients is an open archive, not a share link.
   */
  isShareLink: boolean;
}

// An empty study list still names its columns: two patient fields, one of them patient-specific.
function hasStudyListColumns(snapshot: PageSnapshot): boolean {
  return snapshot.tables.some((table) => {
    const labels = table.headers.map(columnLabel).filter((label) => label !== null);
    const fields = new Set(labels.map((label) => label.field));
    return fields.size >= 2 && labels.some((label) => label.patientSpecific);
  });
}

// A login for patients or for an image archive; webmail and shop logins do not qualify.
function isPatientPortalLogin(snapshot: PageSnapshot): boolean {
  if (snapshot.passwordFieldCount === 0) return false;
  const context = [snapshot.title, ...snapshot.headings.slice(0, 6)].join(' \n ');
  return PORTAL_WORDS.test(context);
}

/**
 * The page's facts, pausing after each of the readings that grow with the page (the product, the patient
 * records, the directory index): in one step they made the longest task of the content script on a
 * 10,000-element study list or listing (bench/, issue 15).
 */
export function* derivePageFactsInSteps(snapshot: PageSnapshot): Steps<PageFacts> {
  const product = yield* recogniseProductInSteps(snapshot);
  yield;
  // In a known viewer, rows without column labels count when they hold a patient's name and a date.
  const patientRecords = yield* findPatientRecordsInSteps(snapshot, { inKnownViewer: product !== null });
  yield;
  const directoryIndex = yield* recogniseDirectoryIndexInSteps(snapshot);
  yield;

  // Viewers print patients without labels ("DOE^JANE" over the image); trusted only inside a known viewer.
  const namesInViewer = product ? findDicomNamesInText(snapshot.text).length : 0;
  const onPage = Math.max(countDistinctPatients(patientRecords), namesInViewer, directoryIndex?.patientNamedEntries ?? 0);

  const medicalReasons: MedicalReason[] = [];
  if (product) medicalReasons.push('product');
  if (onPage > 0) medicalReasons.push('patient-data');
  if (directoryIndex && directoryIndex.medicalEntries > 0) medicalReasons.push('medical-files');
  if (hasStudyListColumns(snapshot)) medicalReasons.push('study-list');
  if (isPatientPortalLogin(snapshot)) medicalReasons.push('patient-portal-login');
  // An organisation can say which addresses are its portals (for ones we would not recognise).
  if (snapshot.listedAsMedicalPortal === true) medicalReasons.push('listed-by-organisation');

  // The patients in what the re-check got back without credentials (a viewer's DICOMweb JSON) count
  // too; the re-check runs only on pages that look medical, and never makes a page medical by itself.
  const inRecheck = medicalReasons.length > 0 && snapshot.recheck?.kind === 'patient-data' ? snapshot.recheck.patients : 0;
  const distinctPatients = Math.max(onPage, inRecheck);

  return {
    product,
    patientRecords,
    distinctPatients,
    showsPatientData: distinctPatients > 0,
    directoryIndex,
    medicalReasons,
    isMedicalPortal: medicalReasons.length > 0,
    isPlainHttp: snapshot.url.startsWith('http:'),
    isShareLink: distinctPatients <= 1 && findShareToken(snapshot.url) !== null,
  };
}
