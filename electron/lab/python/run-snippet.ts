/**
 * Runs a demo's Python for real: the snippet is written to a private temporary folder (as a file, so
 * multiprocessing's spawn can re-import it) and run by the chosen interpreter under a time limit, with its
 * output captured and bounded. A snippet that never ends (the deadlock) is stopped at its limit, with its
 * whole process group, and the result says so. It runs under the py-* models' driver (`driver.py --snippet`),
 * which holds the same lifeline as their jobs: if this process dies without a word (SIGKILL), its stdin pipe
 * closes and its parent changes, and the driver kills the snippet's process group rather than leave it
 * running with no time limit left to stop it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DemoPythonRun, SnippetResult } from '../../common/api-types';
import { demoMeta, type DemoId } from '../../common/demos';
import type { Discovery } from './discover';
import { defaultDriverPath, type InterpreterCommand } from './interpreter-process';
import { interpreterInfo } from './selection';

export type { SnippetResult } from '../../common/api-types';

export const DEFAULT_SNIPPET_LIMIT_MS = 30_000;
/** Per stream: enough for every snippet's output, small enough that a runaway print cannot flood the UI. */
export const DEFAULT_SNIPPET_OUTPUT_BYTES = 64 * 1024;

/** Demos whose Python never ends by itself: they get a short limit, and reaching it is their outcome. */
export const SNIPPET_ENDS_BY_TIMEOUT: Partial<Record<DemoId, number>> = { deadlock: 6_000 };

export interface SnippetOptions {
  readonly python: InterpreterCommand;
  readonly timeLimitMs?: number;
  readonly maxOutputBytes?: number;
  readonly signal?: AbortSignal;
  /** the Python driver that runs the snippet (default: the bundled one) */
  readonly driverPath?: string;
}

class Bounded {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly max: number) {}
  add(chunk: Buffer): void {
    const room = this.max - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function summarise(r: Omit<SnippetResult, 'summary'>): string {
  const took = `${Math.round(r.wallMs)} ms`;
  if (r.cancelled) return `cancelled after ${took}`;
  if (r.timedOut) return `did not finish: stopped at its ${r.timeLimitMs} ms time limit`;
  if (r.signal) return `killed by ${r.signal} after ${took}`;
  return r.exitCode === 0 ? `finished in ${took}` : `exited with code ${r.exitCode} after ${took}`;
}

export async function runSnippet(code: string, options: SnippetOptions): Promise<SnippetResult> {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_SNIPPET_LIMIT_MS;
  const max = options.maxOutputBytes ?? DEFAULT_SNIPPET_OUTPUT_BYTES;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-snippet-'));
  try {
    // Named so it shadows no module a snippet imports (a file called queue.py would).
    const file = path.join(dir, 'threadlab_snippet.py');
    await writeFile(file, code, 'utf8');
    const posix = process.platform !== 'win32';
    const started = performance.now();
    const driver = options.driverPath ?? defaultDriverPath();
    const args = [...(options.python.args ?? []), '-B', driver, '--snippet', file];
    const child = spawn(options.python.executable, args, {
      cwd: dir,
      // stdin is the driver's lifeline: nothing is written, and it closes when this process ends.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Unbuffered, so output printed before a time limit is not lost with the process.
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
      detached: posix,
      windowsHide: true,
    });
    child.stdin.on('error', () => undefined); // EPIPE once the snippet is gone; its exit reports it
    const out = new Bounded(max);
    const err = new Bounded(max);
    child.stdout.on('data', (c: Buffer) => out.add(c));
    child.stderr.on('data', (c: Buffer) => err.add(c));
    let timedOut = false;
    let cancelled = false;
    const stop = () => {
      // A child that never started has no pid, and its kill() would go to pid 0: this process's own group.
      if (child.pid === undefined) return;
      try {
        // The whole group: a snippet's multiprocessing children go with it.
        if (posix) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeLimitMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => {
      child.once('error', (e) => {
        err.add(Buffer.from(`${e.message}\n`));
        resolve([null, null]);
      });
      child.once('close', (code, sig) => resolve([code, sig]));
    });
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // A daemon grandchild may still hold the group; the snippet's run is over, so is the group.
    stop();
    child.stdin.destroy();
    const result = {
      exitCode,
      signal,
      timedOut,
      cancelled,
      timeLimitMs,
      wallMs: performance.now() - started,
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.truncated || err.truncated,
    };
    return { ...result, summary: summarise(result) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A demo's Python run by the first interpreter found, under the demo's time limit: what the CLI's
 * `lab demo X --python` and the app's "Run the Python" both do. The reason instead when there is no Python.
 */
export async function runDemoSnippet(
  id: DemoId,
  discovery: Discovery,
  signal?: AbortSignal,
): Promise<DemoPythonRun> {
  const python = discovery.found[0];
  if (!python) return { ran: false, id, reason: discovery.reason ?? 'no Python found' };
  const endsAtMs = SNIPPET_ENDS_BY_TIMEOUT[id];
  const result = await runSnippet(demoMeta(id).python, {
    python,
    timeLimitMs: endsAtMs ?? DEFAULT_SNIPPET_LIMIT_MS,
    ...(signal ? { signal } : {}),
  });
  return {
    ran: true,
    id,
    interpreter: interpreterInfo(python),
    endsByTimeout: endsAtMs !== undefined,
    result,
  };
}
