/**
 * A bare worker thread for the adaptive floor (bench/adaptive-floor.ts): the headline's prime units taken from
 * one shared count, as the threads model takes them, and nothing else of the engine around it (no pool, no
 * protocol, no CPU clock, no sampler): what is left of a run's spread is the machine's.
 */
import { parentPort } from 'node:worker_threads';
import type { Params } from '../electron/common/workload';
import { primes } from '../workloads/kernels/primes';
import { plainContext } from '../workloads/local-context';

export interface FloorJob {
  readonly queue: SharedArrayBuffer;
  readonly params: Params;
  readonly units: number;
}

const ctx = plainContext();
parentPort?.on('message', (job: FloorJob) => {
  const taken = new Int32Array(job.queue);
  let checksum = 0;
  for (let i = Atomics.add(taken, 0, 1); i < job.units; i = Atomics.add(taken, 0, 1)) {
    const sum = primes.runUnit(job.params, i, ctx);
    // primes computes synchronously: a promise here would mean the kernel changed under this harness
    if (typeof sum !== 'number') throw new Error('floor-worker: primes.runUnit must be synchronous');
    checksum = (checksum + sum) | 0;
  }
  parentPort?.postMessage(checksum);
});
