// No remote code, a strict CSP for the extension's pages, and one network step: checked on the built
// extension as it ships (dist/chrome, dist/firefox: npm test builds before it runs the tests) and on the source.
// The real-browser side of the same promise is tests/browser/privacy.test.ts.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The CSP for the extension's pages (popup, options, letter, learn, background), directive by directive. */
const STRICT_CSP: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const directive of policy.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [name = '', ...sources] = directive.split(/\s+/);
    directives[name] = sources;
  }
  return directives;
}

function filesUnder(dir: string, extension: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), extension) : extension.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

type Manifest = { content_security_policy?: { extension_pages?: string }; [key: string]: unknown };

describe('manifest.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;

  it('sets the strict CSP for extension pages: scripts, styles, images and connections only from the extension itself', () => {
    expect(parseCsp(manifest.content_security_policy?.extension_pages ?? '')).toEqual(STRICT_CSP);
  });
});

describe.each(['chrome', 'firefox'])('the built extension in dist/%s', (browser) => {
  const dist = join(root, 'dist', browser);
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`No build in ${dist}: run npm run build first`);
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
  const read = (path: string): { path: string; text: string } => ({ path: relative(dist, path), text: readFileSync(path, 'utf8') });
  const scripts = filesUnder(dist, /\.js$/).map(read);
  const pages = filesUnder(dist, /\.html$/).map(read);
  const offenders = (files: Array<{ path: string; text: string }>, pattern: RegExp): string[] =>
    files.flatMap(({ path, text }) => [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((match) => `${path}: ${match[0]}`));

  it('has scripts and pages to check', () => {
    expect(scripts.length).toBeGreaterThan(5);
    expect(pages.map((page) => page.path).sort()).toEqual(['src/learn/learn.html', 'src/letter/letter.html', 'src/options/options.html', 'src/popup/popup.html']);
  });

  it('keeps the strict CSP, and asks for no host permissions and no messages from web pages', () => {
    expect(parseCsp(manifest.content_security_policy?.extension_pages ?? '')).toEqual(STRICT_CSP);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).not.toHaveProperty('optional_host_permissions');
    expect(manifest).not.toHaveProperty('externally_connectable');
  });

  it('loads every script of its pages from its own files: no inline script, no address with a scheme or host', () => {
    for (const { path, text } of pages) {
      const tags = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
      expect(tags.length, path).toBeGreaterThan(0);
      for (const [tag, body] of tags) {
        expect(body?.trim(), `inline script in ${path}`).toBe('');
        const src = /\bsrc="([^"]*)"/.exec(tag)?.[1] ?? '';
        expect(src, `${path}: ${tag}`).toMatch(/^\/?[\w.-]+(\/[\w.-]+)*\.js$/);
      }
      // Style sheets, images and frames from elsewhere would not be code, but they would be requests.
      expect(offenders([{ path, text }], /<(?:link|img|iframe|object|embed|source)\b[^>]*\b(?:src|href)="(?:[a-z][\w+.-]*:|\/\/)[^"]*"/i)).toEqual([]);
    }
  });

  it('never reads `chrome` in what runs in web pages: only `browser` is pinned against page elements', () => {
    // The gate pins `browser` alone (pin-extension-globals.ts); a `chrome` read in a page's world could be
    // a <form id="chrome"> there. The content side is what the manifest injects and what pages may import.
    type Built = { content_scripts?: Array<{ js?: string[] }>; web_accessible_resources?: Array<{ resources?: string[] }> };
    const built = manifest as unknown as Built;
    const contentSide = new Set([...(built.content_scripts ?? []).flatMap((entry) => entry.js ?? []), ...(built.web_accessible_resources ?? []).flatMap((entry) => entry.resources ?? [])]);
    // The gate, the page-world request noter and the full content script (one module, importing nothing).
    expect([...contentSide].filter((path) => /(gate\.iife|note-request-methods\.iife|content-script\.ts-[\w-]+)\.js$/.test(path))).toHaveLength(3);
    expect(offenders(scripts.filter(({ path }) => contentSide.has(path)), /\bchrome\b/)).toEqual([]);
  });

  it('imports modules only from its own files', () => {
    // Static imports ("./x.js"), and dynamic ones: a relative path, or the gate script asking runtime.getURL
    // for one of the extension's own files, named by a literal.
    const specifiers = scripts.flatMap(({ path, text }) =>
      [...text.matchAll(/(?:\bfrom\s*|\bimport\s*)(["'`])([^"'`]*)\1/g)].map((match) => `${path}: ${match[2]}`),
    );
    expect(specifiers.length).toBeGreaterThan(10);
    expect(specifiers.filter((entry) => !/: \.{0,2}\/[\w./-]+\.js$/.test(entry))).toEqual([]);
    const dynamic = scripts.flatMap(({ path, text }) =>
      [...text.matchAll(/\bimport\s*\(/g)].map((match) => {
        const argument = text.slice(match.index + match[0].length, match.index + match[0].length + 200).replace(/^(?:\s|\/\*[\s\S]*?\*\/)*/, '');
        return `${path}: import(${argument.slice(0, 120)}`;
      }),
    );
    expect(dynamic.length).toBeGreaterThan(0);
    expect(dynamic.filter((entry) => !/: import\((?:["'`]\.{0,2}\/|(?:chrome|browser)\.runtime\.getURL\(["'`][\w/.-]+\.js["'`]\))/.test(entry))).toEqual([]);
  });

  it('never turns a string into code: no eval, no Function constructor, no string timers, no importScripts', () => {
    expect(offenders(scripts, /(?<![\w$.])eval\s*\(/)).toEqual([]);
    expect(offenders(scripts, /\bnew\s+Function\b|(?<![\w$.])Function\s*\(/)).toEqual([]);
    expect(offenders(scripts, /\bset(?:Timeout|Interval)\s*\(\s*["'`]/)).toEqual([]);
    expect(offenders(scripts, /\bimportScripts\b/)).toEqual([]);
    expect(offenders(scripts, /javascript:/i)).toEqual([]);
  });

  it('has two fetch calls, both known: its own texts through runtime.getURL, and the no-login re-check (GET, no credentials, no redirects)', () => {
    const calls = offenders(scripts, /\bfetch\s*\([^)]{0,120}/);
    const ownTexts = calls.filter((call) => /fetch\s*\([\w$.]*\.runtime\.getURL\(/.test(call));
    const recheck = calls.filter((call) => /fetch\s*\([\w$]+\s*,\s*\{\s*method:\s*["'`]GET["'`],\s*credentials:\s*["'`]omit["'`],\s*redirect:\s*["'`]manual["'`]/.test(call));
    expect(ownTexts).toHaveLength(1);
    expect(recheck).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  it('uses no other way to reach the network: no XMLHttpRequest, WebSocket, EventSource or sendBeacon', () => {
    expect(offenders(scripts, /\bnew\s+(?:XMLHttpRequest|WebSocket|EventSource)\b|\bsendBeacon\b/)).toEqual([]);
  });
});

describe('the source', () => {
  const srcDir = join(root, 'src');
  const files = filesUnder(srcDir, /\.ts$/).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8').replace(/^\s*\/\/.*$/gm, '') }));

  it('calls fetch only for its own files (runtime.getURL) and in the no-login re-check module', () => {
    const calls = files.flatMap(({ path, text }) => [...text.matchAll(/\bfetch\s*\(([^,)]*)/g)].map((match) => ({ path, argument: match[1]!.trim() })));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      if (call.path === 'src/content/recheck-without-credentials.ts') continue;
      expect(call.argument, `${call.path}: fetch(${call.argument}`).toMatch(/^browser\.runtime\.getURL\(/);
    }
  });

  // The MAIN-world request note wraps the page's fetch: it may only pass the page's own call through.
  it("the request note in the page's world calls the page's fetch and open only with the page's own arguments", () => {
    const { text } = files.find(({ path }) => path === 'src/content/note-request-methods.iife.ts')!;
    expect([...text.matchAll(/\boriginal(Fetch|Open)\b[^;]*/g)].map((match) => match[0])).toEqual([
      'originalFetch = globalThis.fetch',
      'originalOpen = XMLHttpRequest.prototype.open',
      'originalFetch, this, arguments) as Promise<Response>',
      'originalOpen, this, arguments)',
    ]);
  });
});
