// Child-process handling for the test servers: start, capture output, stop,
// and make sure nothing outlives the test process.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHttp, type RunningServer } from './ports.js';

const OUTPUT_LIMIT = 64 * 1024;
const TAIL_CHARS = 4000;
const KILL_AFTER_MS = 3000;

export interface StartProcessOptions {
  /** Shown in error messages; defaults to the command. */
  name?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Directories removed (recursively) when the process is stopped. */
  tempDirs?: string[];
  /** Log files the server writes itself; their tails go into error messages. */
  logFiles?: string[];
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ProcessHandle {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves when the process has exited (or failed to spawn). */
  readonly exited: Promise<ExitInfo>;
  /** Captured stdout + stderr (last 64 KB). */
  output(): string;
  /** Tail of the captured output and of the log files, for error messages. */
  logTail(): Promise<string>;
  /** SIGTERM, then SIGKILL after 3 s; waits for exit; removes the temp dirs. Idempotent. */
  stop(): Promise<void>;
}

// Every process not yet stopped, so an exiting test process can kill it and
// remove its temp dirs (even when the server died on its own).
const live = new Set<{ child: ChildProcess; tempDirs: string[] }>();
let exitHooksInstalled = false;

function killAllSync(): void {
  for (const entry of live) {
    if (entry.child.exitCode === null && entry.child.signalCode === null) {
      try {
        entry.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of entry.tempDirs) rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' covers normal ends, process.exit() and uncaught exceptions; only
  // synchronous work is possible there, hence SIGKILL + rmSync.
  process.once('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllSync();
      process.removeListener(signal, onSignal);
      // Why: a listener disables Node's default "die on signal". If nobody else
      // handles the signal, re-raise it so the process still ends as expected.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
  // Not covered: a SIGKILL of the test process itself. Nothing can run then.
}

/** A fresh directory under os.tmpdir(); pass it to startProcess({tempDirs}) to have it removed. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `portal-checkup-${label}-`));
}

async function fileTail(path: string): Promise<string> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const length = Math.min(size, TAIL_CHARS);
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return '(no log file)';
  }
}

export function startProcess(cmd: string, args: string[], opts: StartProcessOptions = {}): ProcessHandle {
  installExitHooks();
  const name = opts.name ?? cmd;
  const tempDirs = opts.tempDirs ?? [];
  const logFiles = opts.logFiles ?? [];
  // stdin is ignored: no server here reads it, and a pipe could keep it waiting.
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { child, tempDirs };
  live.add(entry);

  let captured = '';
  const capture = (chunk: Buffer): void => {
    captured += chunk.toString('utf8');
    if (captured.length > OUTPUT_LIMIT) captured = captured.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);

  const exited = new Promise<ExitInfo>((resolve) => {
    // Why both: on spawn failure (ENOENT) Node may emit 'error' without 'exit'.
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      live.delete(entry);
      await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    })();
    return stopping;
  };

  return {
    name,
    pid: child.pid,
    exited,
    output: () => captured,
    async logTail() {
      const parts = [`[${name} stdout/stderr]\n${captured.slice(-TAIL_CHARS) || '(empty)'}`];
      for (const file of logFiles) parts.push(`[${file}]\n${await fileTail(file)}`);
      return parts.join('\n');
    },
    stop,
  };
}

export function describeExit(info: ExitInfo): string {
  if (info.error) return `failed to start: ${info.error.message}`;
  return info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
}

/**
 * Runs `probe` until it resolves, but fails fast when the process exits.
 * On failure the process is stopped and the error carries the server's log tail.
 */
export async function waitUntilReady(handle: ProcessHandle, probe: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const controller = new AbortController();
  const died = handle.exited.then((info) => {
    controller.abort(new Error(`${handle.name} ${describeExit(info)}`));
    throw new Error(`${handle.name} ${describeExit(info)} before it was ready`);
  });
  try {
    await Promise.race([probe(controller.signal), died]);
  } catch (error) {
    const tail = await handle.logTail();
    await handle.stop();
    throw new Error(`${handle.name} did not start: ${(error as Error).message}\n--- log tail ---\n${tail}`);
  } finally {
    died.catch(() => undefined); // the race loser must not become an unhandled rejection
  }
}

/**
 * Starts a web server's process that listens on 127.0.0.1:`port`, and settles once its root answers
 * (or fails with the process's own words if it exits first). stop() ends it and removes its temp dirs.
 */
export async function startWebServerProcess(cmd: string, args: string[], opts: StartProcessOptions, port: number, timeoutMs = 20_000): Promise<RunningServer> {
  const handle = startProcess(cmd, args, opts);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(handle, (signal) => waitForHttp(`${url}/`, { timeoutMs, signal }));
  return { url, port, stop: () => handle.stop() };
}
