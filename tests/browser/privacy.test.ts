// The privacy promise (docs/privacy.md), proven in real Chromium with the built extension while it checks
// portals and ordinary pages on 127.0.0.1: a real open Orthanc with synthetic patients, a study list, a study
// list behind HTTP Basic auth (the browser logged in), an nginx listing of .dcm files, a news article about a
// PACS leak and an ordinary page.
//
// What is recorded, and how the extension's requests are told from the page's own:
//  - the service worker: the DevTools protocol's Network events on the worker target, attached from a tab's
//    DevTools session. The worker is stopped once first, so its start is observed too;
//  - content scripts: Network events on each page's target. A request is the extension's when its initiator
//    (the script that made it, or an async caller) is an extension file. The static pages run no scripts and
//    load a known list of files, so there every other request must be the extension's; the two must agree;
//  - the servers: the node server logs every request it gets (method, fetch destination, cookie,
//    authorization, referrer) and gives the browser a cookie; a second server on another port, linked from
//    the pages, must get nothing at all.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_COPY_KEY } from '../../src/shared/managed-policy.js';
import type { Report } from '../../src/shared/report.js';
import { reportWhenPopupAsks, waitForReport } from '../harness/browser.js';
import { launch, type ChromiumExtensionBrowser } from '../harness/chromium.js';
import {
  makeDicomFiles,
  makeTempDir,
  startNginxAutoindex,
  startOrthanc,
  SYNTHETIC_PATIENTS,
  type OrthancServer,
  type RunningServer,
} from '../harness/servers/index.js';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(join(root, 'tests/fixtures/pages', name), 'utf8');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** After the report: long enough for the page watcher's later passes (WATCH_TIMING: 2 s at most, then 1 s apart). */
const SETTLE_MS = 3_500;
/** RECHECK_LIMITS.requestsPerPageLoad, restated here: the test holds the code to the documented number. */
const RECHECKS_PER_PAGE_LOAD = 4;
const BASIC_USER = { username: 'patient', password: 'portal-secret' };

// ---------------------------------------------------------------------------------------------------------
// The test servers' request log.

interface ServerRequest {
  method: string;
  path: string;
  /** Sec-Fetch-Dest: `document` for the page, `script`/`style`/`image`/… for its files, `empty` for fetch/XHR. */
  dest: string;
  cookie: boolean;
  authorization: boolean;
  referer: boolean;
}

interface LoggingServer {
  url: string;
  log: ServerRequest[];
  stop(): Promise<void>;
}

/**
 * Serves `pages` (path → HTML) and logs every request. Every page answer sets a cookie, so the browser's own
 * later requests carry it and a request without it stands out. Paths under /members/ need HTTP Basic auth.
 */
async function startLoggingServer(pages: Record<string, string>): Promise<LoggingServer> {
  const log: ServerRequest[] = [];
  const expected = `Basic ${Buffer.from(`${BASIC_USER.username}:${BASIC_USER.password}`).toString('base64')}`;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '/';
    log.push({
      method: req.method ?? '',
      path,
      dest: String(req.headers['sec-fetch-dest'] ?? ''),
      cookie: req.headers.cookie !== undefined,
      authorization: req.headers.authorization !== undefined,
      referer: req.headers.referer !== undefined,
    });
    if (path.startsWith('/members/') && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Patient portal"', 'Content-Type': 'text/plain' });
      res.end('Login required');
      return;
    }
    const page = pages[path];
    if (page === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 'portal-session=s3cr3t; Path=/; SameSite=Lax', 'Cache-Control': 'no-store' });
    res.end(page);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The files an HTML page loads by itself (scripts, style sheets, images, icons, manifest), resolved. */
function filesLoadedBy(html: string, pageUrl: string): string[] {
  const urls = [...html.matchAll(/<(?:script|img|link)\b[^>]*?\b(?:src|href)="([^"]+)"/gi)].map((match) => new URL(match[1]!, pageUrl).href);
  return [...urls, new URL('/favicon.ico', pageUrl).href];
}

