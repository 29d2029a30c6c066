/**
 * One executor per execution model, all behind one interface. An executor owns a started pool sized for
 * the largest worker count it will be asked for; a run with N workers uses the first N. The runner gets its
 * executors from an ExecutorFactory, so its scheduling and failure handling can be tested with a fake one
 * that starts no worker (as hyperfine tests its scheduler with a mock executor).
 */
import type { Model } from '../../common/config';
import { checkEntriesDir } from './entries';
import type { CpuMethod, PythonLanes, TimelineSpan } from '../../common/report';
import { abortGil, createGilBuffer } from '../../../workloads/gil/layout';
import { monoNow } from '../../../workloads/clock';
import type { RecorderSnapshot } from '../../../workloads/gil/recorder';
import type { Params, UnitEnv } from '../../common/workload';
import { combineChecksums } from '../../../workloads/types';
import type { DoneMessage, RunJob } from '../../../workloads/protocol';
import { startWorker, type WorkerOptions } from './family';
import type { WorkerHandle } from './handle';
import type { ProcessLauncher } from './launcher';
import { Pool } from './pool';

/** What a run asks for, independent of the model. */
export interface RunRequest {
  readonly runId: number;
  readonly workload: string;
  /** the absolute path of a user workload's file, when the workload is one */
  readonly source?: string;
  readonly params: Params;
  readonly unitCount: number;
  readonly workers: number;
  readonly env: UnitEnv;
  readonly timeline: boolean;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** What one run measured. */
export interface RunOutcome {
  /** host-side wall time from dispatch to the last worker's result */
  readonly wallMs: number;
  readonly checksum: number;
  readonly memoryBytes: number[];
  /** CPU time the workers spent, summed, and how it was counted (see CpuMethod) */
  readonly cpuMs: number;
  readonly cpuMethod: CpuMethod;
  readonly gil: { readonly threads: RecorderSnapshot[]; readonly originMs: number } | null;
  /** a Python threads job: what each CPython thread ran and the CPU it got */
  readonly pythonLanes?: PythonLanes;
}

/** What the runner tells an executor about the experiment it serves. */
export interface ExecutorOptions {
  /** the largest worker count this executor will run */
  readonly maxWorkers: number;
  readonly memoryLimitMb: number;
  readonly switchIntervalMs: number;
  /** how child processes are started (default: child_process.fork) */
  readonly launcher?: ProcessLauncher;
}

export interface Executor {
  readonly model: Model;
  /** Starts the workers (in parallel); resolves with the whole pool's and each worker's start-up time. */
  start(): Promise<{ totalMs: number; perWorkerMs: number[] }>;
  run(request: RunRequest): Promise<RunOutcome>;
  /** true after a failed run: the executor must be closed and replaced */
  readonly broken: boolean;
  close(): Promise<void>;
}

/** Makes a new, not yet started executor for a model; the runner calls it again to replace a broken one. */
export type ExecutorFactory = (model: Model, options: ExecutorOptions) => Executor;

/** Unit i goes to worker i mod N: deterministic, and balanced when units are many and alike. */
export function roundRobin(unitCount: number, workers: number): number[][] {
  const out: number[][] = Array.from({ length: workers }, () => []);
  for (let u = 0; u < unitCount; u++) out[u % workers]?.push(u);
  return out;
}

abstract class PoolExecutor implements Executor {
  abstract readonly model: Model;
  protected pool: Pool | null = null;
  constructor(
    /** folder holding the bundled thread-entry.js and process-entry.js */
    protected readonly entriesDir: string,
    protected readonly options: ExecutorOptions,
  ) {}

  protected abstract poolSize(): number;
  protected abstract createHandle(index: number): WorkerHandle;
  /**
   * The unit indices each worker runs and the event-loop concurrency of each; with `queue`, every worker of
   * the run shares it and the whole run's units (RunJob.queue).
   */
  protected abstract plan(
    request: RunRequest,
  ): { units: number[]; concurrency: number; queue?: SharedArrayBuffer }[];

  get broken(): boolean {
    return this.pool?.broken ?? false;
  }

