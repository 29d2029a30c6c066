/**
 * Every measured run of every cell as a dot, one row per cell, the median as a bar: the honest picture for 3
 * to 30 runs. A cell whose runs fall into two groups (another program busy during half of them) shows two
 * clusters in its row, which the median and whiskers of the other charts hide.
 */
import {
  CartesianGrid,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  XAxis,
  YAxis,
  type ScatterShapeProps,
} from 'recharts';
import type { ResultEntry } from '../../../electron/common/report';
import { stripRows, type StripRow } from '../../../electron/common/strip';
import { formatMs } from '../../../electron/common/format';
import { GRID_PROPS } from '../../charts/axes';
import { MODEL_STYLE } from '../../charts/palette';
import { axisMs, coveringTicks } from '../../charts/ticks';
import { ChartFrame } from '../common/ChartFrame';
import { Legend, modelItems } from '../common/Legend';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly workload: string;
}

const ROW_PX = 30;
/** How much of a row's height the dots may spread over: the jitter's -1..1 times this, in rows. */
const SPREAD_ROWS = 0.28;

/** One plotted dot: its time, and its row (counted from the top) plus jitter. */
interface Dot {
  readonly wallMs: number;
  readonly row: number;
  readonly outlier: boolean;
  /** its row's label, on the drawn dot too: what a test or a tooltip reader finds it by */
  readonly cell: string;
}

function dotsOf(rows: readonly StripRow[], model: StripRow['model']): Dot[] {
  return rows.flatMap((r, i) =>
    r.model === model
      ? r.points.map((p) => ({
          wallMs: p.wallMs,
          row: i + p.jitter * SPREAD_ROWS,
          outlier: p.outlier,
          cell: r.label,
        }))
      : [],
  );
}

/** A dot, or a ring for an outlier, so it reads without colour too. */
function dotShape(color: string) {
  function StripDot({ cx, cy, payload }: ScatterShapeProps) {
    const dot = payload as Dot | undefined;
    const outlier = dot?.outlier === true;
    return (
      <circle
        className="strip-dot"
        data-cell={dot?.cell}
        cx={cx}
        cy={cy}
        r={4}
        fill={outlier ? 'none' : color}
        fillOpacity={0.75}
        stroke={color}
        strokeWidth={outlier ? 1.5 : 0}
      />
    );
  }
  return StripDot;
}

function MedianBar({ cx, cy }: ScatterShapeProps) {
  const half = ROW_PX * SPREAD_ROWS + 4;
  if (cx === undefined || cy === undefined) return null;
  return (
    <line
      className="strip-median"
      x1={cx}
      x2={cx}
      y1={cy - half}
      y2={cy + half}
      stroke="var(--text)"
      strokeWidth={2.5}
    />
  );
}

export function DistributionChart({ results, workload }: Props) {
  const rows = stripRows(results, workload);
  if (rows.length === 0) return null;
  const models = [...new Set(rows.map((r) => r.model))];
  const ticks = coveringTicks(Math.max(...rows.flatMap((r) => r.points.map((p) => p.wallMs))));
  const runs = rows.reduce((sum, r) => sum + r.points.length, 0);
  const height = rows.length * ROW_PX + 60;
  const medians = rows.map((r, i) => ({ wallMs: r.medianMs, row: i }));

  return (
    <ChartFrame
      testId="distribution-chart"
      size="auto"
      title="Every run"
      summary={`All ${runs} measured runs of ${workload}, one row per model and worker count. ${rows
        .map((r) => `${r.label}: median ${formatMs(r.medianMs)}`)
        .join('; ')}.`}
      caption="Each dot is one measured run (a ring: an outlier); the bar is the cell's median. Dots in two clusters in one row mean the runs did not all see the same machine, another program or a CPU changing speed, which the median alone hides."
      legend={<Legend items={modelItems(models)} />}
      extra={{ 'data-workload': workload, 'data-runs': runs }}
    >
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
        <ScatterChart margin={{ top: 8, right: 24, bottom: 28, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis
            type="number"
            dataKey="wallMs"
            domain={[0, ticks[ticks.length - 1] || 1]}
            ticks={ticks}
            tickFormatter={axisMs}
            stroke="var(--axis)"
            label={{
              value: 'time per run',
              position: 'insideBottom',
              offset: -16,
              fill: 'var(--text-muted)',
            }}
          />
          <YAxis
            type="number"
            dataKey="row"
            reversed
            domain={[-0.5, rows.length - 0.5]}
            ticks={rows.map((_, i) => i)}
            tickFormatter={(i: number) => rows[i]?.label ?? ''}
            interval={0}
            width={130}
            stroke="var(--axis)"
          />
          {models.map((m) => (
            <Scatter
              key={m}
              data={dotsOf(rows, m)}
              shape={dotShape(MODEL_STYLE[m].color)}
              isAnimationActive={false}
            />
          ))}
          <Scatter data={medians} shape={MedianBar} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
