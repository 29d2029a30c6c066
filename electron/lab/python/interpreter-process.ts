/**
 * One Python interpreter running workloads/python/driver.py, seen from the host: start it, wait for its
 * `ready` (the interpreter's facts), send jobs one at a time, and end it. A job's timeout and cancel kill
 * the interpreter (its worker processes with it), as a hung kernel cannot be interrupted from outside;
 * the caller starts a new one for the next job.
 *
 * On POSIX the driver leads its own process group, so one signal reaches its multiprocessing children too.
 * If this host dies without a word, the driver sees its stdin close (and its parent change) and leaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { defaultEntriesDir } from '../runtime/entries';
import { describeExit } from '../runtime/handle';
import { RunFailure } from '../runtime/pool';
import {
  describeIssues,
  driverMessageSchema,
  DRIVER_PROTOCOL,
  type DriverJob,
  type InterpreterFacts,
  type ResultMessage,
} from './protocol';

const STDERR_KEEP = 4096;
const DEFAULT_READY_TIMEOUT_MS = 30_000;
const DEFAULT_KILL_GRACE_MS = 1_000;
/** Bounds a job's pool start apart from its run: longer than the driver's own bound on a worker process's
 * start (process_pool.READY_TIMEOUT_S, 60 s), so the driver's more precise error normally comes first. */
export const DEFAULT_POOL_START_TIMEOUT_MS = 90_000;
const USES_PROCESS_GROUPS = process.platform !== 'win32';

/** The folder of the shipped Python files: next to the engine bundles in out/lab (copied by build-lab). */
export function defaultDriverPath(): string {
  return path.join(defaultEntriesDir(), 'python', 'driver.py');
}

export interface InterpreterCommand {
  /** the program, e.g. /usr/bin/python3 or `py` */
  readonly executable: string;
  /** arguments before the script, e.g. ['-3'] for the Windows launcher */
  readonly args?: readonly string[];
}

export interface StartOptions {
  readonly driverPath?: string;
  /** added to this process's environment, e.g. { PYTHON_GIL: '0' } */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  /** between SIGTERM and SIGKILL when the interpreter is ended */
  readonly killGraceMs?: number;
}

export interface JobOptions {
  /** the run's own bound, from the driver's `started` (the job's clock start) to its result */
  readonly timeoutMs: number;
  /** from sending the job to its `started`: starting its threads or worker processes, which a busy machine
   * can make slow without the run being at fault (default DEFAULT_POOL_START_TIMEOUT_MS) */
  readonly poolStartTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A job that completed: the driver's own measurements plus the host's wall clock around the round trip. */
export interface JobResult {
  /** perf_counter in Python from the first unit's start to the last unit's end */
  readonly wallMs: number;
  /** the host's clock from sending the job to receiving its result (includes the pool start-up) */
  readonly hostWallMs: number;
  /** starting the threads or processes, before the job was timed */
  readonly spawnMs: number;
  readonly units: NonNullable<ResultMessage['units']>;
  readonly threads: NonNullable<ResultMessage['threads']>;
  readonly process: NonNullable<ResultMessage['process']>;
}

interface Pending {
  readonly id: number;
  readonly sentAt: number;
  /** the driver said the job's clock started: the pool-start bound gives way to the run's timeout */
  started(): void;
  resolve(result: JobResult): void;
  reject(err: RunFailure): void;
}

export class InterpreterProcess {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private pending: Pending | null = null;
  private nextId = 1;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exited: Promise<void>;
  private readonly killGraceMs: number;
  private factsValue: InterpreterFacts | null = null;
  private protocolError: string | null = null;
  private onReady: ((facts: InterpreterFacts) => void) | null = null;

