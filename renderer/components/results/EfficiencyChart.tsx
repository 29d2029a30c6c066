/** Efficiency = speedup / workers, in percent: how much each added worker is worth. */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ResultEntry } from '../../../electron/common/report';
import { MODEL_TITLES } from '../../../electron/common/config';
import { MODEL_STYLE } from '../../charts/palette';
import { efficiencySeries, workerCounts } from '../../charts/shape';
import { ChartFrame } from '../common/ChartFrame';
import { Legend, modelItems } from '../common/Legend';
import { markerDot } from '../common/Marker';
import { CHART_MARGIN } from './SpeedupChart';
import { GRID_PROPS, workersAxisProps } from '../../charts/axes';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly workload: string;
  readonly cores: number;
}

export function EfficiencyChart({ results, workload, cores }: Props) {
  const series = efficiencySeries(results, workload);
  const counts = workerCounts(results, workload);
  const maxWorkers = Math.max(...counts, cores, 1);
  const top = Math.ceil(Math.max(100, ...series.flatMap((s) => s.points.map((p) => p.value))) / 25) * 25;
  const ticks = Array.from({ length: top / 25 + 1 }, (_, i) => i * 25);
  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1];
      return last ? `${MODEL_TITLES[s.model]} ${Math.round(last.value)}% at ${last.workers} workers` : '';
    })
    .filter(Boolean)
    .join('; ');

  return (
    <ChartFrame
      testId="efficiency-chart"
      size="small"
      title="Efficiency"
      summary={`Efficiency of ${workload}. ${summary}.`}
      caption="Speedup divided by workers. 100% means every worker pulls its full weight; it drops once workers outnumber cores or wait on each other."
      legend={<Legend items={modelItems(series.map((s) => s.model))} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 280 }}>
        <LineChart margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...workersAxisProps(maxWorkers, counts)} />
          <YAxis
            type="number"
            domain={[0, top]}
            ticks={ticks}
            stroke="var(--axis)"
            tickFormatter={(v: number) => `${v}%`}
            width={60}
          />
          <ReferenceLine y={100} stroke="var(--ideal)" strokeDasharray="8 6" strokeWidth={2} />
          <ReferenceLine x={cores} stroke="var(--cores-line)" strokeWidth={2} />
          {series.map((s) => (
            <Line
              key={s.model}
              data={s.points}
              dataKey="value"
              stroke={MODEL_STYLE[s.model].color}
              strokeWidth={3}
              dot={markerDot(MODEL_STYLE[s.model].shape, MODEL_STYLE[s.model].color)}
              activeDot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
