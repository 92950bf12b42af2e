// The no-login re-check against real loopback servers: what it concludes from each kind of answer,
// and the limits written next to it (same origin, GET, no credentials, each URL once, bounded count,
// time and size). Node's global fetch is the real fetch; happy-dom lends the DOMParser a page has.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWER_EVENT, ASK_EVENT, NOTED_REQUESTS } from '../../src/content/page-requests.js';
import { chooseDataRequests, NoLoginRecheck, RECHECK_LIMITS, requestsSeenByPage } from '../../src/content/recheck-without-credentials.js';
import { startHttpServer } from '../harness/servers/static-https.js';
import type { RunningServer } from '../harness/servers/ports.js';

interface SeenRequest {
  url: string;
  method: string;
  headers: IncomingMessage['headers'];
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ORTHANC_PATIENT_LIST = `<!DOCTYPE html><html><head><title>Orthanc Explorer</title></head><body>
<div data-role="page" id="find-patients"><ul data-role="listview" id="all-patients">
<li><a href="#patient?uuid=1"><h3>DOE^JANE</h3><p>PatientID: <strong>X1001</strong></p><p>Birth date: <strong>Saturday, March 3, 1990</strong></p></a></li>
<li><a href="#patient?uuid=2"><h3>ROE^RICHARD</h3><p>PatientID: <strong>X1002</strong></p><p>Birth date: <strong>Monday, January 31, 1980</strong></p></a></li>
</ul></div></body></html>`;

const ORTHANC_PATIENTS_JSON = JSON.stringify(
  [
    ['DOE^JANE', 'X1001', '19900303'],
    ['ROE^RICHARD', 'X1002', '19800131'],
    ['SMITH^ALICE', 'X1003', '19751115'],
  ].map(([PatientName, PatientID, PatientBirthDate], index) => ({ ID: `p${index}`, MainDicomTags: { PatientName, PatientID, PatientBirthDate }, Type: 'Patient' })),
);

// The OHIF study list's QIDO-RS answer, captured from Orthanc's DICOMweb plugin (tests/fixtures/answers/).
const QIDO_STUDIES = readFileSync(join(import.meta.dirname, '../fixtures/answers/dicomweb/studies-ohif.json'), 'utf8');

const APP_SHELL = '<!DOCTYPE html><html><head><title>Orthanc Explorer 2</title></head><body><div id="app"></div><script src="/ui/app/assets/index.js"></script></body></html>';
const NO_DATA = '<!DOCTYPE html><html><head><title>Nothing here</title></head><body><p>No studies.</p></body></html>';

const send = (status: number, body: string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
};

const seen: SeenRequest[] = [];
const seenByOther: SeenRequest[] = [];
const pendingTimers = new Set<NodeJS.Timeout>();
const declaredHugeClosed: boolean[] = [];
let server: RunningServer;
let other: RunningServer;
let happyWindow: Window;

const logged = (log: SeenRequest[], routes: Record<string, Handler>): Record<string, Handler> =>
  Object.fromEntries(
    Object.entries(routes).map(([path, handler]) => [
      path,
      (req: IncomingMessage, res: ServerResponse) => {
        log.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers });
        handler(req, res);
      },
    ]),
  );

const requestsTo = (path: string, log = seen): SeenRequest[] => log.filter((request) => new URL(request.url, 'http://x').pathname === path);