  private constructor(command: InterpreterCommand, options: StartOptions) {
    const driver = options.driverPath ?? defaultDriverPath();
    if (!existsSync(driver))
      throw new Error(`python driver ${driver} is missing: run 'npm run build:lab' first`);
    this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    // -B: no __pycache__ beside the shipped files (the app folder may be read-only).
    this.child = spawn(command.executable, [...(command.args ?? []), '-B', driver], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
      detached: USES_PROCESS_GROUPS,
      windowsHide: true,
    });
    this.exited = new Promise<void>((resolve) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        this.exitInfo ??= { code, signal };
        this.failPending(this.crashFailure());
        resolve();
      };
      this.child.once('exit', ended);
      // A program that could not be started at all (no such file) has no pid and emits no 'exit'.
      this.child.once('error', (err) => {
        this.stderrTail += `\n${err.message}`;
        if (this.child.pid === undefined) ended(null, null);
      });
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEEP);
    });
    this.child.stdin?.on('error', () => undefined); // EPIPE after a crash; the exit reports it
    if (!this.child.stdout) throw new Error('python driver: no stdout pipe');
    const lines = createInterface({ input: this.child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
  }

  /** Starts the driver and waits for its `ready`; rejects with the reason if it never comes. */
  static async start(command: InterpreterCommand, options: StartOptions = {}): Promise<InterpreterProcess> {
    const proc = new InterpreterProcess(command, options);
    const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          proc.onReady = () => resolve();
        }),
        proc.exited.then(() => {
          throw new Error(`python did not start: ${proc.describeEnd()}`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`python was not ready within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (err) {
      await proc.kill();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return proc;
  }

  get facts(): InterpreterFacts {
    if (!this.factsValue) throw new Error('the interpreter is not ready');
    return this.factsValue;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** The last few KiB the interpreter wrote to stderr (tracebacks). */
  get stderr(): string {
    return this.stderrTail;
  }

  run(job: DriverJob, options: JobOptions): Promise<JobResult> {
    if (!this.alive) return Promise.reject(this.crashFailure());
    if (this.pending) return Promise.reject(new Error('a job is already running on this interpreter'));
    const id = this.nextId++;
    return new Promise<JobResult>((resolve, reject) => {
      const end = (failure: RunFailure) => {
        this.failPending(failure);
        void this.kill();
      };
      const poolStartMs = options.poolStartTimeoutMs ?? DEFAULT_POOL_START_TIMEOUT_MS;
      let timer = setTimeout(
        () =>
          end(
            new RunFailure(
              'timeout',
              `the job's threads or worker processes did not start within ${poolStartMs} ms`,
            ),
          ),
        poolStartMs,
      );
      const onAbort = () => end(new RunFailure('cancelled', 'the run was cancelled'));
      const cleanup = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending = null;
      };
      this.pending = {
        id,
        sentAt: performance.now(),
        started: () => {
          clearTimeout(timer);
          timer = setTimeout(
            () =>
              end(
                new RunFailure(
                  'timeout',
                  `the run did not finish within its ${options.timeoutMs} ms timeout`,
                ),
              ),
            options.timeoutMs,
          );
        },
        resolve: (r) => {
          cleanup();
          resolve(r);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.child.stdin?.write(JSON.stringify({ type: 'job', id, ...job }) + '\n');
    });
  }

  /** Closes stdin, which the driver takes as its cue to leave; kills it if it has not within the grace. */
  async close(): Promise<void> {
    if (!this.alive) return;
    this.child.stdin?.end();
    const timer = setTimeout(() => void this.kill(), this.killGraceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGTERM to the interpreter (and its process group), SIGKILL after the grace; resolves once it exited. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), this.killGraceMs);
    await this.exited;
    clearTimeout(timer);
    // The group may outlive its leader for a moment (a child busy in C code ignores nothing but SIGKILL).
    this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      if (USES_PROCESS_GROUPS) process.kill(-pid, sig);
      else this.child.kill(sig);
    } catch {
      // already gone
    }
  }

  private onLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.protocolFailure(`python driver wrote a line that is not JSON: ${line.slice(0, 120)}`);
      return;
    }
    const msg = driverMessageSchema.safeParse(parsed);
    if (!msg.success) {
      this.protocolFailure(`python driver sent a bad message (${describeIssues(msg.error)})`);
      return;
    }
    const m = msg.data;
    if (m.type === 'ready') {
      const { type: _type, ...facts } = m;
      if (facts.protocol !== DRIVER_PROTOCOL) {
        this.protocolFailure(`python driver speaks protocol ${facts.protocol}, this host ${DRIVER_PROTOCOL}`);
        return;
      }
      this.factsValue = facts;
      this.onReady?.(facts);
      return;
    }
    const p = this.pending;
    if (!p || m.id !== p.id) return;
    if (m.type === 'started') {
      p.started();
      return;
    }
    if (!m.ok) {
      p.reject(new RunFailure(m.reason ?? 'error', m.error ?? 'the python job failed without a message'));
      return;
    }
    if (m.wallMs === undefined || !m.units || !m.threads || !m.process) {
      p.reject(new RunFailure('error', 'python driver sent an incomplete result'));
      return;
    }
    p.resolve({
      wallMs: m.wallMs,
      hostWallMs: performance.now() - p.sentAt,
      spawnMs: m.spawnMs ?? 0,
      units: m.units,
      threads: m.threads,
      process: m.process,
    });
  }

  private protocolFailure(message: string): void {
    this.protocolError = message;
    this.failPending(new RunFailure('error', message));
    void this.kill();
  }

  private failPending(failure: RunFailure): void {
    this.pending?.reject(failure);
  }

  private crashFailure(): RunFailure {
    return new RunFailure('exit', `the python interpreter exited (${this.describeEnd()})`);
  }

  private describeEnd(): string {
    const detail =
      this.protocolError ?? this.stderrTail.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
    return describeExit({
      code: this.exitInfo?.code ?? null,
      signal: this.exitInfo?.signal ?? null,
      outOfMemory: false,
      detail,
    });
  }
}
