// OHIF Viewer v3 as a clinic deploys it: the static build from npm `@ohif/app` (its dist/), served by
// nginx, with app-config.js pointing at one DICOMweb data source on the same origin, /dicom-web, which
// nginx proxies to an open Orthanc with Debian's DICOMweb plugin. Plain http, no login: an open archive.
//
// Why not a dependency: @ohif/app pulls a large tree, and only its ready-made dist/ is needed. The tarball
// is fetched with `npm pack` into a cache folder on first use (about 50 MB, a few seconds), checked
// against the registry's integrity for the pinned version, and unpacked once; later starts reuse both.
//
// Nothing the page loads comes from outside 127.0.0.1: the config written here names only same-origin
// paths, OHIF's dist/ has no external fonts or analytics in index.html or its CSS, its service-worker
// script registers nothing in a window (it unregisters old workers), and nginx serves only the dist.
// tests/fixtures/capture-real-products.ts logs every request the page makes to prove it.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makeDicomFiles, SYNTHETIC_PATIENTS, type SyntheticPatient } from './dicom.js';
import { NGINX_BINARY, nginxPrelude, quoteForNginx } from './nginx.js';
import { findDicomWebPlugin, startOrthanc, type OrthancServer } from './orthanc.js';
import { freePort, waitForHttp, type RunningServer } from './ports.js';
import { makeTempDir, startProcess, waitUntilReady } from './processes.js';

const run = promisify(execFile);

export const OHIF_PACKAGE = '@ohif/app';
export const OHIF_VERSION = '3.13.2';
/** The registry's `dist.integrity` of @ohif/app@3.13.2: a cached or fetched tarball must match it. */
export const OHIF_INTEGRITY = 'sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA==';
const TARBALL = `ohif-app-${OHIF_VERSION}.tgz`;

/** Default cache: node_modules/.cache/portal-checkup (ignored by git, gone with node_modules); PORTAL_CHECKUP_CACHE overrides. */
export const DEFAULT_CACHE_DIR = process.env.PORTAL_CHECKUP_CACHE ?? resolve(import.meta.dirname, '../../../node_modules/.cache/portal-checkup');

