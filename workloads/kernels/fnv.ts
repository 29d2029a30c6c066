/**
 * FNV-1a over pseudo-random bytes, written in plain JavaScript: the byte-at-a-time hashing that a native
 * library would do, kept on the interpreter so the GIL holds it the whole time (compare sha256).
 */
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, fillXorshift, fnv1a32, FNV_OFFSET, param, read, seed32, unitsParam } from './util';

const UNITS = unitsParam(48);
const KIB = param('kib', 'How much data each unit generates and hashes', {
  min: 1,
  max: 1_048_576,
  default: 4_096,
  unit: 'KiB',
});

const BLOCK = 1024;

/** The bytes unit `index` hashes: the xorshift32 stream seeded from the index, low byte of each word first. */
export function fnvUnitBytes(index: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  fillXorshift(out, seed32(index));
  return out;
}

export const fnv: WorkloadDef = {
  name: 'fnv',
  kind: 'cpu',
  title: 'Pure-JS hash',
  description:
    'Hashes pseudo-random bytes with FNV-1a in JavaScript; each unit generates and hashes its own data.',
  params: [UNITS, KIB],
  size: { param: 'kib', exponent: 1, pythonSlowdown: 50, roughUnitMs: 8 },
  unitCount: (params: Params) => read(params, UNITS),
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    checkIndex('fnv', index, read(params, UNITS));
    const kib = read(params, KIB);
    // One reused 1 KiB block: memory stays flat however large `kib` is, and the stream continues
    // seamlessly from block to block because the xorshift state is carried over.
    const block = new Uint8Array(BLOCK);
    let state = seed32(index);
    let h = FNV_OFFSET;
    for (let b = 0; b < kib; b++) {
      ctx.check();
      state = fillXorshift(block, state);
      h = fnv1a32(block, h);
    }
    return h;
  },
};