beforeAll(async () => {
  happyWindow = new Window();
  globalThis.DOMParser = happyWindow.DOMParser as unknown as typeof DOMParser;

  other = await startHttpServer({}, { routes: logged(seenByOther, { '/landing': send(200, ORTHANC_PATIENT_LIST), '/patients': send(200, ORTHANC_PATIENTS_JSON, { 'Content-Type': 'application/json' }) }) });

  server = await startHttpServer(
    {},
    {
      routes: logged(seen, {
        '/app/explorer.html': send(200, ORTHANC_PATIENT_LIST),
        '/ui/app/': send(200, APP_SHELL),
        '/patients': send(200, ORTHANC_PATIENTS_JSON, { 'Content-Type': 'application/json' }),
        '/dicom-web/studies': send(200, QIDO_STUDIES, { 'Content-Type': 'application/dicom+json' }),
        '/no-data': send(200, NO_DATA),
        '/count': send(200, NO_DATA),
        '/basic': send(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="Orthanc Secure Area"' }),
        '/digest': send(401, 'Unauthorized', { 'WWW-Authenticate': 'Digest realm="PACS", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"' }),
        '/forbidden': send(403, 'Forbidden'),
        '/redirect': (_req, res) => {
          res.writeHead(302, { Location: `${other.url}/landing`, 'Content-Length': '0' });
          res.end();
        },
        '/slow': (req, res) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            if (!res.destroyed) send(200, ORTHANC_PATIENT_LIST)(req, res);
          }, 8_000);
          pendingTimers.add(timer);
        },
        // Chunked, no Content-Length: only counting while reading can stop it.
        '/streamed-huge': (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          const chunk = Buffer.alloc(64 * 1024, 'a');
          let written = 0;
          const writeMore = (): void => {
            while (written <= RECHECK_LIMITS.maxBytes + chunk.length && !res.destroyed) {
              written += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', writeMore);
            }
            if (!res.destroyed) res.end();
          };
          writeMore();
        },
        '/declared-huge': (_req, res) => {
          const index = declaredHugeClosed.push(false) - 1;
          res.on('close', () => (declaredHugeClosed[index] = true));
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(RECHECK_LIMITS.maxBytes * 100) });
          res.write('<!DOCTYPE html><html><body>');
        },
      }),
    },
  );
});

afterAll(async () => {
  for (const timer of pendingTimers) clearTimeout(timer);
  await Promise.all([server?.stop(), other?.stop()]);
  delete (globalThis as { DOMParser?: unknown }).DOMParser;
  await happyWindow?.happyDOM.close();
});

