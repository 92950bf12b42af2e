// A throw-away Orthanc (Debian's /usr/sbin/Orthanc 1.10.1) with its own config and storage.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { freePort, waitForHttp, type RunningServer } from './ports.js';
import { makeTempDir, startProcess, waitUntilReady } from './processes.js';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';

export interface OrthancOptions {
  authentication: boolean;
  /** user → password. With authentication and no users, `orthanc`/`orthanc` is registered. */
  users?: Record<string, string>;
  /** Startup limit; default 20 s. */
  timeoutMs?: number;
  /** Absolute paths of plugin .so files to load (e.g. the DICOMweb plugin); default none. */
  plugins?: string[];
}

export interface OrthancServer extends RunningServer {
  /** The first registered user, or null without authentication. */
  credentials: { user: string; password: string } | null;
  /** Headers to send on every request (Basic auth when enabled, else empty). */
  headers: Record<string, string>;
  /** POSTs each file to /instances, checks the patients appear; returns the instance IDs. */
  upload(files: string[]): Promise<string[]>;
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function startOrthanc(options: OrthancOptions): Promise<OrthancServer> {
  const dir = await makeTempDir('orthanc');
  const port = await freePort();
  const users = options.authentication ? (options.users ?? { orthanc: 'orthanc' }) : (options.users ?? {});
  const config = {
    Name: `PortalCheckupTest-${basename(dir)}`,
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: port,
    // As the open archives of 2019 were set up (and as the issue asks): remote access on.
    // Orthanc 1.10.1 has no bind-address option, so it listens on all interfaces for the
    // test's lifetime; the data is synthetic and every test request goes to 127.0.0.1.
    RemoteAccessAllowed: true,
    AuthenticationEnabled: options.authentication,
    RegisteredUsers: users,
    // Only the plugins a test asks for, not all of Debian's /usr/share/orthanc/plugins: faster,
    // predictable startup.
    Plugins: options.plugins ?? [],
    // No DICOM listener at all; the port is still set so the default 4242 is never used.
    DicomServerEnabled: false,
    DicomPort: await freePort(),
    SaveJobs: false,
    ConcurrentJobs: 1,
    HttpThreadsCount: 10,
  };
  const configPath = join(dir, 'orthanc.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const logFile = join(dir, 'orthanc.log');
  const handle = startProcess(ORTHANC_BINARY, [`--logfile=${logFile}`, configPath], {
    name: 'Orthanc',
    cwd: dir,
    tempDirs: [dir],
    logFiles: [logFile],
  });

  const url = `http://127.0.0.1:${port}`;
  const [first] = Object.entries(users);
  const credentials = options.authentication && first ? { user: first[0], password: first[1] } : null;
  const headers: Record<string, string> = credentials
    ? { Authorization: basicAuthHeader(credentials.user, credentials.password) }
    : {};

  await waitUntilReady(handle, (signal) =>
    waitForHttp(`${url}/system`, { timeoutMs: options.timeoutMs ?? 20_000, acceptStatus: [200], headers, signal }),
  );

  async function upload(files: string[]): Promise<string[]> {
    const ids: string[] = [];
    const patientIds = new Set<string>();
    for (const file of files) {
      const response = await fetch(`${url}/instances`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/dicom' },
        body: await readFile(file),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Orthanc upload of ${file} failed: ${response.status} ${text}`);
      const answer = JSON.parse(text) as { ID: string; ParentPatient: string; Status: string };
      ids.push(answer.ID);
      patientIds.add(answer.ParentPatient);
    }
    const response = await fetch(`${url}/patients`, { headers });
    const known = (await response.json()) as string[];
    const missing = [...patientIds].filter((id) => !known.includes(id));
    if (missing.length > 0) throw new Error(`Orthanc upload: patients missing after upload: ${missing.join(', ')}`);
    return ids;
  }

  return { url, port, credentials, headers, upload, stop: () => handle.stop() };
}
