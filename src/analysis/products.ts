// Fingerprints of medical image viewers and archives, kept as data. Each product has several
// independent signs with weights; a product is named only when the signs add up to PRODUCT_THRESHOLD,
// so one borrowed word (a news headline "Orthanc Explorer left open") does not name it.
// Sources: ../shared/research/fingerprints.md §1 (titles, paths, element ids of each product).

import type { PageSnapshot } from '../snapshot/snapshot';

type SignKind = 'title' | 'url' | 'marker' | 'generator' | 'script' | 'text';

interface Sign {
  kind: SignKind;
  pattern: RegExp;
  weight: number;
}

export interface ProductFingerprint {
  name: string;
  signs: Sign[];
}

export const PRODUCT_THRESHOLD = 3;

const title = (pattern: RegExp, weight = 3): Sign => ({ kind: 'title', pattern, weight });
const url = (pattern: RegExp, weight = 2): Sign => ({ kind: 'url', pattern, weight });
const marker = (pattern: RegExp, weight = 1): Sign => ({ kind: 'marker', pattern, weight });

export const PRODUCTS: ProductFingerprint[] = [
  {
    name: 'Orthanc Explorer',
    signs: [
      title(/^Orthanc Explorer$/, 2),
      url(/\/app\/explorer\.html/),
      marker(/^#(lookup-patient-name|lookup-patient-id|lookup-accession-number|find-patients|find-studies)$/),
      marker(/^\.orthanc-name$/),
      marker(/^#template-insecure$|^\.warning-insecure$/),
    ],
  },
  {
    // Orthanc's own REST answers opened in the browser (/system), as JSON text.
    name: 'Orthanc',
    signs: [
      { kind: 'text', pattern: /"DicomAet"\s*:/, weight: 2 },
      { kind: 'text', pattern: /"IsHttpServerSecure"\s*:/, weight: 2 },
      { kind: 'text', pattern: /"ApiVersion"\s*:/, weight: 1 },
    ],
  },
  { name: 'Orthanc Explorer 2', signs: [title(/^Orthanc Explorer 2$/), url(/\/ui\/app\/(#|index\.html|filtered-studies|token-landing)/)] },
  { name: 'Stone Web Viewer', signs: [title(/^Stone Web Viewer/i), url(/\/stone-webviewer\//)] },
  { name: 'Osimis Web Viewer', signs: [url(/\/osimis-viewer\/app\//, 3)] },
  { name: 'Orthanc Web Viewer', signs: [url(/\/web-viewer\/app\/viewer\.html/, 3)] },
  {
    name: 'OHIF Viewer',
    signs: [
      title(/^OHIF Viewer/i),
      { kind: 'generator', pattern: /OHIF Viewer/i, weight: 3 },
      { kind: 'script', pattern: /app-config\.js$/, weight: 1 },
      url(/\/viewer\?StudyInstanceUIDs=|\/ohif\//),
    ],
  },
  {
    name: 'dcm4chee',
    signs: [title(/^dcm4chee/i), url(/\/dcm4chee-arc\/|\/dcm4chee-web3\//), marker(/^\.mat-typography$/, 0.5)],
  },
  { name: 'Conquest DICOM server', signs: [title(/^Conquest DICOM (server|software)/i), url(/dgate(\.exe)?\?mode=/)] },
  { name: 'Horos Web Portal', signs: [title(/^Horos Web Portal/i), { kind: 'text', pattern: /horosproject\.org/, weight: 1 }] },
  { name: 'OsiriX Web Portal', signs: [title(/^OsiriX Web Portal/i)] },
  { name: 'XNAT', signs: [title(/^XNAT$/), url(/\/app\/template\/Login\.vm/)] },
  { name: 'Vue PACS', signs: [title(/^Vue PACS$/i), url(/\/portal\/WebLogin\.aspx/)] },
  { name: 'Synapse Mobility', signs: [title(/^Synapse Mobility/i), url(/\/pureweb\/server\/login\.jsp/)] },
  { name: 'GXD5 PACS', signs: [title(/^GXD5 Pacs/i)] },
  { name: 'PacsOne Server', signs: [title(/^PacsOne Server/i)] },
  { name: 'MedDream', signs: [url(/\/pacs\/login\.php/), { kind: 'text', pattern: /Softneta|MedDream/, weight: 1 }] },
  { name: 'XERO Viewer', signs: [title(/^XERO Viewer/i)] },
  { name: 'IntelliSpace PACS', signs: [title(/^INTELLISPACE/i)] },
  { name: 'Carestream PACS', signs: [title(/^Carestream PACS/i)] },
  { name: 'McKesson Radiology', signs: [title(/^McKesson Radiology/i)] },
  { name: 'eRez Imaging', signs: [title(/^eRez Imaging/i)] },
  { name: 'ClariPACS', signs: [title(/^ClariPACS/i)] },
  { name: 'Weasis', signs: [{ kind: 'text', pattern: /weasis:\/\/|weasis\.jnlp/, weight: 1 }, url(/weasis/i, 1)] },
  { name: 'Dicoogle', signs: [title(/^Dicoogle/i)] },
];

function signMatches(sign: Sign, snapshot: PageSnapshot): boolean {
  switch (sign.kind) {
    case 'title':
      return sign.pattern.test(snapshot.title);
    case 'url':
      return sign.pattern.test(snapshot.url);
    case 'marker':
      return snapshot.markers.some((marker) => sign.pattern.test(marker));
    case 'generator':
      return sign.pattern.test(snapshot.generator);
    case 'script':
      return snapshot.scriptUrls.some((scriptUrl) => sign.pattern.test(scriptUrl));
    case 'text':
      return sign.pattern.test(snapshot.text) || snapshot.links.some((link) => sign.pattern.test(link.href));
  }
}

/** The best-matching product whose signs reach the threshold, or null. */
export function recogniseProduct(snapshot: PageSnapshot): string | null {
  let best: { name: string; score: number } | null = null;
  for (const product of PRODUCTS) {
    const score = product.signs.reduce((sum, sign) => sum + (signMatches(sign, snapshot) ? sign.weight : 0), 0);
    if (score >= PRODUCT_THRESHOLD && (!best || score > best.score)) best = { name: product.name, score };
  }
  return best?.name ?? null;
}
