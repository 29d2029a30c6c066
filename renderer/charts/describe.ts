/** Words for charts: kind names, captions and spoken summaries. Pure, so the wording is tested too. */
import { MODEL_TITLES } from '../../electron/common/config';
import { formatSpeedup } from '../../electron/common/format';
import type { ModelSeries, WorkloadKindName } from './shape';

export const KIND_LABEL: Readonly<Record<WorkloadKindName, string>> = {
  cpu: 'CPU-bound',
  io: 'I/O-bound',
  native: 'Native code',
  mixed: 'Mixed',
  diagnostic: 'Diagnostic',
};

export function speedupCaption(kind: WorkloadKindName, cores: number): string {
  const n = `${cores} ${cores === 1 ? 'core' : 'cores'}`;
  switch (kind) {
    case 'cpu':
      return `Higher is faster. Above the dashed line is impossible; on ${n} CPU-bound work tops out near ${cores}×, and threads sharing a GIL stay near 1×.`;
    case 'io':
      return `Waiting needs no core: I/O-bound work keeps speeding up past ${n}, even for threads that share a GIL.`;
    case 'native':
      return `Native code runs without the lock, so even GIL-bound threads speed up here, up to ${n}.`;
    default:
      return `Speedup over one sequential worker; the dashed line is perfect scaling and the marked line is ${n}.`;
  }
}

/** "Worker threads: 1.85× at 2 workers, ..." — the best point of each model, for screen readers. */
export function speedupSummary(workload: string, series: readonly ModelSeries[]): string {
  if (series.every((s) => s.points.length === 0)) return `Speedup of ${workload}: no results yet.`;
  const parts = series.flatMap((s) => {
    const best = s.points.reduce<ModelSeries['points'][number] | null>(
      (b, p) => (!b || p.speedup > b.speedup ? p : b),
      null,
    );
    return best
      ? [`${MODEL_TITLES[s.model]} best ${formatSpeedup(best.speedup)} at ${best.workers} workers`]
      : [];
  });
  return `Speedup of ${workload} against worker count. ${parts.join('; ')}.`;
}