// ---------------------------------------------------------------------------------------------------------
// What the DevTools protocol shows.

interface CallFrame {
  url: string;
}
interface StackTrace {
  callFrames: CallFrame[];
  parent?: StackTrace;
}
interface Initiator {
  type: string;
  url?: string;
  stack?: StackTrace;
}

interface SeenRequest {
  requestId: string;
  method: string;
  url: string;
  /** Document, Script, Fetch, XHR, Image, … */
  type: string;
  initiator: Initiator;
  /** The headers as sent (requestWillBeSentExtraInfo): the only place that shows Cookie and Authorization. */
  sentHeaders: Array<Record<string, string>>;
  status?: number;
  failed?: string;
}

function initiatorUrls(initiator: Initiator): string[] {
  const urls = initiator.url ? [initiator.url] : [];
  for (let stack = initiator.stack; stack; stack = stack.parent) urls.push(...stack.callFrames.map((frame) => frame.url));
  return urls;
}

const hasHeader = (request: SeenRequest, name: string): boolean =>
  request.sentHeaders.some((headers) => Object.keys(headers).some((key) => key.toLowerCase() === name));

/** Records a target's requests from its Network events; `on` subscribes to the target's events. */
function networkRecorder(on: (listener: (method: string, params: Record<string, unknown>) => void) => void): SeenRequest[] {
  const requests: SeenRequest[] = [];
  const headersById = new Map<string, Array<Record<string, string>>>();
  const byId = (id: unknown): SeenRequest[] => requests.filter((request) => request.requestId === id);
  on((method, params) => {
    if (method === 'Network.requestWillBeSent') {
      const request = params.request as { method: string; url: string };
      const requestId = params.requestId as string;
      if (!headersById.has(requestId)) headersById.set(requestId, []);
      requests.push({ requestId, method: request.method, url: request.url, type: String(params.type ?? ''), initiator: params.initiator as Initiator, sentHeaders: headersById.get(requestId)! });
    } else if (method === 'Network.requestWillBeSentExtraInfo') {
      const requestId = params.requestId as string;
      if (!headersById.has(requestId)) headersById.set(requestId, []);
      headersById.get(requestId)!.push(params.headers as Record<string, string>);
    } else if (method === 'Network.responseReceived') {
      for (const request of byId(params.requestId)) request.status = (params.response as { status: number }).status;
    } else if (method === 'Network.loadingFailed') {
      for (const request of byId(params.requestId)) request.failed = String(params.errorText);
    }
  });
  return requests;
}

const NETWORK_EVENTS = ['Network.requestWillBeSent', 'Network.requestWillBeSentExtraInfo', 'Network.responseReceived', 'Network.loadingFailed'] as const;

function recordPageTarget(session: CDPSession): SeenRequest[] {
  // CDPSession.on is typed per event name; the four are handled alike.
  const events = session as unknown as { on(event: string, listener: (params: Record<string, unknown>) => void): void };
  return networkRecorder((listener) => {
    for (const event of NETWORK_EVENTS) events.on(event, (params) => listener(event, params));
  });
}

/**
 * The service worker's requests, from the DevTools protocol on the worker target. Playwright gives no CDP
 * session for a worker, so a tab's session attaches to it in the protocol's non-flat mode (messages wrapped in
 * Target.sendMessageToTarget / receivedMessageFromTarget); a worker target that appears later is attached too.
 */
