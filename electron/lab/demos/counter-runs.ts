/** Shared by the race, lock and atomics demos: run the counter kernel on N threads and read the counts. */
import type { CounterComparison, CounterMode, CounterRun } from '../../common/demos';
import { COUNTER_KERNEL, COUNTER_SLOTS } from '../../../workloads/demos/kernels/counter';
import type { DemoContext } from './context';
import { median } from '../../common/stats';

export interface CounterSetup {
  readonly mode: CounterMode;
  readonly threads: number;
  readonly iterations: number;
  readonly window: number;
  readonly runs: number;
}

export const MODE_LABEL: Readonly<Record<CounterMode, string>> = {
  unsynchronised: 'no lock',
  lock: 'lock',
  atomic: 'Atomics.add',
};

export async function runCounter(ctx: DemoContext, s: CounterSetup): Promise<CounterRun[]> {
  ctx.phase(`${MODE_LABEL[s.mode]}: ${s.threads} threads × ${s.iterations} increments, ${s.runs} runs`);
  const sab = new SharedArrayBuffer(COUNTER_SLOTS * 4);
  const workers = Array.from({ length: s.threads }, (_, index) =>
    ctx.thread(
      COUNTER_KERNEL,
      {
        sab,
        index,
        threads: s.threads,
        mode: s.mode,
        iterations: s.iterations,
        window: s.window,
        runs: s.runs,
      },
      {
        id: `${s.mode}-${index + 1}`,
        label: `thread ${index + 1} (${MODE_LABEL[s.mode]})`,
        group: MODE_LABEL[s.mode],
      },
    ),
  );
  const outs = await ctx.guard(Promise.all(workers.map((w) => w.result)));
  const expected = s.threads * s.iterations;
  const finals = outs[0]?.finals ?? [];
  return finals.map((actual, run) => {
    const times = outs.map((o) => o.times[run]).filter((t) => t !== undefined);
    const ms = Math.max(...times.map((t) => t.end)) - Math.min(...times.map((t) => t.start));
    return { expected, actual, lost: expected - actual, ms };
  });
}

export function compare(mode: CounterMode, runs: readonly CounterRun[]): CounterComparison {
  return {
    mode,
    medianMs: median(runs.map((r) => r.ms)),
    exactRuns: runs.filter((r) => r.lost === 0).length,
    runs: runs.length,
  };
}

/** Lost updates in up to six equal ranges (a single range when every run lost the same). */
export function histogram(runs: readonly CounterRun[]): { fromLost: number; toLost: number; runs: number }[] {
  if (runs.length === 0) return [];
  const lost = runs.map((r) => r.lost);
  const lo = Math.min(...lost);
  const hi = Math.max(...lost);
  if (lo === hi) return [{ fromLost: lo, toLost: hi, runs: runs.length }];
  const bins = Math.min(6, runs.length);
  const width = Math.ceil((hi - lo + 1) / bins);
  return Array.from({ length: bins }, (_, b) => {
    const from = lo + b * width;
    const to = b === bins - 1 ? hi : from + width - 1;
    return { fromLost: from, toLost: to, runs: lost.filter((v) => v >= from && v <= to).length };
  });
}
