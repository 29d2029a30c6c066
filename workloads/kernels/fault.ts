/**
 * Fault injection for tests and failure demos: one chosen unit throws, exits, hangs or exhausts memory, so
 * the runner's handling of each failure can be exercised on every execution model.
 */
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, param, read, unitsParam } from './util';

const UNITS = unitsParam(8);
const AT = param('at', 'Index of the unit that misbehaves (beyond the last unit: none does)', {
  min: 0,
  max: 9_999,
  default: 0,
});
const MODE = param(
  'mode',
  'What that unit does: 0 ok, 1 throw, 2 exit the process/thread, 3 hang, 4 exhaust memory',
  {
    min: 0,
    max: 4,
    default: 0,
  },
);

export const FAULT_MODES = { ok: 0, throw: 1, exit: 2, hang: 3, oom: 4 } as const;

function hang(ctx: UnitContext): never {
  // Still reaching checkpoints: a hung unit under the GIL must not also freeze every other thread, so the
  // runner's timeout (not a deadlock) is what ends it.
  for (;;) ctx.check();
}

function exhaustMemory(ctx: UnitContext): never {
  // Plain JS arrays live on the V8 heap, which the runtime's heap limits actually police; typed arrays
  // would allocate outside it and could take the whole machine down instead.
  const hoard: number[][] = [];
  for (let i = 0; ; i++) {
    ctx.check();
    hoard.push(new Array<number>(1 << 18).fill(i + 0.5));
  }
}

export const fault: WorkloadDef = {
  name: 'fault',
  kind: 'diagnostic',
  title: 'Fault injection',
  description: 'Diagnostic: one chosen unit throws, exits, hangs or runs out of memory.',
  params: [UNITS, AT, MODE],
  hidden: true,
  unitCount: (params: Params) => read(params, UNITS),
  runUnit(params: Params, index: number, ctx: UnitContext): number {
    checkIndex('fault', index, read(params, UNITS));
    if (index === read(params, AT)) {
      switch (read(params, MODE)) {
        case FAULT_MODES.throw:
          throw new Error(`fault: kernel threw on unit ${index}`);
        case FAULT_MODES.exit:
          // In a worker thread this ends only that thread, which is the failure the runner should report.
          return process.exit(3);
        case FAULT_MODES.hang:
          return hang(ctx);
        case FAULT_MODES.oom:
          return exhaustMemory(ctx);
      }
    }
    return index >>> 0;
  },
};