function integrityOf(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

async function fetchTarball(cacheDir: string): Promise<string> {
  const tarball = join(cacheDir, TARBALL);
  if (existsSync(tarball) && integrityOf(await readFile(tarball)) === OHIF_INTEGRITY) return tarball;
  await rm(tarball, { force: true });
  // Packed into a private folder first, so a second test process never sees a half-written file.
  const scratch = await mkdtemp(join(cacheDir, '.pack-'));
  try {
    try {
      await run('npm', ['pack', `${OHIF_PACKAGE}@${OHIF_VERSION}`, '--pack-destination', scratch, '--loglevel=error', '--no-fund', '--no-audit'], {
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '').slice(-2000);
      throw new Error(
        `startOhif: could not fetch ${OHIF_PACKAGE}@${OHIF_VERSION} with npm pack (needs the npm registry once; later runs use the cache in ${cacheDir}): ${(error as Error).message}\n${stderr}`,
      );
    }
    const packed = join(scratch, TARBALL);
    if (!existsSync(packed)) throw new Error(`startOhif: npm pack ran but left no ${TARBALL} in ${scratch}`);
    const integrity = integrityOf(await readFile(packed));
    if (integrity !== OHIF_INTEGRITY) throw new Error(`startOhif: ${TARBALL} has integrity ${integrity}, expected ${OHIF_INTEGRITY}`);
    await rename(packed, tarball);
    return tarball;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The unpacked dist/ of the pinned @ohif/app, fetched and unpacked on first use, then reused.
 * The folder is shared and never changed: the test's own app-config.js is served from elsewhere.
 */
export async function ensureOhifDist(cacheDir: string = DEFAULT_CACHE_DIR): Promise<string> {
  const target = join(cacheDir, `ohif-app-${OHIF_VERSION}`);
  const dist = join(target, 'dist');
  // The marker is written last: a folder without it is an interrupted unpack.
  if (existsSync(join(target, '.complete')) && existsSync(join(dist, 'index.html'))) return dist;
  await mkdir(cacheDir, { recursive: true });
  const tarball = await fetchTarball(cacheDir);
  const scratch = await mkdtemp(join(cacheDir, '.unpack-'));
  try {
    try {
      await run('tar', ['-xzf', tarball, '-C', scratch, '--strip-components=1', 'package/dist'], { timeout: 120_000 });
    } catch (error) {
      throw new Error(`startOhif: could not unpack ${tarball}: ${(error as Error).message}`);
    }
    if (!existsSync(join(scratch, 'dist', 'index.html'))) throw new Error(`startOhif: ${tarball} has no dist/index.html`);
    await writeFile(join(scratch, '.complete'), `${OHIF_PACKAGE}@${OHIF_VERSION} ${OHIF_INTEGRITY}\n`);
    // Another process may have finished meanwhile (and may be serving it): never replace a complete copy.
    if (existsSync(join(target, '.complete'))) return dist;
    await rm(target, { recursive: true, force: true });
    try {
      await rename(scratch, target);
    } catch (error) {
      // Another process finished first: use its copy.
      if (!existsSync(join(target, '.complete'))) throw error;
    }
    return dist;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * OHIF's app-config.js for one DICOMweb source at /dicom-web on the page's own origin, set as OHIF's
 * documentation sets it up for Orthanc. Relative roots: the data goes wherever the page came from.
 */
export function ohifAppConfig(): string {
  return `// Written by the Portal Checkup tests (tests/harness/servers/ohif.ts): one open DICOMweb archive on this origin.
window.config = {
  routerBasename: null,
  extensions: [],
  modes: [],
  customizationService: {},
  showStudyList: true,
  maxNumberOfWebWorkers: 2,
  showWarningMessageForCrossOrigin: false,
  showCPUFallbackMessage: false,
  showLoadingIndicator: true,
  strictZSpacingForVolumeViewport: true,
  defaultDataSourceName: 'orthanc',
  dataSources: [
    {
      namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
      sourceName: 'orthanc',
      configuration: {
        friendlyName: 'Clinic archive',
        name: 'orthanc',
        wadoUriRoot: '/wado',
        qidoRoot: '/dicom-web',
        wadoRoot: '/dicom-web',
        qidoSupportsIncludeField: false,
        supportsReject: false,
        imageRendering: 'wadors',
        thumbnailRendering: 'wadors',
        enableStudyLazyLoad: true,
        supportsFuzzyMatching: false,
        supportsWildcard: true,
        staticWado: false,
        singlepart: 'bulkdata,video',
        bulkDataURI: { enabled: true, relativeResolution: 'studies' },
        omitQuotationForMultipartRequest: true,
      },
    },
  ],
};
`;
}


export interface OhifStudy {
  patient: SyntheticPatient;
  studyInstanceUid: string;
}

export interface OhifOptions {
  /** An Orthanc started with the DICOMweb plugin (startOrthanc({ plugins: [findDicomWebPlugin()] })), kept running on stop. Default: one of its own, with `patients` uploaded, stopped on stop. */
  orthanc?: OrthancServer;
  /** Patients uploaded to the Orthanc this starts itself, one study each. Default SYNTHETIC_PATIENTS. */
  patients?: readonly SyntheticPatient[];
  /** Where the tarball and the unpacked dist/ are kept. Default DEFAULT_CACHE_DIR. */
  cacheDir?: string;
  /** Startup limit for each server; default 20 s. */
  timeoutMs?: number;
  /**
   * More loopback addresses (127.x.y.z) nginx also listens on, same port. Each is another origin, so a
   * browser has nothing of it in its HTTP cache: a first load there is an uncached load.
   */
  extraAddresses?: string[];
  /** Extra files served at exact paths on the same origin (path → content), e.g. a portal page framing `/`. */
  extraPages?: Record<string, { body: string; contentType?: string }>;
}

export interface OhifServer extends RunningServer {
  /** The Orthanc behind /dicom-web/ (its own url is another port). */
  orthanc: OrthancServer;
  /** The studies in the archive, with the patient each belongs to (from Orthanc's REST answers). */
  studies: OhifStudy[];
  /** The study list: `${url}/`. */
  studyListUrl: string;
  /** The link a patient is sent for one study: `${url}/viewer?StudyInstanceUIDs=<uid>`. */
  viewerUrl(studyInstanceUid: string): string;
  /** The unpacked @ohif/app dist/ being served. */
  distDir: string;
  /** `http://<address>:<port>` for 127.0.0.1 or one of options.extraAddresses. */
  urlFor(address: string): string;
}

async function studiesIn(orthanc: OrthancServer, patients: readonly SyntheticPatient[]): Promise<OhifStudy[]> {
  const response = await fetch(`${orthanc.url}/studies?expand`, { headers: orthanc.headers });
  if (!response.ok) throw new Error(`startOhif: Orthanc /studies?expand answered ${response.status}`);
  const studies = (await response.json()) as Array<{ MainDicomTags: { StudyInstanceUID: string }; PatientMainDicomTags: { PatientID: string } }>;
  return studies.map((study) => {
    const patient = patients.find((candidate) => candidate.id === study.PatientMainDicomTags.PatientID);
    if (!patient) throw new Error(`startOhif: the archive holds patient ${study.PatientMainDicomTags.PatientID}, not one of options.patients`);
    return { patient, studyInstanceUid: study.MainDicomTags.StudyInstanceUID };
  });
}

const LOOPBACK = /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;

export async function startOhif(options: OhifOptions = {}): Promise<OhifServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const addresses = ['127.0.0.1', ...(options.extraAddresses ?? []).filter((address) => address !== '127.0.0.1')];
  const notLoopback = addresses.filter((address) => !LOOPBACK.test(address));
  if (notLoopback.length > 0) throw new Error(`startOhif: extraAddresses must be loopback (127.x.y.z): ${notLoopback.join(', ')}`);
  const extraPages = Object.entries(options.extraPages ?? {});
  const badPath = extraPages.find(([path]) => !/^\/[A-Za-z0-9._\/-]*$/.test(path));
  if (badPath) throw new Error(`startOhif: extraPages path ${badPath[0]} must be a plain absolute path`);
  const badType = extraPages.find(([, page]) => page.contentType !== undefined && !/^[a-z]+\/[a-z0-9.+-]+$/i.test(page.contentType));
  if (badType) throw new Error(`startOhif: extraPages ${badType[0]} has an unusable content type ${badType[1].contentType}`);
  const distDir = await ensureOhifDist(options.cacheDir);

  let ownOrthanc: OrthancServer | undefined;
  let orthanc = options.orthanc;
  if (!orthanc) {
    ownOrthanc = orthanc = await startOrthanc({ authentication: false, plugins: [findDicomWebPlugin()], timeoutMs });
    const dicomDir = await makeTempDir('ohif-dicom');
    try {
      await orthanc.upload(await makeDicomFiles(dicomDir, options.patients ?? SYNTHETIC_PATIENTS));
    } catch (error) {
      await orthanc.stop();
      throw error;
    } finally {
      await rm(dicomDir, { recursive: true, force: true });
    }
  }

  try {
    const probe = await fetch(`${orthanc.url}/dicom-web/studies`, { headers: orthanc.headers });
    await probe.arrayBuffer();
    if (!probe.ok) throw new Error(`startOhif: ${orthanc.url}/dicom-web/studies answered ${probe.status}: is the DICOMweb plugin loaded?`);
    const studies = await studiesIn(orthanc, options.patients ?? SYNTHETIC_PATIENTS);

    const dir = await makeTempDir('ohif-nginx');
    const port = await freePort();
    const at = (name: string): string => quoteForNginx(join(dir, name));
    await writeFile(join(dir, 'app-config.js'), ohifAppConfig());
    const pageLocations: string[] = [];
    for (const [index, [path, page]] of extraPages.entries()) {
      const file = `extra-${index}`;
      await writeFile(join(dir, file), page.body);
      pageLocations.push(`location = ${path} { default_type ${page.contentType ?? 'text/html'}; types { } alias ${at(file)}; }`);
    }
    // nginxPrelude keeps every path in `dir`. More connections than nginx.ts: OHIF loads many files and
    // frames at once, and each proxied request holds two.
    const conf = `
${nginxPrelude(dir, 512)}
  # The types OHIF's dist/ has (wasm must be application/wasm for streaming compilation).
  types {
    text/html html; application/javascript js mjs; text/css css; application/json json jsonc webapp;
    application/wasm wasm; image/png png; image/svg+xml svg; image/x-icon ico; font/woff2 woff2;
    application/xml xml; text/plain txt;
  }
  default_type application/octet-stream;
  server {
    ${addresses.map((address) => `listen ${address}:${port};`).join('\n    ')}
    server_name localhost;
    root ${quoteForNginx(distDir)};
    ${pageLocations.join('\n    ')}
    # The test's configuration, not the one in the (shared, unchanged) dist/.
    location = /app-config.js { alias ${at('app-config.js')}; }
    # The open archive on the same origin. Host passed on so Orthanc's absolute URLs point here.
    location /dicom-web/ {
      proxy_pass http://127.0.0.1:${orthanc.port}/dicom-web/;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_read_timeout 60s;
    }
    location /wado {
      proxy_pass http://127.0.0.1:${orthanc.port}/wado;
      proxy_set_header Host $http_host;
    }
    # A single-page app: /viewer, /viewer?StudyInstanceUIDs=… and other routes get index.html.
    location / { try_files $uri /index.html; }
  }
}
`;
    const confPath = join(dir, 'nginx.conf');
    await writeFile(confPath, conf);
    const errorLog = join(dir, 'error.log');
    const handle = startProcess(NGINX_BINARY, ['-p', `${dir}/`, '-c', confPath, '-e', errorLog], {
      name: 'nginx (OHIF)',
      cwd: dir,
      tempDirs: [dir],
      logFiles: [errorLog],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(handle, (signal) => waitForHttp(`${url}/app-config.js`, { timeoutMs, acceptStatus: [200], signal }));
    const proxied = await fetch(`${url}/dicom-web/studies`);
    const answer = await proxied.text();
    if (!proxied.ok) {
      await handle.stop();
      throw new Error(`startOhif: ${url}/dicom-web/studies through nginx answered ${proxied.status}: ${answer.slice(0, 500)}`);
    }

    return {
      url,
      port,
      orthanc,
      studies,
      distDir,
      studyListUrl: `${url}/`,
      viewerUrl: (studyInstanceUid) => `${url}/viewer?StudyInstanceUIDs=${encodeURIComponent(studyInstanceUid)}`,
      urlFor(address) {
        if (!addresses.includes(address)) throw new Error(`startOhif: not listening on ${address} (add it to extraAddresses)`);
        return `http://${address}:${port}`;
      },
      async stop() {
        await handle.stop();
        await ownOrthanc?.stop();
      },
    };
  } catch (error) {
    await ownOrthanc?.stop();
    throw error;
  }
}
