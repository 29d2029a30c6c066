/**
 * The adaptive-runs target of `npm run bench`: the Full measurement's policy (5 to 15 runs until the median's
 * 95% interval is within ±5%) on the CPU-bound cells of the quick headline, the size a class sees first.
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
  readonly wallMs: number;
}

export async function measureAdaptive(cores: number): Promise<AdaptiveResult> {
  const quick = headlineConfig(cores, 'quick');
  const t0 = performance.now();
  const report: Report = await runExperiment({
    ...quick,
    workloads: (quick.workloads ?? []).filter((w) => w.name === 'primes'),
    ...FULL_RUNS,
    warmup: 1,
  });
  const cells = report.results.filter((r) => !r.failure);
  return {
    cells: report.results.length,
    reached: cells.filter((r) => r.adaptive?.reached).length,
    mostRuns: Math.max(0, ...cells.map((r) => r.adaptive?.runs ?? 0)),
    widestCiPct: Math.max(0, ...cells.map((r) => r.adaptive?.medianCiPct ?? Infinity)),
    wallMs: performance.now() - t0,
  };
}