describe('NoLoginRecheck outcomes', () => {
  it('an Orthanc patient list that comes back without credentials is patient data from the page', async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/app/explorer.html#find-patients`, []);
    expect(outcome).toEqual({ kind: 'patient-data', url: 'page', answer: 'html', records: 2, patients: 2 });
  });

  it("an empty app shell whose data request answers Orthanc JSON is patient data from the page's data request", async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/ui/app/`, [`${server.url}/patients?expand`]);
    expect(outcome).toEqual({ kind: 'patient-data', url: 'data-request', answer: 'orthanc-rest', records: 3, patients: 3 });
    expect(requestsTo('/patients').map((request) => request.url)).toContain('/patients?expand');
  });

  it("a viewer's DICOMweb study list answered without credentials is patient data in DICOM JSON, with its patients counted", async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/viewer`, [`${server.url}/dicom-web/studies?limit=101&offset=0`], false);
    expect(outcome).toEqual({ kind: 'patient-data', url: 'data-request', answer: 'dicom-json', records: 3, patients: 3 });
  });

  it('without askPage, only the data requests are asked, not the page', async () => {
    await new NoLoginRecheck().run(`${server.url}/count?page-not-asked`, [`${server.url}/count?data-asked`], false);
    expect(seen.some((request) => request.url === '/count?page-not-asked')).toBe(false);
    expect(seen.some((request) => request.url === '/count?data-asked')).toBe(true);
  });

  it('a page without patient data is no-patient-data with its status', async () => {
    expect(await new NoLoginRecheck().run(`${server.url}/no-data`, [])).toEqual({ kind: 'no-patient-data', status: 200 });
  });

  it('401 with WWW-Authenticate: Basic is login-required, basic', async () => {
    expect(await new NoLoginRecheck().run(`${server.url}/basic`, [])).toEqual({ kind: 'login-required', status: 401, scheme: 'basic' });
  });

  it('401 with WWW-Authenticate: Digest is login-required, digest', async () => {
    expect(await new NoLoginRecheck().run(`${server.url}/digest`, [])).toEqual({ kind: 'login-required', status: 401, scheme: 'digest' });
  });

  it('403 without a challenge is login-required with no scheme', async () => {
    expect(await new NoLoginRecheck().run(`${server.url}/forbidden`, [])).toEqual({ kind: 'login-required', status: 403, scheme: null });
  });

  it('a login challenge on a data request settles it: the data requests after it are not made', async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/count?challenge-page`, [`${server.url}/basic?from-data`, `${server.url}/patients?after-challenge`]);
    expect(outcome).toEqual({ kind: 'login-required', status: 401, scheme: 'basic' });
    expect(seen.some((request) => request.url === '/patients?after-challenge')).toBe(false);
  });

  it('a redirect to another port is could-not-verify and is not followed', async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/redirect`, []);
    expect(outcome).toEqual({ kind: 'could-not-verify', reason: 'redirect' });
    expect(requestsTo('/redirect')).toHaveLength(1);
    expect(seenByOther).toEqual([]);
  });

  it('a server that answers after 8 s is could-not-verify, timeout, after about RECHECK_LIMITS.timeoutMs', { timeout: 10_000 }, async () => {
    expect(RECHECK_LIMITS.timeoutMs).toBeLessThan(8_000);
    const started = performance.now();
    const outcome = await new NoLoginRecheck().run(`${server.url}/slow`, []);
    const elapsed = performance.now() - started;
    expect(outcome).toEqual({ kind: 'could-not-verify', reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(RECHECK_LIMITS.timeoutMs - 50);
    expect(elapsed).toBeLessThan(RECHECK_LIMITS.timeoutMs + 1_500);
  });

  it('a streamed answer longer than RECHECK_LIMITS.maxBytes, without Content-Length, is too-large', async () => {
    expect(await new NoLoginRecheck().run(`${server.url}/streamed-huge`, [])).toEqual({ kind: 'could-not-verify', reason: 'too-large' });
  });

  it('an answer that declares a Content-Length over RECHECK_LIMITS.maxBytes is too-large', async () => {
    const started = performance.now();
    expect(await new NoLoginRecheck().run(`${server.url}/declared-huge`, [])).toEqual({ kind: 'could-not-verify', reason: 'too-large' });
    expect(performance.now() - started).toBeLessThan(RECHECK_LIMITS.timeoutMs);
  });

  // A declared size over the limit must close the download, not only give up on reading it.
  it('an answer that declares a Content-Length over RECHECK_LIMITS.maxBytes is cut off: its connection is closed', async () => {
    const before = declaredHugeClosed.length;
    await new NoLoginRecheck().run(`${server.url}/declared-huge?cut-off`, []);
    await expect.poll(() => declaredHugeClosed[before], { timeout: 2_000 }).toBe(true);
  });

  it('a failure followed by an answer without data is no-patient-data', async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/redirect?then-data`, [`${server.url}/count?after-redirect`]);
    expect(outcome).toEqual({ kind: 'no-patient-data', status: 200 });
  });
});

describe('NoLoginRecheck limits', () => {
  it('asks for each URL at most once per instance, across runs', async () => {
    const recheck = new NoLoginRecheck();
    const page = `${server.url}/count?once`;
    const data = `${server.url}/count?once-data`;
    const first = await recheck.run(page, [data]);
    const second = await recheck.run(`${page}#other-view`, [data, data]);
    expect(first).toEqual({ kind: 'no-patient-data', status: 200 });
    expect(second).toEqual(first);
    expect(seen.filter((request) => request.url === '/count?once')).toHaveLength(1);
    expect(seen.filter((request) => request.url === '/count?once-data')).toHaveLength(1);
  });

  it(`makes at most RECHECK_LIMITS.requestsPerPageLoad (${RECHECK_LIMITS.requestsPerPageLoad}) requests in all, however many runs`, async () => {
    const recheck = new NoLoginRecheck();
    const url = (n: number) => `${server.url}/count?limit-${n}`;
    await recheck.run(url(0), [url(1), url(2), url(3), url(4), url(5)]);
    await recheck.run(url(0), [url(6), url(7), url(8)]);
    await recheck.run(url(9), [url(10)]);
    const made = seen.filter((request) => request.url.startsWith('/count?limit-'));
    expect(made).toHaveLength(RECHECK_LIMITS.requestsPerPageLoad);
    expect(made.map((request) => request.url)).toEqual(['/count?limit-0', '/count?limit-1', '/count?limit-2', '/count?limit-3']);
  });

  it('makes no more requests once it found patient data', async () => {
    const recheck = new NoLoginRecheck();
    const first = await recheck.run(`${server.url}/app/explorer.html?settled`, []);
    const second = await recheck.run(`${server.url}/count?after-settled`, [`${server.url}/count?after-settled-data`]);
    expect(second).toEqual(first);
    expect(seen.some((request) => request.url.startsWith('/count?after-settled'))).toBe(false);
  });

  it("patient data from the page request stops counting when the page no longer shows patient data; data from a data request stays", async () => {
    const fromPage = new NoLoginRecheck();
    expect(await fromPage.run(`${server.url}/app/explorer.html?hidden-later`, [])).toMatchObject({ kind: 'patient-data', url: 'page' });
    expect(await fromPage.run(`${server.url}/app/explorer.html?hidden-later`, [], false)).toBeNull();
    expect(await fromPage.run(`${server.url}/app/explorer.html?hidden-later`, [])).toMatchObject({ kind: 'patient-data', url: 'page' });
    const fromData = new NoLoginRecheck();
    expect(await fromData.run(`${server.url}/viewer?stays`, [`${server.url}/patients?stays`], false)).toMatchObject({ kind: 'patient-data', url: 'data-request' });
    expect(await fromData.run(`${server.url}/viewer?stays`, [], false)).toMatchObject({ kind: 'patient-data', url: 'data-request' });
    expect(seen.filter((request) => request.url.startsWith('/app/explorer.html?hidden-later'))).toHaveLength(1);
  });

  it('never requests a data URL of another origin (another port on the same host)', async () => {
    const outcome = await new NoLoginRecheck().run(`${server.url}/ui/app/?cross`, [`${other.url}/patients`]);
    expect(outcome).toEqual({ kind: 'no-patient-data', status: 200 });
    expect(requestsTo('/patients', seenByOther)).toEqual([]);
  });

  it('never requests a page whose data URL only looks alike (http vs https, same host and port)', async () => {
    await new NoLoginRecheck().run(`${server.url}/count?scheme`, [`${server.url.replace('http:', 'https:')}/patients?scheme`]);
    expect(seen.some((request) => request.url === '/patients?scheme')).toBe(false);
  });

  it('sends GET without Cookie or Authorization, even when the page address carries user:password@', async () => {
    const withCredentials = server.url.replace('http://', 'http://jane:secret@');
    await new NoLoginRecheck().run(`${withCredentials}/count?credentials`, [`${server.url}/count?credentials-data`]);
    await new NoLoginRecheck().run(`${server.url}/app/explorer.html?headers`, []);
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.method, request.url).toBe('GET');
      expect(request.headers.cookie, request.url).toBeUndefined();
      expect(request.headers.authorization, request.url).toBeUndefined();
    }
  });
});

