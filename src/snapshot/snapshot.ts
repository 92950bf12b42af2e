// A page snapshot: everything the checks may know about a page, read once from the DOM
// by read-page.ts. Plain data only, so checks run the same in the browser, in Node and in a benchmark.
// Every list is bounded (see SNAPSHOT_LIMITS); `truncated` says a limit was hit.

import type { JsonAnswerKind } from '../patient-data/json-records';

export interface SnapshotForm {
  /** Absolute URL the form submits to (the page URL when the form has no action). */
  action: string;
  method: string;
  hasPasswordField: boolean;
  /** Names, ids or types of the fields, lower-cased; never their values. */
  fieldNames: string[];
}

/**
 * A list of records as the page lays it out: an HTML table, an ARIA grid, or repeated sibling elements
 * (rows of divs or list items). Cell texts are read as a person sees them: the text of each element
 * inside a cell is a part of its own, and parts are joined with TEXT_PART_SEPARATOR.
 */
export interface SnapshotTable {
  /** Column headers; empty for repeated elements, and for a table whose header the reader did not find. */
  headers: string[];
  /**
   * A bounded sample of body rows: the cells of a table or grid row, or, for repeated elements, the
   * parts of the element's text.
   */
  rows: string[][];
}

/** Joins the parts of a cell's text: `<div>DOE^JANE</div><div>X1</div>` is read "DOE^JANE\nX1". */
export const TEXT_PART_SEPARATOR = '\n';

export interface LabelValue {
  /** Empty for a heading inside a record-like block: a value without a label. */
  label: string;
  value: string;
  /** Index of the nearest enclosing record-like element (li, tr, dl, section, …): one patient per block. */
  block: number;
}

export interface SnapshotLink {
  href: string;
  text: string;
}

/** What kind of thing the page loads: from the element that asks for it, or from resource timing. */
export type ResourceKind = 'script' | 'style' | 'frame' | 'image' | 'media' | 'object' | 'data' | 'other';

/**
 * Something the page loads or asks to load, reduced to its origin: a resource's path and query can hold
 * patient data (a WADO address names the study), its origin cannot.
 */
export interface SnapshotResource {
  /** scheme://host[:port] */
  origin: string;
  kind: ResourceKind;
}

/** What came back when the extension repeated the page's request without cookies or passwords. */
export type RecheckOutcome =
  | {
      kind: 'patient-data';
      url: 'page' | 'data-request';
      /** The kind of answer the patient data came in: a page, or an archive's JSON (json-records.ts). */
      answer: 'html' | JsonAnswerKind;
      records: number;
      /** Different patients among the records. */
      patients: number;
    }
  | { kind: 'no-patient-data'; status: number }
  | { kind: 'login-required'; status: number; scheme: 'basic' | 'digest' | 'other' | null }
  | { kind: 'could-not-verify'; reason: 'timeout' | 'too-large' | 'redirect' | 'network' };

export interface PageSnapshot {
  url: string;
  title: string;
  lang: string;
  /** document.contentType: text/html, application/json, text/plain, … */
  contentType: string;
  /** <meta name="generator"> and <meta name="application-name"> contents. */
  generator: string;
  headings: string[];
  /** Bounded sample of visible-ish text (script, style and template contents excluded). */
  text: string;
  tables: SnapshotTable[];
  /** "Label: value" pairs from dl/dt/dd, two-cell th/td rows, "Label: value" text and headings inside records. */
  labelValues: LabelValue[];
  forms: SnapshotForm[];
  /** Password fields anywhere on the page, inside a form or not. */
  passwordFieldCount: number;
  links: SnapshotLink[];
  /** Absolute URLs of external scripts (bounded): viewers are recognised by their script names. */
  scriptUrls: string[];
  /** Origins the page loads from, by kind: its elements' addresses and the browser's resource timing (bounded). */
  resources: SnapshotResource[];
  /** Ids of a product's own warning banners that are shown (not hidden) on the page, e.g. insecure-setup. */
  shownWarnings: string[];
  /** ids and class names seen (bounded): how viewers are recognised by their markup. */
  markers: string[];
  /** The parsed document when the page itself is JSON (an archive's API opened in the browser). */
  json: unknown;
  /** Elements and text nodes read; reading stops at SNAPSHOT_LIMITS.nodes. */
  nodesVisited: number;
  truncated: boolean;
  /** Filled in by the content script after the no-login re-check, if one ran. */
  recheck: RecheckOutcome | null;
  /** The organisation's policy lists this address as a medical portal (settings: medicalPortals). */
  listedAsMedicalPortal: boolean;
}

export const SNAPSHOT_LIMITS = {
  /** Elements plus text nodes read, in all: the node budget. */
  nodes: 20_000,
  /** Of those, elements whose ids and class names are read (viewers show their marks early). */
  markerElements: 3_000,
  textChars: 20_000,
  headings: 40,
  tables: 10,
  headersPerTable: 30,
  rowsPerTable: 60,
  cellChars: 200,
  /** Nodes read for the text of one cell (or one repeated element), and for all of them together. */
  nodesPerCell: 300,
  cellNodes: 60_000,
  /**
   * ARIA grids (role grid, treegrid or table) are found anywhere in a page of up to gridQueryElements
   * elements (one selector query), among the first gridSearchElements elements of a larger page; at most
   * gridElements elements are walked inside them, in all.
   */
  gridQueryElements: 20_000,
  gridSearchElements: 10_000,
  gridElements: 10_000,
  /** Names that start a search for repeated rows, ancestors climbed from each, and lists kept. */
  rowSeeds: 200,
  rowAncestors: 8,
  repeatedLists: 4,
  labelValues: 300,
  forms: 20,
  fieldsPerForm: 40,
  links: 400,
  hosts: 50,
  /** Elements per tag (script, img, iframe, link, …) and resource-timing entries looked at for resources. */
  resourceElements: 200,
  resourceTimingEntries: 500,
  /** Different origin-and-kind pairs kept. */
  resources: 100,
  /** Elements per warning banner looked at, and ancestors climbed to tell whether one is hidden. */
  warningElements: 20,
  warningAncestors: 60,
  markers: 400,
  jsonChars: 2_000_000,
  jsonDepth: 64,
} as const;

export function emptySnapshot(url: string): PageSnapshot {
  return {
    url,
    title: '',
    lang: '',
    contentType: 'text/html',
    generator: '',
    headings: [],
    text: '',
    tables: [],
    labelValues: [],
    forms: [],
    passwordFieldCount: 0,
    links: [],
    scriptUrls: [],
    resources: [],
    shownWarnings: [],
    markers: [],
    json: null,
    nodesVisited: 0,
    truncated: false,
    recheck: null,
    listedAsMedicalPortal: false,
  };
}
