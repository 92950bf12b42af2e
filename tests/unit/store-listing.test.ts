// The store listing (docs/store/<language>.md) is complete in every language, fits the stores' limits, and
// justifies exactly the permissions and content-script addresses manifest.json asks for: a new permission
// cannot be added without saying why, in every language. The screenshots next to it are 1280 × 800.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const LANGUAGES = ['en', 'de', 'fr'] as const;
const PARTS = ['Name', 'Short description', 'Long description', 'Single purpose', 'Permission justifications', 'Remote code', 'Privacy practices'];
/** Chrome Web Store: the summary (the manifest's description) at most 132 characters, the name at most 75; Firefox Add-ons: name 50. */
const LIMITS = { shortDescription: 132, name: 50 };

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
};
/** Everything a store asks to justify: API permissions, host permissions, and the content scripts' addresses. */
const asked = [
  ...new Set([
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches),
  ]),
];

/** `## Heading` → its text; `### Heading` inside a part → its own entry, keyed "Part / Heading". */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  let part = '';
  let key = '';
  for (const line of markdown.split('\n')) {
    const heading = /^(#{2,3}) (.+)$/.exec(line);
    if (heading) {
      if (heading[1] === '##') part = heading[2]!;
      key = heading[1] === '##' ? part : `${part} / ${heading[2]}`;
      found.set(key, '');
    } else if (key) {
      found.set(key, `${found.get(key)}${line}\n`);
    }
  }
  for (const [name, text] of found) found.set(name, text.trim());
  return found;
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe.each(LANGUAGES)('the store listing in %s', (language) => {
  const path = join(root, 'docs/store', `${language}.md`);
  const listing = existsSync(path) ? sections(readFileSync(path, 'utf8')) : new Map<string, string>();
  const messages = JSON.parse(readFileSync(join(root, 'extension/_locales', language, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

  it('exists and has every part, none empty', () => {
    expect(existsSync(path), path).toBe(true);
    // A part's words include those of its ### entries (the justifications are all in entries).
    const partWords = (part: string): number => [...listing].filter(([key]) => key === part || key.startsWith(`${part} / `)).reduce((sum, [, text]) => sum + words(text), 0);
    for (const part of PARTS) expect(partWords(part), part).toBeGreaterThan(0);
  });

  it('the name is the extension\'s and fits both stores', () => {
    expect(listing.get('Name')).toBe(messages.extension_name!.message);
    expect(listing.get('Name')!.length).toBeLessThanOrEqual(LIMITS.name);
  });

  it(`the short description is the extension's own description (the Chrome Web Store shows that one) and at most ${LIMITS.shortDescription} characters`, () => {
    const short = listing.get('Short description')!;
    expect(short).toBe(messages.extension_description!.message);
    expect([...short].length).toBeLessThanOrEqual(LIMITS.shortDescription);
  });

  it('the long description and the single purpose say what the extension is for, in more than a line', () => {
    expect(words(listing.get('Long description')!)).toBeGreaterThan(150);
    expect(words(listing.get('Single purpose')!)).toBeGreaterThan(15);
  });

  it('every permission and content-script address of manifest.json has its justification, and there is none for anything else', () => {
    const justified = [...listing.keys()].filter((key) => key.startsWith('Permission justifications / '));
    const named = (key: string): string[] => [...key.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    for (const permission of asked) {
      const entry = justified.find((key) => named(key).includes(permission));
      expect(entry, `a "### \`${permission}\`" justification`).toBeDefined();
      expect(words(listing.get(entry!)!), `why ${permission}`).toBeGreaterThan(20);
    }
    for (const key of justified) for (const name of named(key)) expect(asked, `${key}: not asked for by manifest.json`).toContain(name);
  });

  it('the privacy answers say that nothing is collected, sold or run from elsewhere', () => {
    const privacy = listing.get('Privacy practices')!;
    expect(privacy).toContain('data_collection_permissions: none');
    expect(privacy.split('\n').filter((line) => line.startsWith('- **')).length).toBeGreaterThanOrEqual(6);
  });

  it.each([1, 2])('screenshot %i is a 1280 × 800 PNG', (number) => {
    const png = readFileSync(join(root, 'docs/store/screenshots', `${language}-${number}.png`));
    expect(png.toString('ascii', 1, 4)).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
  });
});

describe('what the store is told agrees with the manifest', () => {
  it('the listing is checked against at least the permissions the extension has today', () => {
    // If this list shrinks to nothing, the test above would check nothing.
    expect(asked).toEqual(expect.arrayContaining(['storage', 'activeTab', 'http://*/*', 'https://*/*']));
  });
});
