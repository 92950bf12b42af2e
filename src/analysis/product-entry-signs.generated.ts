// Generated from products.ts by scripts/generate-entry-signs.ts: do not edit (npx tsx scripts/generate-entry-signs.ts).
// Every product's title and address signs, for the quick-look gate (medical-gate.ts).

export const PRODUCT_TITLE_SIGNS: readonly RegExp[] = [
  /(?:^Orthanc Explorer$)|(?:^Orthanc Explorer 2$)|(?:^Orthanc Web Viewer$)|(?:^XNAT$)/,
  /(?:^Stone Web Viewer)|(?:^OHIF Viewer)|(?:^dcm4chee)|(?:^Conquest DICOM (server|software))|(?:^Horos Web Portal)|(?:^OsiriX Web Portal)|(?:^Vue PACS$)|(?:^Synapse Mobility)|(?:^GXD5 Pacs)|(?:^PacsOne Server)|(?:^XERO Viewer)|(?:^INTELLISPACE)|(?:^Carestream PACS)|(?:^McKesson Radiology)|(?:^eRez Imaging)|(?:^ClariPACS)|(?:^Vitrea intelligence)|(?:^Brainlab Origin Server)|(?:^Dicoogle)/i,
];

export const PRODUCT_ADDRESS_SIGNS: readonly RegExp[] = [
  /(?:\/app\/explorer\.html)|(?:\/(patients|studies|series|instances)\/[0-9a-f]{8}(-[0-9a-f]{8}){4})|(?:\/ui\/app\/(#|index\.html|filtered-studies|token-landing))|(?:\/stone-webviewer\/)|(?:\/osimis-viewer\/app\/)|(?:\/web-viewer\/app\/viewer\.html)|(?:\/viewer\?StudyInstanceUIDs=|\/ohif\/)|(?:\/dcm4chee-arc\/|\/dcm4chee-web3\/)|(?:\/dcm4chee-arc\/aets\/[^/]+\/(rs|wado)\b)|(?:dgate(\.exe)?\?mode=)|(?:\/app\/template\/Login\.vm)|(?:\/portal\/WebLogin\.aspx)|(?:\/pureweb\/server\/login\.jsp)|(?:\/pacs\/login\.php)|(?:\/weasis-pacs-connector\/)/,
  /(?:\/Site\/Pages\/login\.aspx)/i,
];
