/**
 * The adaptive-runs targets of `npm run bench`: the Full measurement's policy (5 to 15 runs until the median's
 * 95% interval is within ±5%) on the headline's CPU-bound cells, at two sizes.
 *
 * The quick size is what issue 12's target names (16 units of span 20,000). Its whole job is about 135 ms of
 * CPU, so the cells at 2 and 4 workers on 2 cores last about 70 ms a run: far above the clock's resolution,
 * and the warm-up pass reaches every worker. Threads and gil workers take units from one shared queue, so a
 * run no longer waits for the worker the kernel sliced worst; processes are still dealt fixed shares, and a
 * few milliseconds of scheduling are ±5% of 70. A cell's median is judged by its exact order-statistic
 * interval (electron/common/stats/median-interval.ts), so no cell stops before its sixth run. The policy
 * calibrates as pyperf does (FULL_RUNS.minTimeMs): a run repeats a job shorter than that until it lasts as
 * long, and its times are per job, so a pause of a few ms weighs a third as much in a 70 ms cell's run. The app
 * never runs that size adaptively (Quick look is two fixed runs). The full size (48 units of span 16,000,
 * 2.4 times longer a run) is where the app does use the policy, so it is measured as well, against the same
 * ±5% and the same 15 runs at most.
 */
import type { Report } from '../electron/common/report';
import { runExperiment } from '../electron/lab/runner/runner';
import { FULL_RUNS, headlineConfig, type HeadlineSize } from '../renderer/state/headline';

export interface AdaptiveResult {
  readonly cells: number;
  /** cells whose median got within the target */
  readonly reached: number;
  /** the most runs any cell took */
  readonly mostRuns: number;
  /** the widest interval a cell ended with, in ± % of its median */
  readonly widestCiPct: number;
  /** the cell that ended with it, `model×workers` */
  readonly widestCell: string;
  /** the shortest cell's median run: what the clock and the per-run overhead are measured against */
  readonly shortestMedianMs: number;
  /** every cell that ended outside the target, as `model×workers ±pct%`: which ones miss, not only the widest */
  readonly missed: string[];
  /** calibration: the most jobs a cell's runs repeated (1: none did, or runs were not calibrated) */
  readonly mostLoops: number;
  readonly wallMs: number;
}

/** Whether a cell's runs cost unequal CPU for the same units: the machine's speed changed while it ran. */
export const hasUnsteadyCpu = (r: Report['results'][number]): boolean =>
  r.warnings.some((w) => w.kind === 'unsteady-cpu');

/**
 * The Full measurement's policy on the headline's primes cells at `size`. `minTimeMs` overrides the policy's
 * calibration (null: none, every run one job), so the bench can show what calibration changes.
 */
export async function measureAdaptive(
  cores: number,
  size: HeadlineSize,
  minTimeMs: number | null = FULL_RUNS.minTimeMs,
): Promise<AdaptiveResult> {
  const headline = headlineConfig(cores, size);
  const t0 = performance.now();
  const report: Report = await runExperiment({
    ...headline,
    workloads: (headline.workloads ?? []).filter((w) => w.name === 'primes'),
    ...FULL_RUNS,
    minTimeMs: minTimeMs ?? undefined,
    warmup: 1,
  });
  const cells = report.results.filter((r) => !r.failure);
  const ciOf = (r: (typeof cells)[number]) => r.adaptive?.medianCiPct ?? Infinity;
  const widest = cells.reduce<(typeof cells)[number] | undefined>(
    (w, r) => (w === undefined || ciOf(r) > ciOf(w) ? r : w),
    undefined,
  );
  return {
    cells: report.results.length,
    reached: cells.filter((r) => r.adaptive?.reached).length,
    mostRuns: Math.max(0, ...cells.map((r) => r.adaptive?.runs ?? 0)),
    widestCiPct: widest ? ciOf(widest) : 0,
    widestCell: widest ? `${widest.model}×${widest.workers}` : '-',
    shortestMedianMs: Math.min(...cells.map((r) => r.wallMs?.median ?? Infinity)),
    missed: report.results
      .filter((r) => !r.adaptive?.reached)
      .map((r) => {
        // a cell whose runs cost unequal CPU ran on a machine whose speed changed: say so beside its interval
        const unsteady = hasUnsteadyCpu(r) ? ' (unsteady CPU)' : '';
        return `${r.model}×${r.workers} ${r.failure ? 'failed' : `±${ciOf(r).toFixed(1)}%`}${unsteady}`;
      }),
    mostLoops: Math.max(1, ...cells.map((r) => r.loops ?? 1)),
    wallMs: performance.now() - t0,
  };
}
