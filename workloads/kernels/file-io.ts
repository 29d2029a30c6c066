/**
 * Real file-system I/O: write, flush to disk, read back, delete. The work is in the kernel and the disk,
 * so the execution models differ mainly in how well they overlap the waits.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, fillXorshift, fnv1a32, FNV_OFFSET, param, read, seed32, unitsParam } from './util';

const UNITS = unitsParam(32);
const KIB = param('kib', 'Size of the file each unit writes and reads back', {
  min: 1,
  max: 65_536,
  default: 256,
  unit: 'KiB',
});
const FSYNC = param(
  'fsync',
  'Whether each write is flushed to the device before reading back (1) or not (0)',
  {
    min: 0,
    max: 1,
    default: 1,
  },
);

const BLOCK = 1024;

/** The contents unit `index` writes; the stream depends on the index so units write different files. */
export function fileIoContents(index: number, kib: number, ctx: Pick<UnitContext, 'check'>): Uint8Array {
  const data = new Uint8Array(kib * BLOCK);
  let state = seed32(index ^ 0x00f11e00);
  for (let off = 0; off < data.length; off += BLOCK) {
    ctx.check();
    state = fillXorshift(data.subarray(off, off + BLOCK), state);
  }
  return data;
}

export const fileIo: WorkloadDef = {
  name: 'file-io',
  kind: 'io',
  title: 'File I/O',
  description: 'Each unit writes a file, flushes it to disk, reads it back and deletes it.',
  params: [UNITS, KIB, FSYNC],
  size: { param: 'kib', exponent: 1, pythonSlowdown: 1, roughUnitMs: 5 },
  needs: { tmpDir: true },
  unitCount: (params: Params) => read(params, UNITS),
  async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
    checkIndex('file-io', index, read(params, UNITS));
    const dir = ctx.env.tmpDir;
    if (!dir) throw new Error('file-io: no temporary folder was provided (env.tmpDir is missing)');
    const data = fileIoContents(index, read(params, KIB), ctx);
    const file = path.join(dir, `unit-${index}.bin`);
    try {
      await ctx.io(async () => {
        const handle = await open(file, 'w');
        try {
          await handle.writeFile(data);
          if (read(params, FSYNC) === 1) await handle.sync();
        } finally {
          await handle.close();
        }
      });
      const back = await ctx.io(() => readFile(file));
      if (back.length !== data.length)
        throw new Error(`file-io: unit ${index} read back ${back.length} bytes, wrote ${data.length}`);
      let h = FNV_OFFSET;
      for (let off = 0; off < back.length; off += BLOCK) {
        ctx.check();
        h = fnv1a32(back.subarray(off, off + BLOCK), h);
      }
      return h;
    } finally {
      // Removed even after a failure so an aborted run leaves nothing behind in the shared folder.
      await ctx.io(() => rm(file, { force: true }));
    }
  },
};
