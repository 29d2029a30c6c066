/**
 * A fixed-size pool on the host, after concurrent.futures: submit() queues a job and returns its future;
 * each worker takes the next job as soon as it is free. Works the same over threads, GIL-bound threads
 * (one shared lock) and processes.
 */
import type { PoolKind } from '../../common/demos';
import { POOL_KERNEL, type PoolReply, type PoolRequest } from '../../../workloads/demos/kernels/pool';
import type { DemoContext } from './context';
import type { DemoWorker } from './workers';

interface Queued {
  readonly id: number;
  readonly bound: number;
  resolve(r: PoolReply): void;
}

export class HostPool {
  private readonly workers: DemoWorker<{ jobs: number }>[] = [];
  private readonly idle: number[] = [];
  private readonly queue: Queued[] = [];
  private readonly running = new Map<number, Queued>();

  constructor(ctx: DemoContext, kind: PoolKind, size: number) {
    const gil = kind === 'gil-threads' ? ctx.gil(5) : undefined;
    for (let index = 0; index < size; index++) {
      const lane = {
        id: `${kind}-${index + 1}`,
        label: `${kind} worker ${index + 1}`,
        group: `${kind} pool`,
      };
      const w =
        kind === 'processes'
          ? ctx.process(POOL_KERNEL, { index }, lane)
          : ctx.thread(POOL_KERNEL, { index, ...(gil ? { gil } : {}) }, lane, { gil: gil !== undefined });
      w.onData((data) => this.done(index, data as PoolReply));
      this.workers.push(w);
    }
  }

  /** Resolves once every worker is up; what a pool costs before its first job. */
  async started(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
    this.idle.push(...this.workers.map((_, i) => i));
  }

  submit(id: number, bound: number): Promise<PoolReply> {
    return new Promise((resolve) => {
      this.queue.push({ id, bound, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.shift() as number;
      const job = this.queue.shift() as Queued;
      this.running.set(w, job);
      this.workers[w]?.send({ type: 'job', id: job.id, bound: job.bound } satisfies PoolRequest);
    }
  }

  private done(worker: number, reply: PoolReply): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    job?.resolve(reply);
    this.dispatch();
  }

  /** shutdown(wait=True): every worker finishes and ends. */
  async shutdown(): Promise<void> {
    for (const w of this.workers) w.send({ type: 'stop' } satisfies PoolRequest);
    await Promise.all(this.workers.map((w) => w.result));
  }
}
