/** The pools demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export type PoolKind = 'threads' | 'processes' | 'gil-threads';

export interface PoolRun {
  readonly pool: PoolKind;
  readonly startMs: number;
  readonly totalMs: number;
  /** job ids in the order their futures completed */
  readonly completionOrder: readonly number[];
  /** job ids in the order map() handed results back (always submission order) */
  readonly mapOrder: readonly number[];
  readonly resultsOk: boolean;
}

export interface PoolsDetails {
  readonly kind: 'pools';
  readonly poolSize: number;
  readonly jobs: readonly { readonly id: number; readonly size: number }[];
  readonly pools: readonly PoolRun[];
}

export const poolsDemo: DemoDefinition<'pools', PoolsDetails> = {
  id: 'pools',
  title: 'Thread pool and process pool',
  concept: 'thread pool vs process pool',
  summary:
    'A pool is a fixed set of workers that take jobs as they become free. Submitting a job gives a future; futures complete in the order jobs finish, not the order they went in, while map() hands results back in submission order. The same CPU-bound jobs run on a pool of threads, of GIL-bound threads and of processes, timed.',
  question: {
    prompt: 'The same CPU-bound jobs go to pools of the same size. Which pool takes longest?',
    choices: [
      { id: 'gil-threads', label: 'Threads that share a GIL' },
      { id: 'threads', label: 'Threads without a GIL' },
      { id: 'processes', label: 'Processes' },
      { id: 'same', label: 'All about the same' },
    ],
  },
  params: [
    param('poolSize', 'Workers per pool', { min: 1, max: 8, default: 2 }),
    param('jobs', 'Jobs', { min: 2, max: 16, default: 8 }),
    param('bound', 'Primes are counted below bound × job size (1..4)', {
      min: 5_000,
      max: 400_000,
      default: 120_000,
    }),
  ],
  timeLimitMs: 90_000,
  uses: ['threads', 'processes', 'gil'],
  python: `from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed

def count_primes(bound):
    return sum(all(n % d for d in range(2, int(n ** 0.5) + 1)) for n in range(2, bound))

if __name__ == "__main__":
    bounds = [24_000, 6_000, 18_000, 12_000]
    for Pool in (ThreadPoolExecutor, ProcessPoolExecutor):
        with Pool(max_workers=2) as pool:
            futures = [pool.submit(count_primes, b) for b in bounds]
            for f in as_completed(futures):      # in the order they finish
                print(futures.index(f), f.result())
            print(list(pool.map(count_primes, bounds)))   # in submission order`,
};
