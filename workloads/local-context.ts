/**
 * The pass-through execution context, for everything that runs units without a lock: the sequential
 * reference, worker threads and processes without the GIL, and tests.
 */
import type { Params, UnitEnv } from '../electron/common/workload';
import { combineChecksums, type UnitContext, type WorkloadDef } from './types';

export function plainContext(env: UnitEnv = {}): UnitContext {
  return {
    check: () => undefined,
    native: <T>(fn: () => T): T => fn(),
    io: <T>(fn: () => Promise<T>): Promise<T> => fn(),
    env,
  };
}

/** Runs every unit in order on this thread; the result is the checksum every other model must reproduce. */
export async function runSequentially(def: WorkloadDef, params: Params, env: UnitEnv = {}): Promise<number> {
  const ctx = plainContext(env);
  const count = def.unitCount(params);
  const checksums: number[] = [];
  for (let i = 0; i < count; i++) checksums.push(await def.runUnit(params, i, ctx));
  return combineChecksums(checksums);
}
