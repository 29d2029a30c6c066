/**
 * The adaptive floor's bare worker (bench/floor-worker.ts) must do the engine's work: the headline's prime
 * units, each exactly once across the threads sharing a count, or its figures would not stand for the
 * engine's cells.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { primes } from '../../workloads/kernels/primes';
import { plainContext } from '../../workloads/local-context';

const entry = path.resolve('out/lab/floor-worker.js');
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

const params = { units: 12, span: 2000 };
const checksumOf = (units: readonly number[]) =>
  units.reduce((acc, u) => (acc + (primes.runUnit(params, u, plainContext()) as number)) | 0, 0);

async function runOn(count: number): Promise<number> {
  const queue = new SharedArrayBuffer(4);
  const pool = Array.from({ length: count }, () => new Worker(entry));
  workers.push(...pool);
  const sums = await Promise.all(
    pool.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ queue, params, units: params.units });
        }),
    ),
  );
  expect(new Int32Array(queue)[0]).toBeGreaterThanOrEqual(params.units);
  return sums.reduce((a, b) => (a + b) | 0, 0);
}

describe('the adaptive floor worker', () => {
  it('computes the primes units on one thread as the kernel does', async () => {
    expect(await runOn(1)).toBe(checksumOf([...Array(params.units).keys()]));
  });

  it('shares the units among threads, each unit once', async () => {
    // a unit run twice or skipped would change the sum of the per-unit checksums
    expect(await runOn(3)).toBe(checksumOf([...Array(params.units).keys()]));
  });
});
