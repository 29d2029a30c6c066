/**
 * A fixed set of started workers of one runtime. Workers are started (and their spawn time measured) before
 * any timing; a run sends one job to each of the first N workers and waits for all of them. Any failure (an
 * error message, an early exit, the per-run timeout, an abort) rejects the run with a RunFailure and marks
 * the pool broken: the caller closes it, so no worker is left computing in the background.
 */
import type { Failure } from '../../common/report';
import { describeExit, type WorkerHandle } from './handle';
import type { DoneMessage, RunJob, WorkerMessage } from '../../../workloads/protocol';

export class RunFailure extends Error {
  constructor(
    readonly reason: Failure['reason'],
    message: string,
  ) {
    super(message);
    this.name = 'RunFailure';
  }

  toFailure(): Failure {
    return { reason: this.reason, message: this.message.slice(0, 4000) };
  }
}

interface Pending {
  readonly runId: number;
  readonly results: (DoneMessage | undefined)[];
  remaining: number;
  resolve(done: DoneMessage[]): void;
  reject(err: RunFailure): void;
}

export class Pool {
  private readonly handles: WorkerHandle[] = [];
  private pending: Pending | null = null;
  private brokenBy: RunFailure | null = null;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly create: (index: number) => WorkerHandle,
  ) {}

  get broken(): boolean {
    return this.brokenBy !== null || this.closed;
  }

  /**
   * Starts every worker (all at once) and waits until each has loaded its entry. Returns the elapsed ms for
   * the whole pool and, per worker, the ms from its creation to its first message.
   */
  async start(): Promise<{ totalMs: number; perWorkerMs: number[] }> {
    const t0 = performance.now();
    const perWorkerMs: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const handle = this.create(i);
      this.handles.push(handle);
      handle.onMessage((m) => this.onMessage(i, m));
      handle.onExit((info) =>
        this.fail(
          new RunFailure(
            info.outOfMemory ? 'out-of-memory' : 'exit',
            `worker ${i} ${info.outOfMemory ? 'ran out of memory' : 'exited'} (${describeExit(info)})`,
          ),
        ),
      );
    }
    try {
      await Promise.all(
        this.handles.map((h, i) =>
          h.ready.then(() => {
            perWorkerMs[i] = performance.now() - t0;
          }),
        ),
      );
    } catch (err) {
      await this.close();
      throw new RunFailure('exit', err instanceof Error ? err.message : String(err));
    }
    return { totalMs: performance.now() - t0, perWorkerMs };
  }

  /** Runs jobs[i] on worker i; resolves with every worker's DoneMessage, in worker order. */
  run(jobs: readonly RunJob[], timeoutMs: number, signal?: AbortSignal): Promise<DoneMessage[]> {
    if (this.brokenBy) return Promise.reject(this.brokenBy);
    if (this.closed) return Promise.reject(new RunFailure('cancelled', 'the pool is closed'));
    if (this.pending) return Promise.reject(new Error('a run is already in progress on this pool'));
    if (jobs.length > this.handles.length)
      throw new Error(`${jobs.length} jobs for ${this.handles.length} workers`);
    const runId = jobs[0]?.runId ?? 0;
    return new Promise<DoneMessage[]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(new RunFailure('timeout', `the run did not finish within its ${timeoutMs} ms timeout`)),
        timeoutMs,
      );
      const onAbort = () => this.fail(new RunFailure('cancelled', 'the run was cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending = null;
      };
      this.pending = {
        runId,
        results: new Array<DoneMessage | undefined>(jobs.length),
        remaining: jobs.length,
        resolve: (d) => {
          cleanup();
          resolve(d);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
      };
      if (signal?.aborted) return onAbort();
      jobs.forEach((job, i) => this.handles[i]?.send({ type: 'run', job }));
    });
  }

  private onMessage(index: number, m: WorkerMessage): void {
    const p = this.pending;
    // Only a run's answers concern the pool; a demo's messages never come from an experiment worker.
    if (!p || (m.type !== 'done' && m.type !== 'error') || m.runId !== p.runId) return;
    if (m.type === 'error') {
      this.fail(new RunFailure('error', `worker ${index}: ${m.message}`));
      return;
    }
    if (p.results[index] === undefined) {
      p.results[index] = m;
      p.remaining--;
    }
    if (p.remaining === 0) p.resolve(p.results as DoneMessage[]);
  }

  private fail(failure: RunFailure): void {
    if (this.closed) return;
    this.brokenBy ??= failure;
    this.pending?.reject(failure);
  }

  /** Ends every worker (threads terminated, processes killed) and waits until they are gone. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending?.reject(new RunFailure('cancelled', 'the pool was closed during a run'));
    await Promise.all(this.handles.map((h) => h.terminate()));
  }
}
