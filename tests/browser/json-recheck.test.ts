// The re-check repeats the page's own JSON data requests, but only those the page made with GET, in
// real Chromium and Firefox with the built extension (the MAIN-world note-request-methods script and
// the content script), against a node server on 127.0.0.1 that logs every request.
//  - A study list that shows no patient yet, and loads its patients as DICOMweb JSON with
//    XMLHttpRequest GET (as OHIF does), then 100 image frames: the re-check asks the same study list
//    address without the cookie (no frame) and finds the patients → no-login and many-patients.
//  - The same list loading its patients with POST (fetch, and XMLHttpRequest): those addresses are
//    never asked again, though the server would answer a GET with patient data.

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingIds, launchBrowser, waitForReport, type BrowserName, type ExtensionBrowser } from '../harness/browser.js';
import { startHttpServer, type RunningServer } from '../harness/servers/index.js';

const ANSWERS = join(import.meta.dirname, '../fixtures/answers');
// Real answers of Orthanc 1.10.1 and its DICOMweb plugin over the three synthetic patients.
const QIDO_STUDIES = readFileSync(join(ANSWERS, 'dicomweb/studies-ohif.json'), 'utf8');
const ORTHANC_STUDIES = readFileSync(join(ANSWERS, 'orthanc/studies-expand.json'), 'utf8');
const QIDO_PATH = '/dicom-web/studies?limit=101&offset=0&fuzzymatching=false&includefield=00081030%2C00080060';

// An empty study list: its columns make it look medical; its rows never appear (the data stays in JS).
const studyList = (script: string): string => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Study List</title></head>
<body><h1>Study List</h1>
<table><thead><tr><th>Patient Name</th><th>Patient ID</th><th>Study Date</th><th>Modality</th></tr></thead><tbody></tbody></table>
<p id="status">Loading…</p>
<script>
const done = (what) => { document.body.dataset[what] = 'loaded'; };
${script}
</script></body></html>`;

const GET_PAGE = studyList(`
const xhr = new XMLHttpRequest();
xhr.open('GET', ${JSON.stringify(QIDO_PATH)});
xhr.setRequestHeader('Accept', 'application/dicom+json');
xhr.onload = () => {
  done('studies');
  // Then the images, as a viewer asks them: far more frames than the recorder keeps entries.
  for (let frame = 1; frame <= 100; frame++) fetch('/dicom-web/studies/1.2.3.4.5/series/1.2.3.4.6/instances/1.2.3.4.7/frames/' + frame);
};
xhr.send();
`);

const POST_PAGE = studyList(`
fetch('/api/find', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"Level":"Study","Query":{},"Expand":true}' }).then(() => done('find'));
const xhr = new XMLHttpRequest();
xhr.open('post', '/api/find-xhr');
xhr.onload = () => done('findXhr');
xhr.send('{"Level":"Patient"}');
fetch(new Request('/api/find-request', { method: 'POST', body: '{}' })).then(() => done('findRequest'));
fetch('/api/settings').then(() => done('settings'));
`);

interface LoggedRequest {
  method: string;
  path: string;
  /** The page's own requests carry the session cookie; the re-check's never do. */
  withCookie: boolean;
}

const log: LoggedRequest[] = [];

function route(status: number, contentType: string, body: string, extraHeaders: Record<string, string> = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    log.push({ method: req.method ?? '', path: req.url ?? '', withCookie: (req.headers.cookie ?? '').includes('session=') });
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', ...extraHeaders });
    res.end(body);
  };
}

let server: RunningServer;

beforeAll(async () => {
  const html = (body: string) => route(200, 'text/html; charset=utf-8', body, { 'Set-Cookie': 'session=clinic-session; Path=/; SameSite=Lax' });
  server = await startHttpServer(
    {},
    {
      routes: {
        '/get-list': html(GET_PAGE),
        '/post-list': html(POST_PAGE),
        '/dicom-web/studies': route(200, 'application/dicom+json', QIDO_STUDIES),
        // Answers patient data to any method: a GET repeat of the POST would come back with patients.
        '/api/find': route(200, 'application/json', ORTHANC_STUDIES),
        '/api/find-xhr': route(200, 'application/json', ORTHANC_STUDIES),
        '/api/find-request': route(200, 'application/json', ORTHANC_STUDIES),
        '/api/settings': route(200, 'application/json', '{"theme":"dark","language":"en"}'),
      },
    },
  );
});

afterAll(async () => {
  await server?.stop();
});

const requestsTo = (path: string): LoggedRequest[] => log.filter((request) => new URL(request.path, 'http://x').pathname === path);

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; requests: ${JSON.stringify(log)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe.each<BrowserName>(['chromium', 'firefox'])('%s', (name) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchBrowser(name);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a study list that loads its patients as DICOMweb JSON with GET: the re-check repeats that GET without the cookie → no-login, many-patients', async () => {
    log.length = 0;
    const tab = await browser.open(`${server.url}/get-list`);
    const report = await waitForReport(browser, tab.tabId, (candidate) => findingIds(candidate).includes('no-login'));
    expect(findingIds(report)).toEqual(expect.arrayContaining(['no-login', 'many-patients', 'plain-http']));
    expect(report.verdict).toBe('danger');
    expect(report.findings.find((finding) => finding.id === 'no-login')?.evidence).toContain('DICOMweb data (DICOM JSON) with 3 patient record(s)');
    expect(report.findings.find((finding) => finding.id === 'many-patients')?.evidence).toBe('3 different patients on the page');
    const studies = requestsTo('/dicom-web/studies');
    // The page's own request (with its cookie), then the re-check's (without), both GET, same address.
    expect(studies.filter((request) => request.withCookie)).toHaveLength(1);
    expect(studies.filter((request) => !request.withCookie).map((request) => [request.method, request.path])).toEqual([['GET', QIDO_PATH]]);
    // The page itself shows no patient record, so it is not asked again: only the browser loaded it.
    expect(requestsTo('/get-list')).toHaveLength(1);
    await tab.close();
  });

  it('a study list that loads its patients with POST: the POST addresses are never asked again, only its GET request is', async () => {
    log.length = 0;
    const tab = await browser.open(`${server.url}/post-list`);
    // The re-check ran: it repeated the page's one GET data request without the cookie.
    await until(() => requestsTo('/api/settings').some((request) => !request.withCookie), 'the re-check of /api/settings');
    const report = await waitForReport(browser, tab.tabId, (candidate) => candidate.loginCheck !== null);
    // Time for any further pass of the re-check.
    await new Promise((done) => setTimeout(done, 2_000));
    for (const path of ['/api/find', '/api/find-xhr', '/api/find-request']) {
      // The page's own POST went through unchanged, once; nothing else ever asked this address.
      expect(requestsTo(path), path).toEqual([{ method: 'POST', path, withCookie: true }]);
    }
    expect(report.loginCheck).toBe('no-patient-data');
    expect(findingIds((await browser.readReport(tab.tabId))!)).not.toContain('no-login');
    await tab.close();
  });
});
