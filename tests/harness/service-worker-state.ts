// The extension's service worker as Chromium's DevTools see it: running or stopped, and every change, from a
// DevTools session on one of the extension's own pages (which sees the workers of the extension's storage
// partition). Stopping it with ServiceWorker.stopAllWorkers is what Chromium does to an idle worker.

import type { CDPSession } from 'playwright-core';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface ServiceWorkerState {
  /** Every running status the worker went through since the watch began ("starting", "running", "stopping", "stopped"). */
  readonly statuses: readonly string[];
  /** Waits until the worker's last status is `status`. */
  until(status: string, timeoutMs?: number): Promise<void>;
  /** Stops the worker (once it is running) and waits until it has stopped. */
  stop(): Promise<void>;
}

export async function watchServiceWorker(session: CDPSession, extensionOrigin: string): Promise<ServiceWorkerState> {
  const statuses: string[] = [];
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith(extensionOrigin)) statuses.push(version.runningStatus);
  });
  await session.send('ServiceWorker.enable');
  const until = async (status: string, timeoutMs = 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (statuses.at(-1) !== status) {
      if (Date.now() > deadline) throw new Error(`the service worker is ${statuses.at(-1) ?? 'unknown'}, not ${status}`);
      await sleep(100);
    }
  };
  return {
    statuses,
    until,
    async stop() {
      await until('running');
      await session.send('ServiceWorker.stopAllWorkers');
      await until('stopped');
    },
  };
}
