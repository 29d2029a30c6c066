/**
 * One figure per cell against workers, a line per model: what the efficiency and cores-busy charts share.
 * Each says what its figure is, where its axis ends and which reference lines it draws.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Model } from '../../../electron/common/config';
import { GRID_PROPS, workersAxisProps } from '../../charts/axes';
import type { XYPoint } from '../../charts/shape';
import { ChartFrame } from '../common/ChartFrame';
import { Legend, modelItems } from '../common/Legend';
import { modelLineStyle } from '../common/Marker';
import { CHART_MARGIN } from './SpeedupChart';

interface Props {
  readonly testId: string;
  readonly title: string;
  readonly summary: string;
  readonly caption: string;
  readonly series: readonly { model: Model; points: XYPoint[] }[];
  readonly counts: readonly number[];
  readonly maxWorkers: number;
  readonly yTop: number;
  readonly yTicks?: readonly number[];
  readonly yFormat: (v: number) => string;
  /** recharts ReferenceLine elements, drawn under the model lines */
  readonly references: ReactNode;
}

export function FigureLineChart(p: Props) {
  return (
    <ChartFrame
      testId={p.testId}
      size="small"
      title={p.title}
      summary={p.summary}
      caption={p.caption}
      legend={<Legend items={modelItems(p.series.map((s) => s.model))} />}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 280 }}>
        <LineChart margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis {...workersAxisProps(p.maxWorkers, [...p.counts])} />
          <YAxis
            type="number"
            domain={[0, p.yTop]}
            {...(p.yTicks ? { ticks: [...p.yTicks] } : { allowDecimals: false })}
            stroke="var(--axis)"
            tickFormatter={p.yFormat}
            width={60}
          />
          {p.references}
          {p.series.map((s) => (
            <Line
              key={s.model}
              data={s.points}
              dataKey="value"
              strokeWidth={3}
              {...modelLineStyle(s.model)}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
