// Recognises a web server's auto-generated directory index ("Index of /…") and counts the entries
// that are medical files. Formats: ../shared/research/fingerprints.md §2 (Apache, nginx, lighttpd, IIS,
// Python http.server, Tomcat, Jetty, Node serve-index, Caddy, Go FileServer, h5ai, LiteSpeed, HFS).
// Besides the known titles, structural rules catch servers not listed: most links are bare relative
// entries whose text is their own file name, and the page has what only generated listings have:
// a link to the parent folder, column sort links (?C=N;O=D, ?sort=name), or a title that is nothing
// but the listed folder's own path or name (Caddy: "/" or "scans"). Breadcrumb links to the page itself or
// to a folder above it are navigation, neither entries nor foreign links.

import type { PageSnapshot, SnapshotLink } from '../snapshot/snapshot';
import { runToEnd, type Steps } from '../snapshot/slices';
import { isPatientNamedFolder } from '../patient-data/values';

export interface DirectoryIndex {
  /** Which server's format it looks like; 'generic' when only the structure says so. */
  server: string;
  entries: number;
  medicalEntries: number;
  /** Entries named after a person and a birth date (TESTPERSON_ANNA_19800101/): exports per patient. */
  patientNamedEntries: number;
}

const TITLE_FORMATS: ReadonlyArray<{ server: string; pattern: RegExp }> = [
  { server: 'python', pattern: /^Directory listing for \//i },
  { server: 'tomcat', pattern: /^Directory Listing For /i },
  { server: 'node serve-index', pattern: /^listing directory \//i },
  { server: 'jetty', pattern: /^Directory: \//i },
  { server: 'h5ai', pattern: /^index - powered by h5ai/i },
  { server: 'hfs', pattern: /^HFS \// },
  // Apache, nginx, lighttpd, LiteSpeed and node http-server all say "Index of /path".
  { server: 'index-of', pattern: /^Index of \//i },
];

const PARENT_LINK_TEXT = /^(\.\.\/?|parent directory|\[to parent directory\]|up|up to .*|go up|\.\.\s*\/)$/i;

// A link to the folder above this one ("../", or the parent path written out), not "Up" to #top.
// `page` and `parentFolder` are the page's address and its folder's parent, parsed once for all links.
function isParentLink(link: SnapshotLink, page: URL | null, parentFolder: URL | null): boolean {
  if (/^\.\.\/?$/.test(link.href.trim())) return true;
  if (!PARENT_LINK_TEXT.test(link.text.trim()) || page === null || parentFolder === null) return false;
  try {
    const target = new URL(link.href, page);
    return target.origin === parentFolder.origin && target.pathname === parentFolder.pathname && target.hash === '';
  } catch {
    return false;
  }
}

// A name with nothing an address parser reads as structure: no slash but an optional last one, no query,
// fragment, scheme, percent escape (%2e%2e is "..") or control character or space (stripped by parsers),
// and not "." or "..".
const PLAIN_NAME = /^[^/\\?#%:\u0000-\u0020\u007f]+\/?$/;
const isPlainName = (href: string): boolean => PLAIN_NAME.test(href) && !/^\.\.?\/?$/.test(href);

// A link to this same page or to a folder above it on the same site (Caddy's and serve-index's
// breadcrumbs "/ scans /"): navigation of a listing, not an entry and not a link away from it.
// `page` is the page's address parsed once for all its links (null if it does not parse).
export function isNavigationLink(link: SnapshotLink, page: URL | null): boolean {
  const href = link.href.trim();
  // What almost every entry of a listing is: a plain name in the listed folder. Against a folder's address
  // it resolves to a deeper path, never to the page or above it, so it needs no parsing (parsing each link
  // was most of the work on a listing of 400 links).
  if (page !== null && isPlainName(href) && page.pathname.endsWith('/')) return false;
  return isNavigationByParsing(href, page);
}

/** The same answer by resolving the (trimmed) link against the page: what the shortcut above must agree with. */
export function isNavigationByParsing(href: string, page: URL | null): boolean {
  if (href === '' || href === '.' || href === './') return true;
  if (page === null) return false;
  try {
    const target = new URL(href, page);
    if (target.origin !== page.origin || target.search !== '' || target.hash !== '') return false;
    const folder = target.pathname.endsWith('/') ? target.pathname : `${target.pathname}/`;
    return target.pathname === page.pathname || (folder.length <= page.pathname.length && page.pathname.startsWith(folder));
  } catch {
    return false;
  }
}

// Column sort links of a listing's header: Apache and Jetty ?C=N;O=D, Caddy ?sort=name&order=asc.
const SORT_LINK = /^\?(c=[nmsd][;&]o=[ad]|sort=|order=)/i;

// A title (or first heading) that is exactly the listed folder's path or name, as Caddy writes it
// ("/" at the top of the site, "SE000001" in /DICOM/PA000001/ST000001/SE000001/). Case counts.
function isOwnPathTitle(text: string, pageUrl: string): boolean {
  const squeeze = (value: string): string => value.replace(/\s+/g, '');
  const title = squeeze(text);
  if (title === '') return false;
  let path: string;
  try {
    path = squeeze(decodeURIComponent(new URL(pageUrl).pathname));
  } catch {
    return false;
  }
  const bare = path.replace(/\/$/, '');
  const name = bare.slice(bare.lastIndexOf('/') + 1);
  return title === path || title === bare || title === `${bare}/` || (name !== '' && (title === name || title === `${name}/`));
}

// Medical entries. DICOM media files have no extension (IM000001, DICOMDIR), archives use .dcm,
// folders are often named by study/series UID (digits and dots) or PA/ST/SE numbers.
const MEDICAL_FILE_PATTERNS = [
  /\.(dcm|dicom|dic)$/i,
  /^dicomdir$/i,
  /^(im|img|i|image)_?\d{3,8}$/i,
  /^\d+(\.\d+){4,}$/,
  /^(pa|st|se)\d{4,8}$/i,
  /\.osirixzip$/i,
];
const MEDICAL_FOLDER_WORDS = /(^|[^a-z])(dicom|pacs|patients?|patienten|stud(y|ies|ie|ien)|series|serien?|examens?|etudes?|untersuchung(en)?|radiolog\w*|mrt|mri|ct|xray|x-ray|roentgen|rontgen)([^a-z]|$)/i;

function entryName(link: SnapshotLink): string | null {
  const href = link.href.trim();
  if (href === '' || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  if (href.startsWith('?')) return null; // sort links (?C=N;O=D, ?sort=name)
  const path = href.split(/[?#]/)[0]!;
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const last = segments[segments.length - 1];
  if (last === undefined || last === '..' || last === '.') return null;
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  return path.endsWith('/') ? `${name}/` : name;
}

function safePathSegments(url: string): string[] {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  } catch {
    return [];
  }
}

// A link is an entry when its text is its file name (nginx cuts long names with "..>").
function isEntryLink(link: SnapshotLink, name: string): boolean {
  const text = link.text.replace(/\s+/g, ' ').trim();
  const bare = name.replace(/\/$/, '');
  return text === name || text === bare || (text.endsWith('..>') && name.startsWith(text.slice(0, -3))) || text === `${bare}/`;
}

export function isMedicalEntry(name: string): boolean {
  const bare = name.replace(/\/$/, '');
  return MEDICAL_FILE_PATTERNS.some((pattern) => pattern.test(bare));
}

function isMedicalFolder(name: string): boolean {
  return name.endsWith('/') && MEDICAL_FOLDER_WORDS.test(name.replace(/\/$/, '').replace(/[_.-]/g, ' '));
}

// Links (and entries) looked at between two pauses. Looking at all of a listing's links (the snapshot keeps
// up to 400) in one go took 5 to 10 ms of one task in a DevTools trace of the 10,000-file listing, most of
// it parsing each link's address against the page's, which was parsed again for every link (bench/, issue 15).
// A hundred links a step still took 1 to 3 ms (each address parsed once, 10 to 15 µs cold): 25 keep a
// step well under a 2 ms slice.
export const LINKS_PER_STEP = 25;

function parsedAddress(url: string, base?: URL): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

export function recogniseDirectoryIndex(snapshot: PageSnapshot): DirectoryIndex | null {
  return runToEnd(recogniseDirectoryIndexInSteps(snapshot));
}

/** The same, pausing every LINKS_PER_STEP links: the content script runs it in slices (slices.ts). */
export function* recogniseDirectoryIndexInSteps(snapshot: PageSnapshot): Steps<DirectoryIndex | null> {
  const heading = snapshot.headings[0] ?? '';
  const titled = TITLE_FORMATS.find(({ pattern }) => pattern.test(snapshot.title) || pattern.test(heading));
  const page = parsedAddress(snapshot.url);
  const parentFolder = page && parsedAddress(page.pathname.endsWith('/') ? '../' : './', page);
  const hasParentLink = snapshot.links.some((link) => isParentLink(link, page, parentFolder));
  const iis = /\[To Parent Directory\]/i.test(snapshot.text);

  // Entries: links to names inside this site. Strict entries also show their own name as text
  // (what every autoindex does); formats known by title may add sizes and dates to the text.
  const entries: string[] = [];
  let strictEntries = 0;
  let otherLinks = 0;
  for (const [index, link] of snapshot.links.entries()) {
    if (index % LINKS_PER_STEP === LINKS_PER_STEP - 1) yield;
    if (PARENT_LINK_TEXT.test(link.text.trim()) || link.href.startsWith('?')) continue;
    if (isNavigationLink(link, page)) continue;
    const name = entryName(link);
    if (name === null) {
      otherLinks++;
      continue;
    }
    entries.push(name);
    if (isEntryLink(link, name)) strictEntries++;
    else otherLinks++;
  }
  // IIS and Go print absolute or bare links; h5ai and Caddy add a few links of their own.
  const entryShare = strictEntries / Math.max(1, strictEntries + otherLinks);
  const hasSortLinks = snapshot.links.some((link) => SORT_LINK.test(link.href.trim()));
  const ownPathTitle = isOwnPathTitle(snapshot.title, snapshot.url) || (snapshot.title === '' && isOwnPathTitle(heading, snapshot.url));
  const structural =
    strictEntries >= 1 &&
    ((entryShare >= 0.6 && (hasParentLink || hasSortLinks)) ||
      // A title that is only the folder's path or name is as telling as a parent link, and Caddy's
      // listing of a single file has its footer link besides: one entry in two links is enough there.
      (ownPathTitle && entryShare >= 0.5) ||
      (strictEntries >= 3 && snapshot.title === '' && entryShare >= 0.9));

  const server = titled?.server ?? (iis ? 'iis' : structural ? 'generic' : null);
  if (server === null) return null;

  let medicalFiles = 0;
  let medicalFolders = 0;
  // The listed folder itself may be the patient's (/TESTPERSON_ANNA_19800101/).
  const patientNamed = new Set(safePathSegments(snapshot.url).filter(isPatientNamedFolder));
  for (const [index, name] of entries.entries()) {
    if (index % LINKS_PER_STEP === LINKS_PER_STEP - 1) yield;
    if (isMedicalEntry(name)) medicalFiles++;
    if (isMedicalFolder(name)) medicalFolders++;
    if (isPatientNamedFolder(name)) patientNamed.add(name);
  }
  const patientNamedEntries = patientNamed.size;
  // One DICOM file is proof; folder names alone need two to agree.
  const medical = medicalFiles > 0 || medicalFolders >= 2;
  return {
    server,
    entries: entries.length,
    medicalEntries: medical ? medicalFiles + medicalFolders : 0,
    patientNamedEntries: medical ? patientNamedEntries : 0,
  };
}
