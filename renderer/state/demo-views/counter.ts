/** race, lock, atomics: lost updates per run as a histogram on a log scale, and the modes compared. */
import type { CounterDetails, CounterMode } from '../../../electron/common/demos';
import { median } from '../../../electron/common/stats';
import { fractionOf } from './scale';

export const COUNTER_MODE_NAMES: Readonly<Record<CounterMode, string>> = {
  unsynchronised: 'no lock',
  lock: 'lock',
  atomic: 'Atomics.add',
};

export interface CounterView {
  readonly expected: number;
  readonly runs: readonly {
    readonly run: number;
    readonly expected: number;
    readonly actual: number;
    readonly lost: number;
    readonly ms: number;
    /** actual / expected */
    readonly fraction: number;
  }[];
  readonly shortRuns: number;
  readonly lost: { readonly min: number; readonly max: number; readonly median: number };
  readonly histogram: readonly {
    readonly fromLost: number;
    readonly toLost: number;
    readonly runs: number;
    readonly fraction: number;
  }[];
  readonly comparisons: readonly {
    readonly mode: CounterMode;
    readonly name: string;
    readonly medianMs: number;
    readonly exactRuns: number;
    readonly runs: number;
    readonly fraction: number;
  }[];
}

export function counterView(d: CounterDetails): CounterView {
  const runs = d.runs.map((r, i) => ({ run: i + 1, ...r, fraction: fractionOf(r.actual, r.expected) }));
  const lost = d.runs.map((r) => r.lost);
  const mostRuns = Math.max(0, ...d.histogram.map((h) => h.runs));
  const slowest = Math.max(0, ...d.comparisons.map((c) => c.medianMs));
  return {
    expected: d.runs[0]?.expected ?? d.threads * d.iterations,
    runs,
    shortRuns: d.runs.filter((r) => r.actual < r.expected).length,
    lost: { min: Math.min(...lost), max: Math.max(...lost), median: lost.length ? median(lost) : 0 },
    histogram: d.histogram.map((h) => ({ ...h, fraction: fractionOf(h.runs, mostRuns) })),
    comparisons: d.comparisons.map((c) => ({
      ...c,
      name: COUNTER_MODE_NAMES[c.mode],
      fraction: fractionOf(c.medianMs, slowest),
    })),
  };
}
