/**
 * Part computation, part waiting: each unit runs a CPU loop and then sleeps. Sliding the ratio between the
 * two shows where each execution model stops scaling, and where the GIL starts to matter.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Params, UnitContext, WorkloadDef } from '../types';
import { checkIndex, mix32, param, read, seed32, unitsParam } from './util';

const UNITS = unitsParam(16);
const CPU_ITERS = param('cpuIters', 'Iterations of the CPU loop each unit runs before its I/O', {
  min: 0,
  max: 1_000_000_000,
  default: 10_000_000,
});
const IO_MS = param('ioMs', 'How long each unit waits on I/O after its computation', {
  min: 0,
  max: 60_000,
  default: 20,
  integer: false,
  unit: 'ms',
});

/** Iterations between checkpoints: a few microseconds of work, and the test costs one AND per iteration. */
const CHECK_MASK = 0x7ff;

/** The CPU part: `iters` steps of a mixing loop, continuing from `state`. */
export function spin(iters: number, state: number, ctx: Pick<UnitContext, 'check'>): number {
  let x = state >>> 0;
  for (let i = 0; i < iters; i++) {
    if ((i & CHECK_MASK) === 0) ctx.check();
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) | 0;
  }
  return x >>> 0;
}

/** How many loop iterations this thread runs per millisecond, measured over about 20 ms. */
export function calibrateItersPerMs(): number {
  const noCheck = { check: () => undefined };
  spin(200_000, 1, noCheck); // let the optimising compiler see the loop before it is timed
  let iters = 0;
  let state = 1;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 20) {
    state = spin(100_000, state, noCheck);
    iters += 100_000;
    elapsed = performance.now() - start;
  }
  return iters / elapsed;
}

/**
 * Parameters for units of about `unitMs` milliseconds that spend `cpuPct` percent computing, given the rate
 * from calibrateItersPerMs. Results are clamped to the parameter bounds.
 */
export function mixedParamsForRatio(
  cpuPct: number,
  unitMs: number,
  itersPerMs: number,
): { cpuIters: number; ioMs: number } {
  if (!(cpuPct >= 0 && cpuPct <= 100)) throw new RangeError(`cpuPct must be within 0..100 (got ${cpuPct})`);
  if (!(unitMs > 0 && Number.isFinite(unitMs)))
    throw new RangeError(`unitMs must be positive (got ${unitMs})`);
  if (!(itersPerMs > 0 && Number.isFinite(itersPerMs)))
    throw new RangeError(`itersPerMs must be positive (got ${itersPerMs})`);
  const cpuMs = (unitMs * cpuPct) / 100;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return {
    cpuIters: clamp(Math.round(cpuMs * itersPerMs), CPU_ITERS.min, CPU_ITERS.max),
    ioMs: clamp(unitMs - cpuMs, IO_MS.min, IO_MS.max),
  };
}

export const mixed: WorkloadDef = {
  name: 'mixed',
  kind: 'mixed',
  title: 'CPU + I/O mix',
  description: 'Each unit computes for a while and then waits on a timer, in a ratio set by its parameters.',
  params: [UNITS, CPU_ITERS, IO_MS],
  unitCount: (params: Params) => read(params, UNITS),
  async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
    checkIndex('mixed', index, read(params, UNITS));
    const x = spin(read(params, CPU_ITERS), seed32(index), ctx);
    const ms = read(params, IO_MS);
    await ctx.io(() => sleepFor(ms));
    return mix32(x ^ index);
  },
};
