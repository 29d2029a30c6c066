/** Wall-clock time per run: the median with whiskers from the fastest to the slowest repetition. */
import {
  CartesianGrid,
  ErrorBar,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { ResultEntry } from '../../../electron/common/report';
import { MODEL_STYLE } from '../../charts/palette';
import { baselineMs, wallSeries, workerCounts } from '../../charts/shape';
import { axisMs, coveringTicks } from '../../charts/ticks';
import { formatMs } from '../../../electron/common/format';
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

export function WallTimeChart({ results, workload, cores }: Props) {
  const series = wallSeries(results, workload);
  const counts = workerCounts(results, workload);
  const maxWorkers = Math.max(...counts, cores, 1);
  const base = baselineMs(results, workload);
  const ticks = coveringTicks(Math.max(base ?? 0, ...series.flatMap((s) => s.points.map((p) => p.max))));

  return (
    <ChartFrame
      testId="wall-time-chart"
      size="small"
      title="Time per run"
      summary={`Median wall time of ${workload}${base !== null ? `; the sequential baseline takes ${formatMs(base)}` : ''}.`}
      caption="Lower is better. Dots are medians; whiskers reach the fastest and slowest repetition. The flat dashed line is one sequential worker."
      legend={
        <Legend
          items={[
            ...modelItems(series.map((s) => s.model)),
            ...(base !== null
              ? [
                  {
                    key: 'base',
                    label: `Sequential ${formatMs(base)}`,
                    color: 'var(--model-sequential)',
                    dashed: true,
                  },
                ]
              : []),
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 280 }}>
        <LineChart margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...workersAxisProps(maxWorkers, counts)} />
          <YAxis
            type="number"
            domain={[0, ticks[ticks.length - 1] || 1]}
            ticks={ticks}
            stroke="var(--axis)"
            tickFormatter={axisMs}
            width={80}
          />
          {base !== null ? (
            <ReferenceLine y={base} stroke="var(--model-sequential)" strokeDasharray="8 6" strokeWidth={2} />
          ) : null}
          {series.map((s) => (
            <Line
              key={s.model}
              data={s.points}
              dataKey="median"
              stroke={MODEL_STYLE[s.model].color}
              strokeWidth={2}
              dot={markerDot(MODEL_STYLE[s.model].shape, MODEL_STYLE[s.model].color)}
              activeDot={false}
              isAnimationActive={false}
            >
              <ErrorBar
                dataKey="spread"
                width={8}
                stroke={MODEL_STYLE[s.model].color}
                strokeWidth={2}
                direction="y"
              />
            </Line>
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
