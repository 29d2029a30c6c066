/**
 * Small helpers shared by the kernels: parameter specs and lookup, and the integer mixing and
 * pseudo-random functions that make every checksum reproducible on any machine.
 */
import { param } from '../../electron/common/params';
import type { ParamSpec, Params } from '../../electron/common/workload';

/** The one ParamSpec builder, re-exported for the kernels. */
export { param };

/** The `units` parameter every workload has; only its default differs. */
export function unitsParam(defaultUnits: number): ParamSpec {
  return param('units', 'How many equal units the work is split into', {
    min: 1,
    max: 10_000,
    default: defaultUnits,
  });
}

/**
 * A parameter's value, falling back to its default. The runner validates before anything runs, so a
 * missing value only happens when a kernel is called directly (tests, references).
 */
export function read(params: Params, spec: ParamSpec): number {
  return params[spec.name] ?? spec.default;
}

/** Unit indices come from the host; a bad one would silently compute the wrong slice of work. */
export function checkIndex(workload: string, index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new RangeError(`${workload}: unit index ${index} is outside 0..${count - 1}`);
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word, so nearby inputs differ widely. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Marsaglia's xorshift32 step; zero is its only fixed point, so seeds go through seed32 first. */
export function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/** A non-zero xorshift seed derived from an integer (a unit index, typically). */
export function seed32(n: number): number {
  return mix32(n + 0x9e3779b9) || 0x6d2b79f5;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a (32-bit) over `bytes`, continuing from `hash` so long inputs can be fed in blocks. */
export function fnv1a32(bytes: Uint8Array, hash: number = FNV_OFFSET): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h >>> 0;
}

/**
 * Fills `out` with the xorshift32 stream starting after `state` and returns the new state. Bytes are taken
 * with shifts (low byte first) rather than through a Uint32Array view, so the stream does not depend on
 * the machine's endianness.
 */
export function fillXorshift(out: Uint8Array, state: number): number {
  let x = state;
  let i = 0;
  const whole = out.length & ~3;
  while (i < whole) {
    x = xorshift32(x);
    out[i++] = x & 0xff;
    out[i++] = (x >>> 8) & 0xff;
    out[i++] = (x >>> 16) & 0xff;
    out[i++] = x >>> 24;
  }
  if (i < out.length) {
    x = xorshift32(x);
    for (let shift = 0; i < out.length; shift += 8) out[i++] = (x >>> shift) & 0xff;
  }
  return x;
}
