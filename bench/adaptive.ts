/**
 * The adaptive-runs target of `npm run bench`: the Full measurement's policy (5 to 15 runs until the median's
 * 95% interval is within ±5%) on the Full measurement's own CPU-bound cells, which is where the app uses it.
 *
 * It used to run on the quick size (16 units of span 20,000), and that measured the wrong thing. The quick
 * size is made for the Quick look, two fixed runs in about 10 s: its whole job is about 135 ms of CPU, so the
 * cells at 2 and 4 workers on 2 cores last about 70 ms a run. That is far above the clock's resolution (one
 * monotonic clock, microseconds) and the units split evenly (4 per worker at 4 workers, all the same cost), and
 * the warm-up pass reaches every worker; but at 70 ms the scheduler is a large part of the run: with more
 * workers than cores, when a run ends depends on how the kernel spread and sliced them (slices of a few ms,
 * rebalancing when a core idles), and a few milliseconds are ±5% of 70. On the quiet 2-core VM the quick size
 * reached ±5% in 9 of 13 cells (widest ±10%, load average 1.1); the Full measurement never runs it
 * adaptively anyway. The full size (48 units of span 16,000) is 2.4 times longer per run, the same ±5% target
 * and the same 15 runs at most: not a looser target, the cells the target is about.
 */
import type { Report } from '../electron/common/report';
import { runExperiment } from '../electron/lab/runner/runner';
import { FULL_RUNS, headlineConfig } from '../renderer/state/headline';

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
  readonly wallMs: number;
}

export async function measureAdaptive(cores: number): Promise<AdaptiveResult> {
  const full = headlineConfig(cores, 'full');
  const t0 = performance.now();
  const report: Report = await runExperiment({
    ...full,
    workloads: (full.workloads ?? []).filter((w) => w.name === 'primes'),
    ...FULL_RUNS,
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
    wallMs: performance.now() - t0,
  };
}
