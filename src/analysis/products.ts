// Fingerprints of medical image viewers and archives: the one data file. Each product has several
// independent signs with weights; a product is named only when its matching signs add up to
// PRODUCT_THRESHOLD, so one borrowed word (a news headline "Orthanc Explorer left open") does not name it.
// The same data serves the quick-look gate (medical-gate.ts: title and address signs), the product
// named in the report and the popup, and the known-viewer finding (recognise-product.ts).
// Sources: ../shared/research/fingerprints.md §1 (titles, paths, element ids of each product), and the
// products' own public pages and code: Orthanc Explorer's explorer.html/explorer.js (as served by
// Orthanc 1.10.1), orthanc-stone Applications/StoneWebViewer/WebApplication/index.html,
// orthanc-webviewer WebApplication/viewer.html, nroduit/weasis-pacs-connector README.

import type { FindingVariant } from '../shared/report';

export type SignKind = 'title' | 'url' | 'marker' | 'generator' | 'script' | 'text' | 'json';

export interface Sign {
  /**
   * title: the page title; url: the page address; marker: an element's `#id` or `.class`; generator:
   * <meta name="generator|application-name">; script: the address of an external script; text: the
   * page's text sample or the address of any link; json: a key of the page itself when it is a JSON
   * answer (its object, or the first object of its array), so a manual quoting JSON does not count.
   */
  kind: SignKind;
  pattern: RegExp;
  weight: number;
}

/** Where a product shows its own version, if it does: the title, a meta tag, or a key of its JSON answer. */
export type VersionSource = { from: 'title' | 'generator'; pattern: RegExp } | { from: 'json'; key: string };

/**
 * A warning the product itself shows about its own setup. `shownClass`: an element with this class is on
 * the page and not hidden; `jsonFlag`: the product's JSON answer has this key with this value.
 */
export interface ProductWarning {
  id: FindingVariant;
  shownClass?: string;
  jsonFlag?: { key: string; value: unknown };
}

export interface ProductFingerprint {
  name: string;
  signs: Sign[];
  version?: VersionSource[];
  warnings?: ProductWarning[];
}

export const PRODUCT_THRESHOLD = 3;

/** A version is kept only when it looks like one: no page text beyond digits, dots and a few letters. */
export const VERSION_SHAPE = /^\d[\dA-Za-z.+-]{0,23}$/;

const title = (pattern: RegExp, weight = 3): Sign => ({ kind: 'title', pattern, weight });
const url = (pattern: RegExp, weight = 2): Sign => ({ kind: 'url', pattern, weight });
const marker = (pattern: RegExp, weight = 1): Sign => ({ kind: 'marker', pattern, weight });
const text = (pattern: RegExp, weight = 1): Sign => ({ kind: 'text', pattern, weight });
const script = (pattern: RegExp, weight = 1): Sign => ({ kind: 'script', pattern, weight });
const jsonKey = (pattern: RegExp, weight = 1): Sign => ({ kind: 'json', pattern, weight });

// Orthanc Explorer copies a hidden template ("Insecure setup") into every page and shows it when Orthanc's
// /system answer says IsHttpServerSecure: false, i.e. remote access is on and there is no password, or
// the default one (explorer.html #template-insecure, explorer.js 'pagebeforeshow').
const ORTHANC_INSECURE: ProductWarning = { id: 'insecure-setup', shownClass: 'warning-insecure' };

