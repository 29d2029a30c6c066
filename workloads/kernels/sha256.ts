/**
 * SHA-256 through node:crypto: the hashing happens in native code which, like CPython's hashlib on large
 * inputs, runs with the lock released, so even the GIL model can scale on it.
 */
import { createHash } from 'node:crypto';
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, fillXorshift, param, read, seed32, unitsParam } from './util';

const UNITS = unitsParam(48);
const MIB = param('mib', 'Size of the buffer hashed in each round', {
  min: 1,
  max: 64,
  default: 4,
  unit: 'MiB',
});
const ROUNDS = param('rounds', 'How many times each unit hashes the buffer, each digest feeding the next', {
  min: 1,
  max: 1_000,
  default: 3,
});

/** Seed of the xorshift stream that fills the shared buffer. */
export const SHA256_FILL_SEED = 0x5a256;
const MIB_BYTES = 1 << 20;
const FILL_BLOCK = 1 << 14;

// One entry: every unit of a job hashes the same buffer, and larger sizes are too big to keep around.
let cached: { mib: number; data: Buffer } | undefined;

function buffer(mib: number, ctx: Pick<UnitContext, 'check'>): Buffer {
  if (cached?.mib === mib) return cached.data;
  const data = Buffer.allocUnsafe(mib * MIB_BYTES);
  // Filled in blocks with a checkpoint each, since the first unit of a job pays for this in JavaScript.
  let state = seed32(SHA256_FILL_SEED);
  for (let off = 0; off < data.length; off += FILL_BLOCK) {
    ctx.check();
    state = fillXorshift(data.subarray(off, off + FILL_BLOCK), state);
  }
  cached = { mib, data };
  return data;
}

export const sha256: WorkloadDef = {
  name: 'sha256',
  kind: 'native',
  title: 'Native hash (SHA-256)',
  description:
    'Hashes a large buffer with SHA-256 in native code (node:crypto), several rounds per unit, each digest chained into the next.',
  params: [UNITS, MIB, ROUNDS],
  size: { param: 'mib', exponent: 1, pythonSlowdown: 1, roughUnitMs: 9 },
  unitCount: (params: Params) => read(params, UNITS),
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    checkIndex('sha256', index, read(params, UNITS));
    const data = buffer(read(params, MIB), ctx);
    const rounds = read(params, ROUNDS);
    // The first prefix is the unit index, so units differ; later ones chain the previous digest.
    let prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(index >>> 0);
    for (let r = 0; r < rounds; r++) {
      ctx.check();
      const p = prefix;
      prefix = ctx.native(() => createHash('sha256').update(p).update(data).digest());
    }
    return prefix.readUInt32BE(0);
  },
};
