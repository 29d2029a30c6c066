/**
 * The Mandelbrot set: floating-point CPU work whose cost varies wildly from pixel to pixel, which is why
 * rows are dealt out interleaved rather than in contiguous bands.
 */
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, FNV_PRIME, mix32, param, read, unitsParam } from './util';

const UNITS = unitsParam(48);
const SIZE = param('size', 'Side of the square image', { min: 16, max: 8_192, default: 768, unit: 'px' });
// Capped so one pixel inside the set (the slowest case) stays well under the checkpoint budget.
const MAX_ITER = param('maxIter', 'Iteration limit per pixel (points that reach it count as inside)', {
  min: 16,
  max: 10_000,
  default: 1_000,
});

/** The classic view: the whole set with a little margin. Pixels are sampled at their centres. */
export const MANDELBROT_VIEW = { reMin: -2.0, reMax: 0.6, imMin: -1.3, imMax: 1.3 } as const;
const { reMin: RE_MIN, reMax: RE_MAX, imMin: IM_MIN, imMax: IM_MAX } = MANDELBROT_VIEW;

/** More units than rows would leave some units empty, so the count is capped at the row count. */
function unitCount(params: Params): number {
  return Math.min(read(params, UNITS), read(params, SIZE));
}

/** Escape iteration count of one point. */
export function escapeTime(cr: number, ci: number, maxIter: number): number {
  let zr = 0;
  let zi = 0;
  let zr2 = 0;
  let zi2 = 0;
  let n = 0;
  while (n < maxIter && zr2 + zi2 <= 4) {
    zi = 2 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    zr2 = zr * zr;
    zi2 = zi * zi;
    n++;
  }
  return n;
}

/** Hash of the iteration counts of one row, in pixel order, chained from `hash`. */
export function hashRow(
  y: number,
  size: number,
  maxIter: number,
  hash: number,
  ctx: Pick<UnitContext, 'check'>,
): number {
  const ci = IM_MIN + ((IM_MAX - IM_MIN) * (y + 0.5)) / size;
  // A local copy: some module loaders (vitest's) turn each use of an imported binding into a property read.
  const prime = FNV_PRIME;
  let h = hash;
  for (let x = 0; x < size; x++) {
    ctx.check();
    const cr = RE_MIN + ((RE_MAX - RE_MIN) * (x + 0.5)) / size;
    h = Math.imul(h ^ escapeTime(cr, ci, maxIter), prime);
  }
  return h >>> 0;
}

export const mandelbrot: WorkloadDef = {
  name: 'mandelbrot',
  kind: 'cpu',
  title: 'Mandelbrot set',
  description: 'Renders the Mandelbrot set; each unit computes an interleaved set of image rows.',
  params: [UNITS, SIZE, MAX_ITER],
  size: { param: 'maxIter', exponent: 1, pythonSlowdown: 35, roughUnitMs: 10 },
  unitCount,
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    const units = unitCount(params);
    checkIndex('mandelbrot', index, units);
    const size = read(params, SIZE);
    const maxIter = read(params, MAX_ITER);
    // Seeding with the index keeps units distinguishable even if two bands happened to hash alike.
    let h = mix32(index);
    for (let y = index; y < size; y += units) h = hashRow(y, size, maxIter, h, ctx);
    return h;
  },
};
