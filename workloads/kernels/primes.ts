/**
 * Counting primes by trial division: pure integer CPU work with no memory traffic to speak of, the
 * textbook case where threads and processes scale and a GIL does not.
 */
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, mix32, param, read, unitsParam } from './util';

/**
 * Where the first unit starts. Trial division of a prime costs about sqrt(n), so starting far from zero
 * keeps the whole default job within a fraction of a percent of one cost per unit.
 */
export const PRIMES_BASE = 100_000_000;

const UNITS = unitsParam(48);
// Capped so every candidate stays below 2^31: V8 then keeps `%` on the fast integer path, and the
// slowest candidate (a prime near the top) still reaches a checkpoint within a few tens of microseconds.
const SPAN = param('span', 'How many consecutive numbers each unit tests', {
  min: 1_000,
  max: 200_000,
  default: 20_000,
  unit: 'numbers',
});

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  if (n % 3 === 0) return n === 3;
  for (let d = 5; d * d <= n; d += 6) if (n % d === 0 || n % (d + 2) === 0) return false;
  return true;
}

/** Count and sum (mod 2^32) of the primes in [lo, hi), with a checkpoint per candidate. */
export function primesInRange(
  lo: number,
  hi: number,
  ctx: Pick<UnitContext, 'check'>,
): { count: number; sum: number } {
  let count = 0;
  let sum = 0;
  for (let n = lo; n < hi; n++) {
    ctx.check();
    if (isPrime(n)) {
      count++;
      sum = (sum + n) % 0x1_0000_0000;
    }
  }
  return { count, sum };
}

export function primesChecksum(count: number, sum: number): number {
  return mix32(sum ^ mix32(count));
}

export const primes: WorkloadDef = {
  name: 'primes',
  kind: 'cpu',
  title: 'Prime counting',
  description: 'Counts primes by trial division; each unit tests its own fixed range of large numbers.',
  params: [UNITS, SPAN],
  // CPU time per unit of work, CPython 3.11 against V8, on this 2-core VM: 700 ms against 36 ms in the
  // fidelity runs, 160 ms against 8.3 ms at span 5000 (the other kernels' figures were measured the same way).
  size: { param: 'span', exponent: 1, pythonSlowdown: 20, roughUnitMs: 10 },
  unitCount: (params: Params) => read(params, UNITS),
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    checkIndex('primes', index, read(params, UNITS));
    const span = read(params, SPAN);
    const lo = PRIMES_BASE + index * span;
    const { count, sum } = primesInRange(lo, lo + span, ctx);
    return primesChecksum(count, sum);
  },
};