async function recordWorkerTarget(host: CDPSession, extensionOrigin: string): Promise<{ requests: SeenRequest[]; attached: () => number }> {
  const sessions = new Set<string>();
  let listener: (method: string, params: Record<string, unknown>) => void = () => undefined;
  const requests = networkRecorder((onEvent) => (listener = onEvent));
  host.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    if (!sessions.has(sessionId)) return;
    const parsed = JSON.parse(message) as { method?: string; params?: Record<string, unknown> };
    if (parsed.method) listener(parsed.method, parsed.params ?? {});
  });
  let messageId = 0;
  // Target.setDiscoverTargets announces the running worker again: attach to each target once.
  const targets = new Set<string>();
  const attach = async (targetId: string): Promise<void> => {
    if (targets.has(targetId)) return;
    targets.add(targetId);
    const { sessionId } = await host.send('Target.attachToTarget', { targetId, flatten: false });
    sessions.add(sessionId);
    await host.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++messageId, method: 'Network.enable', params: {} }) });
  };
  const isOurWorker = (info: { type: string; url: string }): boolean => info.type === 'service_worker' && info.url.startsWith(extensionOrigin);
  host.on('Target.targetCreated', ({ targetInfo }) => {
    if (isOurWorker(targetInfo)) void attach(targetInfo.targetId).catch(() => undefined);
  });
  const { targetInfos } = await host.send('Target.getTargets');
  const running = targetInfos.filter(isOurWorker);
  if (running.length === 0) throw new Error('the extension service worker is not running');
  for (const info of running) await attach(info.targetId);
  await host.send('Target.setDiscoverTargets', { discover: true });
  return { requests, attached: () => sessions.size };
}

/** Stops the extension's service worker (as Chromium does when it is idle) and waits until it is stopped. */
async function stopServiceWorker(session: CDPSession, extensionOrigin: string): Promise<void> {
  let status = '';
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith(extensionOrigin)) status = version.runningStatus;
  });
  await session.send('ServiceWorker.enable');
  const deadline = Date.now() + 15_000;
  while (status !== 'running' && Date.now() < deadline) await sleep(100);
  await session.send('ServiceWorker.stopAllWorkers');
  while (status !== 'stopped') {
    if (Date.now() > deadline) throw new Error(`the service worker did not stop (status ${status})`);
    await sleep(100);
  }
  await session.send('ServiceWorker.disable');
}

// ---------------------------------------------------------------------------------------------------------
// Fake patients: every form a value can take on a page or in storage.

/** Lower case, every run of other characters one space: "DOE^JANE", "Doe, Jane" and "doe jane" meet. */
const normalise = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function nameForms(family: string, given: string): string[] {
  return [`${family} ${given}`, `${given} ${family}`, `${family}${given}`, `${given}${family}`];
}

function dateForms(yyyymmdd: string): string[] {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const english = (options: Intl.DateTimeFormatOptions): string => date.toLocaleDateString('en-US', { ...options, timeZone: 'UTC' });
  return [
    yyyymmdd,
    `${y}-${m}-${d}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${d}.${m}.${y}`,
    english({ year: 'numeric', month: 'long', day: 'numeric' }),
    english({ year: 'numeric', month: 'short', day: 'numeric' }),
  ];
}

/** Orthanc's synthetic patients: names, patient IDs, birth dates (DICOM form and as pages show them), accessions. */
const ORTHANC_PATIENT_VALUES = SYNTHETIC_PATIENTS.flatMap((patient) => {
  const [family = '', given = ''] = patient.name.split('^');
  return [patient.name, ...nameForms(family, given), patient.id, ...dateForms(patient.birthDate), patient.accession];
});

/** The study list fixture's patients (ohif-worklist-en.html): names, MRNs, accession numbers. */
const STUDY_LIST_PATIENT_VALUES = [
  ...[['DOE', 'JANE'], ['EXAMPLE', 'JOHN'], ['TESTPERSON', 'ANNA'], ['SAMPLE', 'ROBERT']].flatMap(([family, given]) => nameForms(family!, given!)),
  ...['PAT-000417', 'PAT-000418', 'PAT-000422', 'PAT-000431'],
  ...['ACC24031405', 'ACC24031201', 'ACC24030802', 'ACC24022811'],
];

/** Which of `values` occur in `text`, compared case-insensitively both as written and normalised. */
function patientValuesIn(text: string, values: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const normalised = normalise(text);
  return [...new Set(values.filter((value) => lower.includes(value.toLowerCase()) || normalised.includes(normalise(value))))];
}

