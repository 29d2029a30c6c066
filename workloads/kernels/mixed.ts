/**
 * Part computation, part waiting: each unit runs a CPU loop and then sleeps. Sliding the ratio between the
 * two shows where each execution model stops scaling, and where the GIL starts to matter.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, mix32, param, read, seed32, unitsParam } from './util';

const UNITS = unitsParam(16);
const CPU_PCT = param('cpuPct', 'Share of each unit spent computing; the rest waits on I/O', {
  min: 0,
  max: 100,
  default: 50,
  integer: false,
  unit: '%',
});
const UNIT_MS = param('unitMs', 'How long one unit takes on this machine, computing plus waiting', {
  min: 1,
  max: 10_000,
  default: 40,
  integer: false,
  unit: 'ms',
});
const ITERS_PER_MS = param(
  'itersPerMs',
  'Loop iterations per millisecond of this machine; 0 = measure it before the run (the report keeps the value)',
  { min: 0, max: 100_000_000, default: 0 },
);

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
    cpuIters: clamp(Math.round(cpuMs * itersPerMs), 0, 2 ** 31 - 1),
    ioMs: clamp(unitMs - cpuMs, 0, 60_000),
  };
}

export const mixed: WorkloadDef = {
  name: 'mixed',
  kind: 'mixed',
  title: 'CPU + I/O mix',
  description:
    'Each unit computes for cpuPct% of unitMs and waits on a timer for the rest; the CPU part is a fixed number of loop iterations, sized on this machine before the run.',
  params: [UNITS, CPU_PCT, UNIT_MS, ITERS_PER_MS],
  unitCount: (params: Params) => read(params, UNITS),
  // The loop rate is measured once on the host, so every model runs exactly the same iterations.
  resolveParams: (params: Params) =>
    read(params, ITERS_PER_MS) > 0 ? params : { ...params, itersPerMs: Math.round(calibrateItersPerMs()) },
  async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
    checkIndex('mixed', index, read(params, UNITS));
    const rate = read(params, ITERS_PER_MS);
    if (rate <= 0) throw new Error('mixed: itersPerMs was not resolved before the run');
    const { cpuIters, ioMs } = mixedParamsForRatio(read(params, CPU_PCT), read(params, UNIT_MS), rate);
    const x = spin(cpuIters, seed32(index), ctx);
    await ctx.io(() => sleepFor(ioMs));
    return mix32(x ^ index);
  },
};
