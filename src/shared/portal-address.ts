// Portal addresses as people write them in a settings list: an origin ("https://pacs.example.org",
// "http://10.0.0.5:8042") or a host name, with an optional leading "*." for its subdomains
// ("*.example.org"). Pure; shared by the content script, the background and the settings page.

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** The pattern in its normal form, or null if it is not one of the forms above. */
export function normalisePortalPattern(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text.length === 0 || text.length > 253) return null;
  if (/^https?:\/\//.test(text)) {
    try {
      const url = new URL(text);
      // An origin only: no path beyond "/", no query, no credentials.
      if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
      return url.origin;
    } catch {
      return null;
    }
  }
  return HOST_PATTERN.test(text) ? text : null;
}

/** Does the page at `pageUrl` match a (normalised) pattern? */
export function matchesPortalPattern(pageUrl: string, pattern: string): boolean {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return false;
  }
  if (!/^https?:$/.test(url.protocol)) return false;
  if (pattern.includes('://')) return url.origin === pattern;
  const [hostPattern, port] = pattern.split(':') as [string, string | undefined];
  if (port !== undefined && url.port !== port) return false;
  if (hostPattern.startsWith('*.')) {
    const base = hostPattern.slice(2);
    return url.hostname === base || url.hostname.endsWith(`.${base}`);
  }
  return url.hostname === hostPattern;
}

export function matchesAnyPortal(pageUrl: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesPortalPattern(pageUrl, pattern));
}

/** Did the user mark the portal at this origin "I know this portal"? */
export function isKnownPortal(pageOrigin: string, knownPortals: readonly string[]): boolean {
  return matchesAnyPortal(`${pageOrigin}/`, knownPortals);
}

/** The origin to remember when a user marks the page they are on as known. */
export function originOf(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/** At most this many entries of a portal list (the user's known portals, the organisation's list) are used. */
export const PORTAL_LIST_LIMIT = 200;

/** The valid entries of a stored list, normalised and without repeats; `onInvalid` hears of each other one. */
export function validPortalList(value: unknown, onInvalid: (index: number, entry: unknown) => void = () => undefined): string[] {
  if (!Array.isArray(value)) return [];
  const portals: string[] = [];
  value.slice(0, PORTAL_LIST_LIMIT).forEach((entry: unknown, index) => {
    const pattern = typeof entry === 'string' ? normalisePortalPattern(entry) : null;
    if (pattern === null) onInvalid(index, entry);
    else if (!portals.includes(pattern)) portals.push(pattern);
  });
  return portals;
}

const escapeForPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The compact form of a (normalised) list for the gate script in every page (content/gate.iife.ts): one
 * regular expression, as source text, that matches a page's `location.origin` exactly when
 * matchesAnyPortal matches the page. The background sends it; the gate never loads this module.
 * null for an empty list.
 */
export function portalOriginPattern(patterns: readonly string[]): string | null {
  const alternatives = patterns.map((pattern) => {
    if (pattern.includes('://')) return escapeForPattern(pattern);
    const [hostPattern, port] = pattern.split(':') as [string, string | undefined];
    const host = hostPattern.startsWith('*.') ? `([^/]+\\.)?${escapeForPattern(hostPattern.slice(2))}` : escapeForPattern(hostPattern);
    // An origin names its port only when it is not the scheme's default (so does URL.port).
    return `https?://${host}${port === undefined ? '(:\\d+)?' : `:${port}`}`;
  });
  return alternatives.length ? `^(${alternatives.join('|')})$` : null;
}
