/**
 * Cores busy = CPU time / wall time, per model against workers: the clearest picture of a GIL there is. Free
 * threads and processes keep about N cores busy up to the core count; GIL-bound threads about one however
 * many there are, because only the holder runs.
 */
import { ReferenceLine } from 'recharts';
import type { ResultEntry } from '../../../electron/common/report';
import { MODEL_TITLES } from '../../../electron/common/config';
import { coresBusySeries, workerCounts } from '../../charts/shape';
import { FigureLineChart } from './FigureLineChart';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly workload: string;
  readonly cores: number;
}

export function CoresBusyChart({ results, workload, cores }: Props) {
  const series = coresBusySeries(results, workload).filter((s) => s.points.length > 0);
  // A version-1 report has no CPU figures: no chart rather than an empty one.
  if (series.length === 0) return null;
  const counts = workerCounts(results, workload);
  const top = Math.max(1, Math.ceil(Math.max(cores, ...series.flatMap((s) => s.points.map((p) => p.value)))));
  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1];
      return last ? `${MODEL_TITLES[s.model]} ${last.value.toFixed(2)} at ${last.workers} workers` : '';
    })
    .filter(Boolean)
    .join('; ');

  return (
    <FigureLineChart
      testId="cores-busy-chart"
      title="Cores busy"
      summary={`Cores kept busy by ${workload}. ${summary}.`}
      caption="CPU time of the workers divided by wall time, from the operating system's own accounting. About N for N threads or processes up to the core count (the solid lines); about 1 for GIL-bound threads, however many, because only the lock holder runs."
      series={series}
      counts={counts}
      maxWorkers={Math.max(...counts, cores, 1)}
      yTop={top}
      yFormat={(v) => String(v)}
      references={
        <>
          <ReferenceLine y={cores} stroke="var(--cores-line)" strokeWidth={2} />
          <ReferenceLine x={cores} stroke="var(--cores-line)" strokeWidth={2} />
        </>
      }
    />
  );
}