describe('chooseDataRequests', () => {
  const page = 'https://pacs.example.org/viewer?StudyInstanceUIDs=1.2.3.4.5';
  const get = (path: string) => ({ method: 'GET', url: `https://pacs.example.org${path}` });

  it('keeps only requests the page made with GET', () => {
    const chosen = chooseDataRequests([get('/dicom-web/studies'), { method: 'POST', url: 'https://pacs.example.org/tools/find' }, { method: 'PUT', url: 'https://pacs.example.org/patients/x' }], page);
    expect(chosen).toEqual(['https://pacs.example.org/dicom-web/studies']);
  });

  it('never an address the page also used with another method', () => {
    expect(chooseDataRequests([get('/api/studies'), { method: 'POST', url: 'https://pacs.example.org/api/studies' }], page)).toEqual([]);
  });

  it('entries a page forged that are no address are dropped, not thrown over', () => {
    const forged = ['not an address', 'http://[broken', '', 'javascript:alert(1)'].flatMap((url) => [{ method: 'GET', url }, { method: 'POST', url }]);
    expect(chooseDataRequests([...forged, get('/dicom-web/studies')], page)).toEqual(['https://pacs.example.org/dicom-web/studies']);
  });

  it('never another origin (another port, another scheme, another host)', () => {
    const requests = ['https://pacs.example.org:8443/patients', 'http://pacs.example.org/patients', 'https://evil.example/patients'].map((url) => ({ method: 'GET', url }));
    expect(chooseDataRequests(requests, page)).toEqual([]);
  });

  it.each([
    '/dicom-web/studies/1.2.3.4.5/series/1.2.3.4.6/instances/1.2.3.4.7/frames/1',
    '/dicom-web/studies/1.2.3.4.5/rendered',
    '/dicom-web/studies/1.2.3.4.5/series/1.2.3.4.6/thumbnail',
    '/dicom-web/bulkdata/abc',
    '/instances/0a1b-2c3d/file',
    '/instances/0a1b-2c3d/preview',
    '/instances/0a1b-2c3d/image-uint8',
    '/wado?requestType=WADO&studyUID=1.2.3.4.5&contentType=application/dicom',
    '/images/slice.png',
    '/exports/study.dcm',
    '/assets/app.js',
  ])('never an image or a file: %s', (path) => {
    expect(chooseDataRequests([get(path)], page)).toEqual([]);
  });

  it('archive data first (DICOMweb, Orthanc, FHIR), newer before older, each address once, without fragment', () => {
    const chosen = chooseDataRequests(
      [get('/locales/en/common.json'), get('/dicom-web/studies?limit=101'), get('/api/settings'), get('/fhir/Patient?_count=10#x'), get('/dicom-web/studies?limit=101')],
      page,
    );
    expect(chosen).toEqual([
      'https://pacs.example.org/dicom-web/studies?limit=101',
      'https://pacs.example.org/fhir/Patient?_count=10',
      'https://pacs.example.org/api/settings',
      'https://pacs.example.org/locales/en/common.json',
    ]);
  });
});

