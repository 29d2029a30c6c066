/**
 * Worker side of a user workload written in JavaScript: the ES module is imported from its file URL (the
 * host has already checked its meta and that it exports `unit`), and each unit's integer becomes the same
 * 32-bit checksum the built-in kernels return.
 *
 * Under the emulated GIL a user unit is one block the lock cannot interrupt (it has no checkpoints):
 * a `cpu` unit holds the lock from its start to its end, so the lock changes hands between units; an `io`
 * unit gives the lock up while it runs, as a unit that waits does.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unitChecksum } from '../electron/common/user-workload';
import type { Params } from '../electron/common/workload';
import type { UnitContext, WorkloadDef } from './types';

type UnitFn = (index: number, params: Params) => unknown;
export type UserKernel = Pick<WorkloadDef, 'runUnit'>;

const loaded = new Map<string, Promise<UserKernel>>();

/** The kernel in `file` (an absolute path), imported once per worker. */
export function loadUserKernel(file: string): Promise<UserKernel> {
  let kernel = loaded.get(file);
  if (!kernel) {
    kernel = importKernel(file);
    loaded.set(file, kernel);
  }
  return kernel;
}

async function importKernel(file: string): Promise<UserKernel> {
  const name = basename(file);
  const mod = (await import(pathToFileURL(file).href)) as { unit?: unknown; meta?: { kind?: unknown } };
  if (typeof mod.unit !== 'function') throw new Error(`${name}: exports no function unit(index, params)`);
  const unit = mod.unit as UnitFn;
  const io = mod.meta?.kind === 'io';
  return {
    async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
      if (!io) ctx.check();
      let value: unknown;
      try {
        value = io ? await ctx.io(async () => unit(index, params)) : await unit(index, params);
      } catch (err) {
        const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new Error(`${name}: unit ${index} threw ${why}`, { cause: err });
      }
      return unitChecksum(value, name, index);
    },
  };
}
