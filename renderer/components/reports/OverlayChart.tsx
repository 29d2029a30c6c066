/**
 * Both reports' speedup for one workload and model on one chart: A solid, B dashed, each in its own colour
 * and marker shape, with the ideal line (speedup = workers) for scale.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { OverlayChartData } from '../../state/reports-compare';
import { ChartFrame } from '../common/ChartFrame';
import { Legend } from '../common/Legend';
import { markerDot } from '../common/Marker';
import { GRID_PROPS, workersAxisProps } from '../../charts/axes';

export const REPORT_STYLE = {
  a: { color: 'var(--report-a)', shape: 'circle', dash: undefined },
  b: { color: 'var(--report-b)', shape: 'square', dash: '9 5' },
} as const;

const MARGIN = { top: 12, right: 20, bottom: 24, left: 4 };
const INITIAL = { width: 420, height: 260 };

export function OverlayChart({ chart, workloadTitle }: { chart: OverlayChartData; workloadTitle: string }) {
  const maxWorkers = Math.max(1, ...chart.workers);
  const ideal = [
    { workers: 1, ideal: 1 },
    { workers: maxWorkers, ideal: maxWorkers },
  ];
  return (
    <ChartFrame
      testId="overlay-chart"
      size="small"
      extra={{ 'data-workload': chart.workload, 'data-model': chart.model, 'data-points': chart.rows.length }}
      title={`${workloadTitle}: ${chart.title}`}
      summary={chart.summary}
      caption="Speedup against worker count in each report; where the lines part, the reports differ."
      legend={
        <Legend
          items={[
            { key: 'a', label: 'Report A', color: REPORT_STYLE.a.color, shape: REPORT_STYLE.a.shape },
            {
              key: 'b',
              label: 'Report B',
              color: REPORT_STYLE.b.color,
              shape: REPORT_STYLE.b.shape,
              dashed: true,
            },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL}>
        <LineChart margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...workersAxisProps(maxWorkers, [...chart.workers], -14)} />
          <YAxis
            type="number"
            domain={chart.domain}
            ticks={[...chart.ticks]}
            stroke="var(--axis)"
            tickFormatter={(v: number) => `${v}×`}
            width={48}
          />
          <Line
            data={ideal}
            dataKey="ideal"
            stroke="var(--ideal)"
            strokeWidth={1.5}
            strokeDasharray="2 4"
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
          {(['a', 'b'] as const).map((side) => (
            <Line
              key={side}
              data={chart.rows.filter((r) => r[side] !== undefined)}
              dataKey={side}
              name={`Report ${side.toUpperCase()}`}
              stroke={REPORT_STYLE[side].color}
              strokeWidth={3}
              strokeDasharray={REPORT_STYLE[side].dash}
              dot={markerDot(REPORT_STYLE[side].shape, REPORT_STYLE[side].color)}
              activeDot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
