/**
 * pools: one worker of a fixed-size pool. It takes jobs from the host one at a time (count the primes below
 * a bound, by trial division) and answers each with its result; a GIL-bound worker holds the emulated lock
 * while it computes, so only one job of a GIL pool makes progress at a time.
 */
import { Gil } from '../../gil/gil';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { gilSpans } from '../gil-lane';

export interface PoolInput {
  readonly index: number;
  /** present for a GIL-bound pool: the shared lock */
  readonly gil?: SharedArrayBuffer;
}

export type PoolRequest =
  { readonly type: 'job'; readonly id: number; readonly bound: number } | { readonly type: 'stop' };
export interface PoolReply {
  readonly id: number;
  readonly primes: number;
  readonly start: number;
  readonly end: number;
}

export function countPrimes(bound: number, check: () => void = () => undefined): number {
  let count = 0;
  for (let n = 2; n < bound; n++) {
    if ((n & 255) === 0) check();
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

export function poolWorker(input: PoolInput, io: KernelIo): Promise<{ jobs: number }> {
  const gil = input.gil ? new Gil(input.gil, input.index) : null;
  const originMono = monoNow();
  gil?.recorder.reset(originMono, true);
  let jobs = 0;
  return new Promise((resolve) => {
    io.onMessage((data) => {
      const req = data as PoolRequest;
      if (req.type === 'stop') {
        if (gil) io.lane.spans(gilSpans(gil.recorder.snapshot(), originMono, 'running', 'idle'));
        else io.lane.state(null);
        resolve({ jobs });
        return;
      }
      if (!gil) io.lane.state('running', `job ${req.id}`);
      const start = monoNow();
      let primes: number;
      if (gil) {
        gil.acquire();
        try {
          primes = countPrimes(req.bound, () => gil.check());
        } finally {
          gil.release();
        }
      } else primes = countPrimes(req.bound);
      if (!gil) io.lane.state('waiting', 'idle');
      jobs++;
      io.post({ id: req.id, primes, start, end: monoNow() } satisfies PoolReply);
    });
  });
}

export const POOL_KERNEL = demoKernel('pool', 'pool', poolWorker);
