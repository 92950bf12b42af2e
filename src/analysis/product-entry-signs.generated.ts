// Generated from products.ts by scripts/generate-entry-signs.ts: do not edit (npx tsx scripts/generate-entry-signs.ts).
// Every product's title and address signs that the gate's words (medical-words.ts) do not already let through, for the quick-look gate (medical-gate.ts).

export const PRODUCT_TITLE_SIGNS: readonly RegExp[] = [
  /(?:^XNAT$)/,
  /(?:^Synapse Mobility)|(?:^INTELLISPACE)|(?:^Vitrea intelligence)|(?:^Brainlab Origin Server)|(?:^Dicoogle)/i,
];

export const PRODUCT_ADDRESS_SIGNS: readonly RegExp[] = [
  /(?:\/app\/explorer\.html)|(?:\/(patients|studies|series|instances)\/[0-9a-f]{8}(-[0-9a-f]{8}){4})|(?:\/ui\/app\/(#|index\.html|filtered-studies|token-landing))|(?:dgate(\.exe)?\?mode=)|(?:\/app\/template\/Login\.vm)|(?:\/portal\/WebLogin\.aspx)|(?:\/pureweb\/server\/login\.jsp)/,
  /(?:\/Site\/Pages\/login\.aspx)/i,
];