export const PRODUCTS: ProductFingerprint[] = [
  {
    name: 'Orthanc Explorer',
    signs: [
      title(/^Orthanc Explorer$/, 2),
      url(/\/app\/explorer\.html/),
      marker(/^#(lookup-patient-name|lookup-patient-id|lookup-accession-number|find-patients|find-studies)$/),
      marker(/^\.orthanc-name$/),
      marker(/^#template-insecure$|^\.warning-insecure$/),
      script(/\/app\/explorer\.js$/),
    ],
    warnings: [ORTHANC_INSECURE],
  },
  {
    // Orthanc's own REST answers opened in the browser: /system, /patients?expand, /patients/<id>.
    name: 'Orthanc',
    signs: [
      jsonKey(/^DicomAet$/, 2),
      jsonKey(/^IsHttpServerSecure$/, 2),
      jsonKey(/^ApiVersion$/),
      jsonKey(/^MainDicomTags$/, 2),
      jsonKey(/^IsStable$/),
      url(/\/(patients|studies|series|instances)\/[0-9a-f]{8}(-[0-9a-f]{8}){4}/, 1),
    ],
    version: [{ from: 'json', key: 'Version' }],
    warnings: [{ id: 'insecure-setup', jsonFlag: { key: 'IsHttpServerSecure', value: false } }],
  },
  { name: 'Orthanc Explorer 2', signs: [title(/^Orthanc Explorer 2$/), url(/\/ui\/app\/(#|index\.html|filtered-studies|token-landing)/)] },
  {
    name: 'Stone Web Viewer',
    signs: [title(/^Stone Web Viewer/i), url(/\/stone-webviewer\//), marker(/^#wv$|^\.wv-body$|^\.wvLayoutLeft$/)],
  },
  { name: 'Osimis Web Viewer', signs: [url(/\/osimis-viewer\/app\//, 3)] },
  {
    name: 'Orthanc Web Viewer',
    signs: [title(/^Orthanc Web Viewer$/), url(/\/web-viewer\/app\/viewer\.html/, 3), marker(/^#dicomImageWrapper$/)],
  },
  {
    name: 'OHIF Viewer',
    signs: [
      title(/^OHIF Viewer/i),
      { kind: 'generator', pattern: /OHIF Viewer/i, weight: 3 },
      script(/app-config\.js$/),
      url(/\/viewer\?StudyInstanceUIDs=|\/ohif\//),
    ],
  },
  {
    name: 'dcm4chee',
    // Its DICOMweb services sit under /dcm4chee-arc/aets/<AE title>/rs/ (QIDO, WADO) and …/wado.
    signs: [
      title(/^dcm4chee/i),
      url(/\/dcm4chee-arc\/|\/dcm4chee-web3\//),
      url(/\/dcm4chee-arc\/aets\/[^/]+\/(rs|wado)\b/, 1),
      marker(/^\.mat-typography$/, 0.5),
    ],
  },
  {
    name: 'Conquest DICOM server',
    signs: [title(/^Conquest DICOM (server|software)/i), url(/dgate(\.exe)?\?mode=/)],
    // <TITLE>Conquest DICOM server - version 1.5.0c</TITLE>
    version: [{ from: 'title', pattern: /\bversion\s+(\d[\w.]*)/i }],
  },
  { name: 'Horos Web Portal', signs: [title(/^Horos Web Portal/i), text(/horosproject\.org/)] },
  { name: 'OsiriX Web Portal', signs: [title(/^OsiriX Web Portal/i)] },
  { name: 'XNAT', signs: [title(/^XNAT$/), url(/\/app\/template\/Login\.vm/)] },
  { name: 'Vue PACS', signs: [title(/^Vue PACS$/i), url(/\/portal\/WebLogin\.aspx/)] },
  { name: 'Synapse Mobility', signs: [title(/^Synapse Mobility/i), url(/\/pureweb\/server\/login\.jsp/)] },
  { name: 'Kodak InSite', signs: [url(/\/Site\/Pages\/login\.aspx/i), text(/Kodak InSite/), marker(/^\.CSWStyle_PoweredBy$/)] },
  { name: 'GXD5 PACS', signs: [title(/^GXD5 Pacs/i)] },
  { name: 'PacsOne Server', signs: [title(/^PacsOne Server/i)] },
  { name: 'MedDream', signs: [url(/\/pacs\/login\.php/), text(/Softneta|MedDream/)] },
  { name: 'XERO Viewer', signs: [title(/^XERO Viewer/i)] },
  { name: 'IntelliSpace PACS', signs: [title(/^INTELLISPACE/i)] },
  { name: 'Carestream PACS', signs: [title(/^Carestream PACS/i)] },
  { name: 'McKesson Radiology', signs: [title(/^McKesson Radiology/i)] },
  { name: 'eRez Imaging', signs: [title(/^eRez Imaging/i)] },
  { name: 'ClariPACS', signs: [title(/^ClariPACS/i)] },
  { name: 'Vitrea', signs: [title(/^Vitrea intelligence/i)] },
  { name: 'Brainlab Origin Server', signs: [title(/^Brainlab Origin Server/i)] },
  {
    // A desktop viewer that portals start from the page: weasis:// links, or weasis-pacs-connector's
    // services (/weasis, /viewer, /IHEInvokeImageDisplay). Links alone (1 each) never name it.
    name: 'Weasis',
    signs: [url(/\/weasis-pacs-connector\//), text(/weasis-pacs-connector\/(weasis|viewer|IHEInvokeImageDisplay)\b/, 2), text(/weasis:\/\/|weasis\.jnlp/)],
  },
  { name: 'Dicoogle', signs: [title(/^Dicoogle/i)] },
];

/** Every product's banner classes, for the page reader: it records which of them are shown. */
export const WARNING_BANNERS: ReadonlyArray<{ id: FindingVariant; className: string }> = PRODUCTS.flatMap((product) =>
  (product.warnings ?? []).flatMap((warning) => (warning.shownClass ? [{ id: warning.id, className: warning.shownClass }] : [])),
);
