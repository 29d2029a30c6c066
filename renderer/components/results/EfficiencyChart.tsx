/** Efficiency = speedup / workers, in percent: how much each added worker is worth. */
import { ReferenceLine } from 'recharts';
import type { ResultEntry } from '../../../electron/common/report';
import { MODEL_TITLES } from '../../../electron/common/config';
import { efficiencySeries, workerCounts } from '../../charts/shape';
import { FigureLineChart } from './FigureLineChart';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly workload: string;
  readonly cores: number;
}

export function EfficiencyChart({ results, workload, cores }: Props) {
  const series = efficiencySeries(results, workload);
  const counts = workerCounts(results, workload);
  const top = Math.ceil(Math.max(100, ...series.flatMap((s) => s.points.map((p) => p.value))) / 25) * 25;
  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1];
      return last ? `${MODEL_TITLES[s.model]} ${Math.round(last.value)}% at ${last.workers} workers` : '';
    })
    .filter(Boolean)
    .join('; ');

  return (
    <FigureLineChart
      testId="efficiency-chart"
      title="Efficiency"
      summary={`Efficiency of ${workload}. ${summary}.`}
      caption="Speedup divided by workers. 100% means every worker pulls its full weight; it drops once workers outnumber cores or wait on each other."
      series={series}
      counts={counts}
      maxWorkers={Math.max(...counts, cores, 1)}
      yTop={top}
      yTicks={Array.from({ length: top / 25 + 1 }, (_, i) => i * 25)}
      yFormat={(v) => `${v}%`}
      references={
        <>
          <ReferenceLine y={100} stroke="var(--ideal)" strokeDasharray="8 6" strokeWidth={2} />
          <ReferenceLine x={cores} stroke="var(--cores-line)" strokeWidth={2} />
        </>
      }
    />
  );
}
