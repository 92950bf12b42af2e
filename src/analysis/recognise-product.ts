// Which product a page is, from the fingerprints in products.ts: the best-scoring product whose signs
// reach PRODUCT_THRESHOLD, the version where the page shows one, and the product's own warnings shown.

import type { FindingVariant } from '../shared/report';
import type { PageSnapshot } from '../snapshot/snapshot';
import { runToEnd, type Steps } from '../snapshot/slices';
import { PRODUCT_THRESHOLD, PRODUCTS, VERSION_SHAPE, type ProductFingerprint, type ProductWarning, type Sign, type VersionSource } from './products';

export interface RecognisedProduct {
  name: string;
  version: string | null;
  /** The product's own warnings about its setup that this page shows. */
  warnings: FindingVariant[];
  /** Sum of the weights of the matching signs (for evidence and tests). */
  score: number;
}

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
    case 'json':
      return jsonKeys(snapshot).some((key) => sign.pattern.test(key));
  }
}

/** Keys of a JSON answer: of its object, or of the first object in its array (a list of patients). */
function jsonKeys(snapshot: PageSnapshot): string[] {
  const json = snapshot.json;
  const first = Array.isArray(json) ? json[0] : json;
  return first && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first).slice(0, 200) : [];
}

function jsonField(snapshot: PageSnapshot, key: string): unknown {
  const json = snapshot.json;
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

function versionFrom(source: VersionSource, snapshot: PageSnapshot): string | null {
  const found =
    source.from === 'json' ? jsonField(snapshot, source.key) : (source.from === 'title' ? snapshot.title : snapshot.generator).match(source.pattern)?.[1];
  return typeof found === 'string' && VERSION_SHAPE.test(found) ? found : null;
}

function warningShown(warning: ProductWarning, snapshot: PageSnapshot): boolean {
  if (warning.shownClass !== undefined && snapshot.shownWarnings.includes(warning.id)) return true;
  return warning.jsonFlag !== undefined && jsonField(snapshot, warning.jsonFlag.key) === warning.jsonFlag.value;
}

export function productScore(product: ProductFingerprint, snapshot: PageSnapshot): number {
  return product.signs.reduce((sum, sign) => sum + (signMatches(sign, snapshot) ? sign.weight : 0), 0);
}

/** The best-matching product whose signs reach the threshold (on a tie, the one listed first), or null. */
export function recogniseProduct(snapshot: PageSnapshot): RecognisedProduct | null {
  return runToEnd(recogniseProductInSteps(snapshot));
}

/**
 * The same, pausing before each product's signs (slices.ts). All products in one step took about 1 ms,
 * up to 2: each sign's pattern is made at its first use, and text signs are tried on every link of the
 * page (a listing has thousands). As the first step of the sliced analysis it made the slice, and with
 * what followed it, the task, longer than 4 ms on the 10,000-element study list and listing (DevTools
 * traces, bench/, issue 15).
 */
export function* recogniseProductInSteps(snapshot: PageSnapshot): Steps<RecognisedProduct | null> {
  let best: { product: ProductFingerprint; score: number } | null = null;
  for (const product of PRODUCTS) {
    yield;
    const score = productScore(product, snapshot);
    if (score >= PRODUCT_THRESHOLD && (!best || score > best.score)) best = { product, score };
  }
  if (!best) return null;
  const { product, score } = best;
  const version = (product.version ?? []).map((source) => versionFrom(source, snapshot)).find((found) => found !== null) ?? null;
  const warnings = [...new Set((product.warnings ?? []).filter((warning) => warningShown(warning, snapshot)).map((warning) => warning.id))];
  return { name: product.name, version, warnings, score };
}