describe('requestsSeenByPage', () => {
  // The page's window, as the content script shares it with the MAIN-world recorder (or a hostile page).
  const page = new EventTarget();
  const globals = globalThis as unknown as Record<'addEventListener' | 'removeEventListener' | 'dispatchEvent', unknown>;
  const answerWith = (detail: unknown): void => {
    const answer = (): void => void page.dispatchEvent(new CustomEvent(ANSWER_EVENT, { detail }));
    page.addEventListener(ASK_EVENT, answer, { once: true });
  };
  beforeAll(() => {
    globals.addEventListener = page.addEventListener.bind(page);
    globals.removeEventListener = page.removeEventListener.bind(page);
    globals.dispatchEvent = page.dispatchEvent.bind(page);
  });
  afterAll(() => {
    delete globals.addEventListener;
    delete globals.removeEventListener;
    delete globals.dispatchEvent;
  });

  it('reads the recorder\'s answer: method and address of each request', () => {
    answerWith(JSON.stringify(['GET https://pacs.example.org/dicom-web/studies?limit=101', 'POST https://pacs.example.org/tools/find']));
    expect(requestsSeenByPage()).toEqual([
      { method: 'GET', url: 'https://pacs.example.org/dicom-web/studies?limit=101' },
      { method: 'POST', url: 'https://pacs.example.org/tools/find' },
    ]);
  });

  it('no recorder: nothing seen, so nothing is repeated', () => {
    expect(requestsSeenByPage()).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['an object instead of text', { entries: ['GET https://pacs.example.org/a'] }],
    ['text that is no JSON', 'GET https://pacs.example.org/a'],
    ['JSON that is no list', '{"GET":"https://pacs.example.org/a"}'],
    ['a list longer than the recorder could have made', JSON.stringify(Array.from({ length: 100_000 }, (_, n) => `GET https://pacs.example.org/${n}`))],
  ])('a forged answer (%s) gives nothing', (_what, detail) => {
    answerWith(detail);
    expect(requestsSeenByPage()).toEqual([]);
  });

  it('keeps only well-formed entries, at most the recorder\'s number', () => {
    answerWith(JSON.stringify([42, null, 'get lower-case', 'GET', 'GET https://pacs.example.org/ok', ...Array.from({ length: NOTED_REQUESTS }, (_, n) => `GET https://pacs.example.org/${n}`)]));
    const seen = requestsSeenByPage();
    expect(seen).toHaveLength(NOTED_REQUESTS);
    expect(seen.every((request) => request.method === 'GET' && request.url.startsWith('https://pacs.example.org/'))).toBe(true);
  });
});
