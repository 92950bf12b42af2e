// Port helpers for the test servers. Everything here talks to 127.0.0.1 only.
import { createServer } from 'node:net';

/** Asks the OS for a free TCP port on 127.0.0.1 and releases it again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      // Why: closing before resolving leaves a tiny race (another process could
      // take the port), but external servers (Orthanc, nginx) need a number up front.
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('freePort: could not read the port'));
      });
    });
  });
}

export interface WaitForHttpOptions {
  timeoutMs: number;
  /** Statuses that count as "up". Default: any HTTP answer counts. */
  acceptStatus?: number[];
  headers?: Record<string, string>;
  /** Stops polling early (e.g. when the server process has exited). */
  signal?: AbortSignal;
  intervalMs?: number;
}

/** Polls `url` until the server answers; resolves with the final status. */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<number> {
  const { timeoutMs, acceptStatus, headers, signal, intervalMs = 150 } = options;
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt yet';
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error(`waitForHttp ${url}: aborted (${String(signal.reason)})`);
    try {
      const response = await fetch(url, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.any([
          AbortSignal.timeout(Math.max(200, Math.min(2000, deadline - Date.now()))),
          ...(signal ? [signal] : []),
        ]),
      });
      await response.arrayBuffer(); // drain, so the socket is released
      if (!acceptStatus || acceptStatus.includes(response.status)) return response.status;
      last = `status ${response.status}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`waitForHttp ${url}: no acceptable answer within ${timeoutMs} ms (last: ${last})`);
}

/** What every test server returns. */
export interface RunningServer {
  /** http(s)://127.0.0.1:PORT, no trailing slash */
  url: string;
  port: number;
  /** Stops the server and removes its temp files. Safe to call twice. */
  stop(): Promise<void>;
}