// ---------------------------------------------------------------------------------------------------------

interface PageToCheck {
  name: string;
  url: () => string;
  /** The page's own files, when the page is static and known exactly (no scripts run in it). */
  ownFiles?: () => string[];
  /** A portal (or a listing of medical files), as opposed to a page that is not medical at all. */
  medical: boolean;
  /** On the logging node server: its log shows the extension's requests from the server's side. */
  logged?: boolean;
  /** The report must reach this before the settle time starts. */
  until: (report: Report) => boolean;
  /** What the re-check must find; null where it must not run (pages that show no patient records). */
  loginCheck: Report['loginCheck'];
  /** Values of fake patients the page shows (the nginx listing: patient IDs in its file names). */
  patientValues: readonly string[];
}

interface CheckedPage {
  spec: PageToCheck;
  tabId: number;
  report: Report;
  requests: SeenRequest[];
  /** The server log from this page's load to the end of its settle time (logged pages only). */
  serverLog: ServerRequest[];
  text: string;
}

let browser: ChromiumExtensionBrowser;
let extensionOrigin: string;
let orthanc: OrthancServer;
let nginx: RunningServer;
let site: LoggingServer;
let otherOrigin: LoggingServer;
let worker: Awaited<ReturnType<typeof recordWorkerTarget>>;
const checked = new Map<string, CheckedPage>();

const isExtensionFile = (url: string): boolean => url.startsWith(extensionOrigin);
const madeByExtension = (request: SeenRequest): boolean => initiatorUrls(request.initiator).some(isExtensionFile);
/** The extension's requests over the network (not its own files, loaded into the page from chrome-extension:). */
const extensionNetworkRequests = (page: CheckedPage): SeenRequest[] => page.requests.filter((request) => madeByExtension(request) && !isExtensionFile(request.url));

function linksToOtherOrigin(html: string): string {
  // Links and a form to another origin: an extension that followed links or submitted forms would show here.
  return html.replace(
    '</body>',
    `<p><a href="${otherOrigin.url}/about">About us</a> · <a href="${otherOrigin.url}/">Our partner site</a></p>
<form action="${otherOrigin.url}/search" method="get"><label>Search <input name="q"></label></form>\n</body>`,
  );
}

const PAGES: PageToCheck[] = [
  {
    name: "open Orthanc's patient list (REST answer /patients?expand)",
    url: () => `${orthanc.url}/patients?expand`,
    medical: true,
    until: (report) => report.loginCheck !== null,
    loginCheck: 'patient-data',
    patientValues: ORTHANC_PATIENT_VALUES,
  },
  {
    name: 'open Orthanc Explorer (/app/explorer.html#find-patients)',
    url: () => `${orthanc.url}/app/explorer.html#find-patients`,
    medical: true,
    until: (report) => report.loginCheck !== null,
    loginCheck: 'patient-data',
    patientValues: ORTHANC_PATIENT_VALUES,
  },
  {
    name: 'study list (ohif-worklist-en.html)',
    url: () => `${site.url}/study-list`,
    medical: true,
    ownFiles: () => filesLoadedBy(fixture('ohif-worklist-en.html'), `${site.url}/study-list`),
    logged: true,
    until: (report) => report.loginCheck !== null,
    loginCheck: 'patient-data',
    patientValues: STUDY_LIST_PATIENT_VALUES,
  },
  {
    name: 'study list behind HTTP Basic auth, the browser logged in',
    url: () => `${site.url}/members/study-list`,
    medical: true,
    ownFiles: () => filesLoadedBy(fixture('ohif-worklist-en.html'), `${site.url}/members/study-list`),
    logged: true,
    until: (report) => report.loginCheck !== null,
    loginCheck: 'login-required',
    patientValues: STUDY_LIST_PATIENT_VALUES,
  },
  {
    name: 'nginx autoindex of .dcm files',
    url: () => `${nginx.url}/`,
    medical: true,
    ownFiles: () => [`${nginx.url}/favicon.ico`],
    until: () => true,
    loginCheck: null,
    patientValues: ORTHANC_PATIENT_VALUES,
  },
  {
    name: 'news article about a PACS leak (news-pacs-leak-en.html)',
    url: () => `${site.url}/news`,
    medical: false,
    ownFiles: () => filesLoadedBy(fixture('news-pacs-leak-en.html'), `${site.url}/news`),
    logged: true,
    until: () => true,
    loginCheck: null,
    patientValues: [],
  },
  {
    name: 'ordinary page (pharmacy-shop-en.html)',
    url: () => `${site.url}/shop`,
    medical: false,
    ownFiles: () => filesLoadedBy(fixture('pharmacy-shop-en.html'), `${site.url}/shop`),
    logged: true,
    until: () => true,
    loginCheck: null,
    patientValues: [],
  },
];
const NOT_MEDICAL = PAGES.filter((spec) => !spec.medical).map((spec) => spec.name);

