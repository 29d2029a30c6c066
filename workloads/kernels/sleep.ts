/**
 * Pure waiting: each unit sleeps on a timer. Nothing to compute, so any model that overlaps waits (the event
 * loop, threads, even threads under a GIL) finishes in about one unit's time per wave.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Params } from '../../electron/common/workload';
import type { UnitContext, WorkloadDef } from '../types';
import { checkIndex, mix32, param, read, unitsParam } from './util';

const UNITS = unitsParam(16);
const MS = param('ms', 'How long each unit sleeps', { min: 0, max: 60_000, default: 50, unit: 'ms' });

export const sleep: WorkloadDef = {
  name: 'sleep',
  kind: 'io',
  title: 'Timer sleep',
  description: 'Each unit waits on a timer and does no computation: the purest I/O-bound job.',
  params: [UNITS, MS],
  size: { param: 'ms', exponent: 1, pythonSlowdown: 1, roughUnitMs: 50 },
  unitCount: (params: Params) => read(params, UNITS),
  async runUnit(params: Params, index: number, ctx: UnitContext): Promise<number> {
    checkIndex('sleep', index, read(params, UNITS));
    const ms = read(params, MS);
    await ctx.io(() => sleepFor(ms));
    return mix32(index);
  },
};
