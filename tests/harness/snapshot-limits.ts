// Every bound a snapshot promises (SNAPSHOT_LIMITS), checked at once: used by the property tests in Node
// and by the huge-page tests that run the reader in real Chromium. An empty list means all limits held.

import { SNAPSHOT_LIMITS as LIMITS, type PageSnapshot } from '../../src/snapshot/snapshot.js';

export function limitBreaches(snapshot: PageSnapshot): string[] {
  const breaches: string[] = [];
  const atMost = (what: string, value: number, limit: number): void => {
    if (!(value <= limit)) breaches.push(`${what}: ${value} > ${limit}`);
  };
  if (!Number.isInteger(snapshot.nodesVisited) || snapshot.nodesVisited < 0) breaches.push(`nodesVisited is ${snapshot.nodesVisited}`);
  atMost('nodesVisited', snapshot.nodesVisited, LIMITS.nodes);
  atMost('text', snapshot.text.length, LIMITS.textChars);
  atMost('headings', snapshot.headings.length, LIMITS.headings);
  atMost('tables', snapshot.tables.length, LIMITS.tables);
  for (const table of snapshot.tables) {
    atMost('table headers', table.headers.length, LIMITS.headersPerTable);
    atMost('table rows', table.rows.length, LIMITS.rowsPerTable);
    for (const cell of [...table.headers, ...table.rows.flat()]) atMost('cell', cell.length, LIMITS.cellChars);
  }
  atMost('labelValues', snapshot.labelValues.length, LIMITS.labelValues);
  for (const pair of snapshot.labelValues) atMost('label value', pair.value.length, LIMITS.cellChars);
  atMost('forms', snapshot.forms.length, LIMITS.forms);
  for (const form of snapshot.forms) atMost('form fields', form.fieldNames.length, LIMITS.fieldsPerForm);
  atMost('links', snapshot.links.length, LIMITS.links);
  atMost('scriptUrls', snapshot.scriptUrls.length, LIMITS.hosts);
  atMost('resources', snapshot.resources.length, LIMITS.resources);
  for (const resource of snapshot.resources) if (!/^https?:\/\/[^/?#]+$/.test(resource.origin)) breaches.push(`resource is not an origin: ${resource.origin}`);
  atMost('shownWarnings', snapshot.shownWarnings.length, 5);
  atMost('markers', snapshot.markers.length, LIMITS.markers);
  return breaches;
}
