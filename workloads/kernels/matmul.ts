/**
 * Dense matrix multiplication C = A x B in Float64: CPU work that also streams memory, so it shows where
 * shared caches and memory bandwidth start to limit scaling.
 */
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, mix32, param, read, seed32, unitsParam, xorshift32 } from './util';

const UNITS = unitsParam(48);
const N = param('n', 'Side of the square matrices', { min: 8, max: 2_048, default: 576 });

interface Inputs {
  readonly n: number;
  /** A, row-major. */
  readonly a: Float64Array;
  /** B transposed (row-major B^T), so the inner product walks both operands contiguously. */
  readonly bt: Float64Array;
}

/** Row-major n x n matrix of values in [-1, 1), reproducible from `seed`. */
export function randomMatrix(n: number, seed: number, ctx: Pick<UnitContext, 'check'>): Float64Array {
  const m = new Float64Array(n * n);
  let x = seed32(seed);
  for (let i = 0; i < m.length; i++) {
    // Generation runs inside the first unit of a job, so it too has to reach checkpoints.
    if ((i & 1023) === 0) ctx.check();
    x = xorshift32(x);
    m[i] = x / 0x8000_0000 - 1;
  }
  return m;
}

export const SEED_A = 1;
export const SEED_B = 2;

// One entry is enough: a job uses one size, and keeping older sizes would hold up to 64 MiB for nothing.
let cached: Inputs | undefined;

function inputs(n: number, ctx: Pick<UnitContext, 'check'>): Inputs {
  if (cached?.n === n) return cached;
  const b = randomMatrix(n, SEED_B, ctx);
  const bt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    ctx.check();
    for (let j = 0; j < n; j++) bt[j * n + i] = b[i * n + j] as number;
  }
  cached = { n, a: randomMatrix(n, SEED_A, ctx), bt };
  return cached;
}

function unitCount(params: Params): number {
  return Math.min(read(params, UNITS), read(params, N));
}

/** The rows of unit `index`: contiguous, and the sizes of any two units differ by at most one row. */
export function rowBlock(n: number, units: number, index: number): [number, number] {
  return [Math.floor((index * n) / units), Math.floor(((index + 1) * n) / units)];
}

/**
 * Rows [r0, r1) of A x B, row-major. Each cell sums over k in ascending order, so a naive triple loop in
 * the same order gives bit-identical results.
 */
export function matmulRows(n: number, r0: number, r1: number, ctx: Pick<UnitContext, 'check'>): Float64Array {
  const { a, bt } = inputs(n, ctx);
  const out = new Float64Array((r1 - r0) * n);
  for (let i = r0; i < r1; i++) {
    const ai = i * n;
    for (let j = 0; j < n; j++) {
      ctx.check();
      const bj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += (a[ai + k] as number) * (bt[bj + k] as number);
      out[(i - r0) * n + j] = s;
    }
  }
  return out;
}

/**
 * Hashes the exact bits of every value, so any difference in the arithmetic changes the checksum. Words are
 * read little-endian explicitly so the checksum is the same on any host.
 */
export function hashFloats(values: Float64Array, seed: number): number {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  let h = mix32(seed);
  for (let off = 0; off < values.byteLength; off += 4) h = mix32(h ^ view.getUint32(off, true));
  return h;
}

export const matmul: WorkloadDef = {
  name: 'matmul',
  kind: 'cpu',
  title: 'Matrix multiply',
  description: 'Multiplies two pseudo-random Float64 matrices; each unit computes a block of result rows.',
  params: [UNITS, N],
  size: { param: 'n', exponent: 3, pythonSlowdown: 25, roughUnitMs: 10 },
  unitCount,
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    const units = unitCount(params);
    checkIndex('matmul', index, units);
    const n = read(params, N);
    const [r0, r1] = rowBlock(n, units, index);
    return hashFloats(matmulRows(n, r0, r1, ctx), index);
  },
};