  async start(): Promise<{ totalMs: number; perWorkerMs: number[] }> {
    this.pool = new Pool(this.poolSize(), (i) => this.createHandle(i));
    return this.pool.start();
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    if (!this.pool) throw new Error(`${this.model} executor used before start()`);
    const originMs = monoNow();
    const jobs: RunJob[] = this.plan(request).map((p) => ({
      runId: request.runId,
      workload: request.workload,
      ...(request.source ? { source: request.source } : {}),
      params: request.params,
      units: p.units,
      ...(p.queue ? { queue: p.queue } : {}),
      concurrency: p.concurrency,
      env: request.env,
      timeline: request.timeline,
      originMs,
    }));
    const hostCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const done = await this.pool.run(jobs, request.timeoutMs, request.signal);
    const wallMs = performance.now() - t0;
    const hostCpu = process.cpuUsage(hostCpu0);
    return summarizeDone(done, wallMs, originMs, (hostCpu.user + hostCpu.system) / 1000);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * `hostCpuMs` is this whole process's CPU over the run: what in-process workers spent when they cannot count
 * themselves. The workers' own figures are preferred because the host's share (and the sampler's) stays out.
 */
export function summarizeDone(
  done: readonly DoneMessage[],
  wallMs: number,
  originMs: number,
  hostCpuMs: number,
): RunOutcome {
  const gilThreads = done.map((d) => d.gil).filter((g): g is RecorderSnapshot => g !== null);
  const own = done.every((d) => d.cpuMs !== null && d.cpuMethod !== null);
  return {
    wallMs,
    checksum: combineChecksums(done.map((d) => d.checksum)),
    memoryBytes: done.map((d) => d.memoryBytes),
    cpuMs: own ? done.reduce((sum, d) => sum + (d.cpuMs ?? 0), 0) : hostCpuMs,
    cpuMethod: own ? (done[0]?.cpuMethod ?? 'process-wide') : 'process-wide',
    gil: gilThreads.length ? { threads: gilThreads, originMs } : null,
  };
}

function workerOptions(
  entriesDir: string,
  o: ExecutorOptions,
  thread?: WorkerOptions['thread'],
): WorkerOptions {
  return {
    entriesDir,
    memoryLimitMb: o.memoryLimitMb,
    ...(thread ? { thread } : {}),
    ...(o.launcher ? { launcher: o.launcher } : {}),
  };
}

/** The baseline: every unit, one after another, in one worker thread (the main thread never computes). */
export class SequentialExecutor extends PoolExecutor {
  readonly model: Model = 'sequential';
  protected poolSize() {
    return 1;
  }
  protected createHandle(i: number) {
    return startWorker('thread', workerOptions(this.entriesDir, this.options, { index: i, gil: null }));
  }
  protected plan(r: RunRequest) {
    return [{ units: roundRobin(r.unitCount, 1)[0] ?? [], concurrency: 1 }];
  }
}

/** One thread, N concurrent tasks on its event loop: the asyncio analogue. */
export class AsyncExecutor extends SequentialExecutor {
  override readonly model: Model = 'async';
  protected override plan(r: RunRequest) {
    return [{ units: roundRobin(r.unitCount, 1)[0] ?? [], concurrency: r.workers }];
  }
}

/**
 * Every unit in one queue that all N workers of a run take from, as a thread pool's workers do: a worker the
 * scheduler favoured takes more units, so the run does not wait for the unluckiest worker's fixed share.
 */
export function sharedQueue(unitCount: number, workers: number) {
  const queue = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const units = Array.from({ length: unitCount }, (_, u) => u);
  return Array.from({ length: workers }, () => ({ units, concurrency: 1, queue }));
}

/** N worker threads sharing nothing but messages and the queue of the run's units. */
export class ThreadsExecutor extends PoolExecutor {
  readonly model: Model = 'threads';
  protected poolSize() {
    return this.options.maxWorkers;
  }
  protected createHandle(i: number): WorkerHandle {
    return startWorker('thread', workerOptions(this.entriesDir, this.options, { index: i, gil: null }));
  }
  protected plan(r: RunRequest): { units: number[]; concurrency: number; queue?: SharedArrayBuffer }[] {
    return sharedQueue(r.unitCount, r.workers);
  }
}

/** N child processes started with fork(), units dealt round-robin: shared memory does not reach them. */
export class ProcessesExecutor extends ThreadsExecutor {
  override readonly model: Model = 'processes';
  protected override createHandle(_i: number): WorkerHandle {
    return startWorker('process', workerOptions(this.entriesDir, this.options));
  }
  protected override plan(r: RunRequest) {
    return roundRobin(r.unitCount, r.workers).map((units) => ({ units, concurrency: 1 }));
  }
}

/** N worker threads forced through one emulated GIL, taking units from one shared queue as threads do. */
export class GilExecutor extends ThreadsExecutor {
  override readonly model: Model = 'gil';
  private readonly gil = createGilBuffer(this.options.switchIntervalMs);
  protected override createHandle(i: number): WorkerHandle {
    return startWorker('thread', workerOptions(this.entriesDir, this.options, { index: i, gil: this.gil }));
  }
  override async close(): Promise<void> {
    // Wake any thread blocked on the lock first, so terminate() never waits on a sleeping futex.
    abortGil(this.gil);
    await super.close();
  }
}

/**
 * The executors that run real workers from the bundled entries in entriesDir. The folder is checked here,
 * once per experiment, so a missing build fails before any worker is started.
 */
export function workerExecutors(entriesDir: string, launcher?: ProcessLauncher): ExecutorFactory {
  checkEntriesDir(entriesDir);
  return (model, given) => {
    const options = launcher && !given.launcher ? { ...given, launcher } : given;
    switch (model) {
      case 'sequential':
        return new SequentialExecutor(entriesDir, options);
      case 'async':
        return new AsyncExecutor(entriesDir, options);
      case 'threads':
        return new ThreadsExecutor(entriesDir, options);
      case 'processes':
        return new ProcessesExecutor(entriesDir, options);
      case 'gil':
        return new GilExecutor(entriesDir, options);
      default:
        // The py-* models are run by an interpreter the runner chose (electron/lab/python/executor.ts).
        throw new Error(`${model} is not run from the worker entries`);
    }
  };
}

/** Converts GIL recorder snapshots into the result model's per-thread stats and timeline spans. */
export function spansOf(snapshots: readonly RecorderSnapshot[]): {
  spans: TimelineSpan[];
  truncated: boolean;
} {
  return {
    spans: snapshots.flatMap((s) => s.spans),
    truncated: snapshots.some((s) => s.truncated),
  };
}