async function checkPage(spec: PageToCheck): Promise<CheckedPage> {
  const logStart = site.log.length;
  const page = await browser.context.newPage();
  // The session stays attached until the browser closes: a later pass of the page watcher is recorded too.
  const session = await browser.context.newCDPSession(page);
  const requests = recordPageTarget(session);
  await session.send('Network.enable');
  await page.goto(spec.url());
  await page.bringToFront();
  const tabId = await browser.withExtensionApi(async (api) => (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1, 0);
  // A page that looks like nothing medical says nothing by itself: its report comes when the popup asks.
  if (spec.medical) await waitForReport(browser, tabId, spec.until, 30_000);
  else await reportWhenPopupAsks(browser, tabId, spec.until, 30_000);
  await sleep(SETTLE_MS);
  const report = (await browser.readReport(tabId))!;
  const text = await page.evaluate(() => document.body?.innerText ?? '');
  // Pages are checked one after another: a copy of the log now holds this page's load and its settle time.
  const serverLog = spec.logged ? site.log.slice(logStart) : [];
  return { spec, tabId, report, requests, serverLog, text };
}

function describeRequest(request: SeenRequest, pageOrigin: string): string {
  const where = request.url.startsWith(pageOrigin) ? request.url.slice(pageOrigin.length) : request.url;
  const answer = request.status !== undefined ? String(request.status) : (request.failed ?? 'no answer');
  const sent = [hasHeader(request, 'cookie') ? 'COOKIE SENT' : 'no cookie', hasHeader(request, 'authorization') ? 'AUTHORIZATION SENT' : 'no authorization'];
  return `${request.method} ${where} (${request.type}, ${sent.join(', ')}) → ${answer}`;
}

beforeAll(async () => {
  otherOrigin = await startLoggingServer({});
  site = await startLoggingServer({
    '/study-list': linksToOtherOrigin(fixture('ohif-worklist-en.html')),
    '/members/study-list': linksToOtherOrigin(fixture('ohif-worklist-en.html')),
    '/news': linksToOtherOrigin(fixture('news-pacs-leak-en.html')),
    '/shop': linksToOtherOrigin(fixture('pharmacy-shop-en.html')),
  });
  orthanc = await startOrthanc({ authentication: false });
  await orthanc.upload(await makeDicomFiles(await makeTempDir('privacy-orthanc-dicom')));
  const listing = await makeTempDir('privacy-listing-dicom');
  await makeDicomFiles(listing);
  await mkdir(join(listing, 'DICOM'));
  await writeFile(join(listing, 'DICOMDIR'), 'not a real DICOMDIR, only its name matters to a listing');
  nginx = await startNginxAutoindex(listing);

  browser = await launch({ httpCredentials: BASIC_USER });
  extensionOrigin = browser.extensionUrl('');
  // A tab of the extension's own hosts the DevTools session for the worker (it sees the worker's storage partition).
  const recorderTab = await browser.context.newPage();
  await recorderTab.goto(browser.extensionUrl('src/learn/learn.html'));
  const host = await browser.context.newCDPSession(recorderTab);
  worker = await recordWorkerTarget(host, extensionOrigin);
  await stopServiceWorker(host, extensionOrigin);

  for (const spec of PAGES) checked.set(spec.name, await checkPage(spec));

  console.log('privacy: the requests the extension made while it checked each page');
  for (const page of checked.values()) {
    const { spec, report, requests } = page;
    const origin = new URL(spec.url()).origin;
    const network = extensionNetworkRequests(page);
    const files = requests.filter((request) => isExtensionFile(request.url)).map((request) => request.url.slice(extensionOrigin.length));
    console.log(`  ${spec.name}: ${report.verdict}, loginCheck ${report.loginCheck}`);
    console.log(`    to the network: ${network.length === 0 ? 'none' : ''}`);
    for (const request of network) console.log(`      ${describeRequest(request, origin)}`);
    console.log(`    the extension's own files, loaded into the page: ${files.join(', ') || 'none'}`);
  }
  console.log(`  service worker: ${worker.requests.map((request) => `${request.method} ${request.url.slice(extensionOrigin.length - 1)}`).join(', ') || 'none'}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([orthanc?.stop(), nginx?.stop(), site?.stop(), otherOrigin?.stop()]);
});

describe('network: the only requests are the no-login re-check to the page’s own origin', () => {
  it.each(PAGES.map((spec) => spec.name))('%s: every request the extension made is its own file or a same-origin GET without cookie or authorization, at most 4', (name) => {
    const page = checked.get(name)!;
    const origin = new URL(page.spec.url()).origin;
    for (const request of page.requests.filter((candidate) => candidate.url.startsWith('chrome-extension:'))) expect(request.url.startsWith(extensionOrigin), request.url).toBe(true);
    const network = extensionNetworkRequests(page);
    for (const request of network) {
      expect(new URL(request.url).origin, request.url).toBe(origin);
      expect(request.method).toBe('GET');
      expect(request.type).toBe('Fetch');
      // The headers as sent must be known, or the cookie check below proves nothing.
      expect(request.sentHeaders.length, `no sent headers recorded for ${request.url}`).toBeGreaterThan(0);
      expect(hasHeader(request, 'cookie'), `cookie sent with ${request.url}`).toBe(false);
      expect(hasHeader(request, 'authorization'), `authorization sent with ${request.url}`).toBe(false);
    }
    expect(network.length).toBeLessThanOrEqual(RECHECKS_PER_PAGE_LOAD);
    expect(new Set(network.map((request) => request.url)).size).toBe(network.length);
  });

  it.each(PAGES.map((spec) => spec.name))('%s: the re-check ran only where the page looks medical and has something to ask again, and its result is in the report', (name) => {
    const page = checked.get(name)!;
    expect(page.report.loginCheck).toBe(page.spec.loginCheck);
    if (page.spec.loginCheck === null) expect(extensionNetworkRequests(page)).toEqual([]);
    else expect(extensionNetworkRequests(page).length).toBeGreaterThanOrEqual(1);
  });

  it.each(NOT_MEDICAL)('%s: not medical, and the extension made no request at all over the network', (name) => {
    const page = checked.get(name)!;
    expect(page.report.verdict).toBe('not-medical');
    expect(extensionNetworkRequests(page)).toEqual([]);
    const path = new URL(page.spec.url()).pathname;
    expect(site.log.filter((entry) => entry.dest === 'empty' && entry.path === path)).toEqual([]);
  });

  it.each(PAGES.filter((spec) => spec.ownFiles).map((spec) => spec.name))(
    "%s (a static page): every request that is not the page's own document or files is one the extension's code made",
    (name) => {
      const page = checked.get(name)!;
      const ownFiles = page.spec.ownFiles!();
      const isPagesOwn = (request: SeenRequest): boolean => (request.type === 'Document' && request.url === page.spec.url()) || ownFiles.includes(request.url);
      const notThePages = page.requests.filter((request) => !isPagesOwn(request));
      expect(notThePages.filter((request) => !madeByExtension(request)).map((request) => request.url)).toEqual([]);
      expect(page.requests.filter(isPagesOwn).filter(madeByExtension).map((request) => request.url)).toEqual([]);
    },
  );

  it.each(PAGES.filter((spec) => spec.logged).map((spec) => spec.name))(
    "%s: the server saw the extension's requests as CDP did: GET, no cookie, no authorization, no referrer",
    (name) => {
      const page = checked.get(name)!;
      const path = new URL(page.spec.url()).pathname;
      // The pages run no scripts, so every fetch the server sees (Sec-Fetch-Dest: empty) is the extension's.
      const fetches = site.log.filter((entry) => entry.dest === 'empty' && entry.path === path);
      expect(fetches.length).toBe(extensionNetworkRequests(page).length);
      for (const entry of fetches) expect(entry).toMatchObject({ method: 'GET', cookie: false, authorization: false, referer: false });
      // And the browser did hold a cookie (and, behind Basic auth, the login) that it sent with the page's own requests.
      const own = page.serverLog.filter((entry) => entry.dest !== 'empty');
      expect(own.some((entry) => entry.cookie)).toBe(true);
      if (page.spec.loginCheck === 'login-required') expect(own.some((entry) => entry.authorization)).toBe(true);
    },
  );

  it('the server on another origin, linked from the pages, got no request at all, and no page target asked another host', () => {
    expect(otherOrigin.log).toEqual([]);
    for (const page of checked.values()) {
      for (const request of page.requests) expect(request.url.startsWith(otherOrigin.url), request.url).toBe(false);
    }
  });

  it("the service worker requested only the extension's own files (the texts in _locales), seen from its DevTools target", () => {
    expect(worker.attached()).toBeGreaterThanOrEqual(1);
    // The worker was stopped before the checks; starting again it loads its texts, so the recorder saw it work.
    expect(worker.requests.map((request) => request.url)).toContain(`${extensionOrigin}_locales/en/messages.json`);
    for (const request of worker.requests) {
      expect(isExtensionFile(request.url), request.url).toBe(true);
      expect(request.method).toBe('GET');
    }
  });
});

describe('storage: no fake patient is kept in any storage area', () => {
  let dump: Record<'local' | 'session' | 'sync', Record<string, unknown>>;

  beforeAll(async () => {
    dump = await browser.withExtensionApi(
      async (api) => ({ local: await api.storage.local.get(null), session: await api.storage.session.get(null), sync: await api.storage.sync.get(null) }),
      0,
    );
    for (const [area, items] of Object.entries(dump)) console.log(`privacy: storage.${area}: ${JSON.stringify(items).length} bytes as JSON, keys: ${Object.keys(items).join(', ') || 'none'}`);
  });

  it('the pages really showed the fake patients (the search below can find them)', () => {
    for (const page of checked.values()) {
      if (page.spec.patientValues.length === 0) continue;
      expect(patientValuesIn(page.text, page.spec.patientValues).length, page.spec.name).toBeGreaterThan(0);
    }
    expect(patientValuesIn('Patient: Doe, Jane (PAT-000417)', STUDY_LIST_PATIENT_VALUES)).toEqual(expect.arrayContaining(['DOE JANE', 'PAT-000417']));
    expect(patientValuesIn('{"PatientName":"TESTPERSON^ANNA","PatientBirthDate":"19700101"}', ORTHANC_PATIENT_VALUES)).toEqual(expect.arrayContaining(['TESTPERSON^ANNA', '19700101']));
  });

  it("storage.session holds one report per checked tab, its frames' reports, a yes for tabs that had a full check, and nothing else", () => {
    const tabKeys = [...checked.values()].flatMap((page) => [`report:${page.tabId}`, `frames:${page.tabId}`]);
    expect(Object.keys(dump.session).sort()).toEqual(expect.arrayContaining(tabKeys.sort()));
    expect(Object.keys(dump.session).filter((key) => !/^(report|frames|full-check-in-tab):\d+$/.test(key))).toEqual([]);
    // The note that a tab had a full check (background/tabs-with-full-check.ts) is a bare true.
    for (const [key, value] of Object.entries(dump.session)) if (key.startsWith('full-check-in-tab:')) expect(value, key).toBe(true);
  });

  it('storage.local holds only the copy of the organisation\'s policy (none here), and storage.sync at most the settings', () => {
    expect(dump.local).toEqual({ [POLICY_COPY_KEY]: {} });
    expect(Object.keys(dump.sync).every((key) => key === 'language')).toBe(true);
  });

  it('no name, patient ID, birth date or accession number of any fake patient, in any form, in local, session or sync', () => {
    const everything = JSON.stringify(dump);
    expect(patientValuesIn(everything, [...ORTHANC_PATIENT_VALUES, ...STUDY_LIST_PATIENT_VALUES])).toEqual([]);
  });
});

describe("the extension's own pages: only their own files, and a CSP that refuses everything else", () => {
  const studyListTab = (): number => checked.get('study list (ohif-worklist-en.html)')!.tabId;
  const EXTENSION_PAGES = [
    { name: 'popup', path: () => `src/popup/popup.html?tabId=${studyListTab()}`, ready: '#popup[data-verdict="danger"]' },
    { name: 'letter', path: () => `src/letter/letter.html?tabId=${studyListTab()}`, ready: '#letter-questions li' },
    { name: 'options', path: () => 'src/options/options.html', ready: 'label[for="language"]:not(:empty)' },
    { name: 'learn', path: () => 'src/learn/learn.html', ready: '#checks dd' },
  ];

  it.each(EXTENSION_PAGES)('$name page requests nothing but files of the extension itself', async ({ name, path, ready }) => {
    const page = await browser.context.newPage();
    const session = await browser.context.newCDPSession(page);
    const requests = recordPageTarget(session);
    await session.send('Network.enable');
    await page.goto(browser.extensionUrl(path()));
    await page.waitForSelector(ready, { timeout: 15_000 });
    await sleep(500);
    console.log(`privacy: ${name} page requested ${requests.map((request) => request.url.slice(extensionOrigin.length - 1)).join(', ')}`);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(isExtensionFile(request.url), request.url).toBe(true);
    await page.close();
  });

  it('in the popup, a request, a script or an image from another address is refused by the CSP, and never reaches it', async () => {
    const page = await browser.context.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) refusals.push(message.text());
    });
    await page.goto(browser.extensionUrl(`src/popup/popup.html?tabId=${studyListTab()}`));
    await page.waitForSelector('#popup[data-verdict="danger"]', { timeout: 15_000 });
    // Evaluated over the DevTools protocol, but the loads it starts are the page's own, under its CSP.
    const outcome = await page.evaluate(async (target) => {
      const load = (element: HTMLScriptElement | HTMLImageElement): Promise<string> =>
        new Promise((done) => {
          element.onload = () => done('loaded');
          element.onerror = () => done('refused');
        });
      const fetched = await fetch(`${target}/fetch`).then(
        () => 'loaded',
        () => 'refused',
      );
      const script = Object.assign(document.createElement('script'), { src: `${target}/script.js` });
      const scriptLoad = load(script);
      document.head.append(script);
      const image = Object.assign(document.createElement('img'), { src: `${target}/image.png` });
      const imageLoad = load(image);
      document.body.append(image);
      return { fetched, script: await scriptLoad, image: await imageLoad };
    }, otherOrigin.url);
    expect(outcome).toEqual({ fetched: 'refused', script: 'refused', image: 'refused' });
    expect(refusals.some((text) => text.includes("connect-src 'self'"))).toBe(true);
    expect(refusals.some((text) => text.includes("script-src 'self'"))).toBe(true);
    expect(refusals.some((text) => text.includes("img-src 'self'"))).toBe(true);
    expect(otherOrigin.log).toEqual([]);
    await page.close();
  });
});
