/**
 * A speedup chart while the run goes: the medians so far, one line per model with its markers, the ideal line
 * and the core count, on the same axes, in the same frame and with the same labels as the finished
 * SpeedupChart. Drawn by hand as one small SVG, like the CpuChart: through recharts every live redraw cost
 * tens of milliseconds of CPU (its selectors, text measuring and the garbage they leave), taken from the
 * workers being measured. It redraws only when its own points change or its box is resized. The finished
 * chart (intervals, fits, bands) stays recharts.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { Symbols } from 'recharts';
import { KIND_LABEL, speedupCaption, speedupSummary } from '../../charts/describe';
import { MODEL_STYLE, type MarkerShape } from '../../charts/palette';
import type { ResultEntry } from '../../../electron/common/report';
import {
  speedupAxis,
  speedupSeries,
  withLiveSpeedups,
  workerCounts,
  type ModelSeries,
  type WorkloadKindName,
} from '../../charts/shape';
import { ChartFrame } from '../common/ChartFrame';
import { Legend, modelItems } from '../common/Legend';
import { CHART_MARGIN } from '../results/SpeedupChart';

export interface LiveSpeedupProps {
  readonly workload: string;
  readonly kind: WorkloadKindName;
  readonly title: string;
  readonly cores: number;
  /** this workload's speedup lines so far (no intervals yet) */
  readonly series: readonly ModelSeries[];
  /** the worker counts to tick on the x axis, ascending (the core count among them) */
  readonly xTicks: readonly number[];
  readonly maxWorkers: number;
  readonly yTop: number;
  readonly yTicks: readonly number[];
}

/** The box before it is measured (and where nothing measures, as in tests): the finished chart's. */
const INITIAL = { width: 640, height: 340 } as const;
/** What recharts gives the axes, so both charts put the plot in the same place. */
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 30;
const TICK_PX = 6;

/** The plot's box in pixels, followed with a ResizeObserver (which fires only when the box changes). */
function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>(INITIAL);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (!box || box.width <= 0 || box.height <= 0) return;
      setSize((s) =>
        s.width === Math.round(box.width) && s.height === Math.round(box.height)
          ? s
          : { width: Math.round(box.width), height: Math.round(box.height) },
      );
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}

/**
 * A model's marker, drawn once where a point first appears: a redraw only moves its group. Through recharts'
 * Symbols every redraw built each marker's path again (d3-shape): a third of the JavaScript garbage a
 * streaming live view made, in a sampling heap profile.
 */
const MarkerAtOrigin = memo(function MarkerAtOrigin({ shape, color }: { shape: MarkerShape; color: string }) {
  return (
    <Symbols cx={0} cy={0} type={shape} size={90} fill={color} stroke="var(--surface)" strokeWidth={1.5} />
  );
});

function LiveSpeedupChartImpl(p: LiveSpeedupProps) {
  const { ref, size } = useBoxSize();
  const left = CHART_MARGIN.left + Y_AXIS_WIDTH;
  const right = Math.max(left + 1, size.width - CHART_MARGIN.right);
  const top = CHART_MARGIN.top;
  const bottom = Math.max(top + 1, size.height - CHART_MARGIN.bottom - X_AXIS_HEIGHT);
  const xSpan = Math.max(1e-9, p.maxWorkers - 1);
  const x = (workers: number) => left + ((workers - 1) / xSpan) * (right - left);
  const y = (speedup: number) => bottom - (speedup / Math.max(1e-9, p.yTop)) * (bottom - top);
  const points = p.series.reduce((n, s) => n + s.points.length, 0);
  const coresLabel = `${p.cores} ${p.cores === 1 ? 'core' : 'cores'}`;
  return (
    <ChartFrame
      testId={`speedup-chart-${p.kind}`}
      extra={{ 'data-workload': p.workload, 'data-points': points }}
      title={`${KIND_LABEL[p.kind]}: ${p.title}`}
      summary={speedupSummary(p.workload, p.series)}
      caption={`${speedupCaption(p.kind, p.cores)} (Live: medians so far; intervals and fits come with the final results.)`}
      legend={
        <Legend
          items={[
            ...modelItems(p.series.map((s) => s.model)),
            { key: 'ideal', label: 'Ideal (speedup = workers)', color: 'var(--ideal)', dashed: true },
          ]}
        />
      }
    >
      <div ref={ref} className="live-speedup-box">
        <svg width={size.width} height={size.height} focusable="false" aria-hidden="true">
          <g stroke="var(--grid)" strokeDasharray="2 4">
            {p.yTicks.map((t) => (
              <line key={`h${t}`} x1={left} x2={right} y1={y(t)} y2={y(t)} />
            ))}
            {p.xTicks.map((t) => (
              <line key={`v${t}`} x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
            ))}
          </g>
          <g stroke="var(--axis)">
            <line x1={left} x2={right} y1={bottom} y2={bottom} />
            <line x1={left} x2={left} y1={top} y2={bottom} />
            {p.xTicks.map((t) => (
              <line key={`xt${t}`} x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + TICK_PX} />
            ))}
            {p.yTicks.map((t) => (
              <line key={`yt${t}`} x1={left - TICK_PX} x2={left} y1={y(t)} y2={y(t)} />
            ))}
          </g>
          {p.xTicks.map((t) => (
            <text key={`xl${t}`} x={x(t)} y={bottom + TICK_PX + 2} dy="0.71em" textAnchor="middle">
              {t}
            </text>
          ))}
          {p.yTicks.map((t) => (
            <text key={`yl${t}`} x={left - TICK_PX - 2} y={y(t)} dy="0.355em" textAnchor="end">
              {`${t}×`}
            </text>
          ))}
          <text
            x={(left + right) / 2}
            y={size.height - CHART_MARGIN.bottom + 16}
            textAnchor="middle"
            className="live-axis-label"
          >
            workers
          </text>
          <line
            x1={x(p.cores)}
            x2={x(p.cores)}
            y1={top}
            y2={bottom}
            stroke="var(--cores-line)"
            strokeWidth={2}
          />
          <text x={x(p.cores) + 5} y={top + 5} dy="0.71em" className="live-cores-label">
            {coresLabel}
          </text>
          <line
            x1={x(1)}
            y1={y(1)}
            x2={x(p.maxWorkers)}
            y2={y(p.maxWorkers)}
            stroke="var(--ideal)"
            strokeWidth={2}
            strokeDasharray="8 6"
          />
          {p.series.map((s) => {
            const { color, shape } = MODEL_STYLE[s.model];
            return (
              <g key={s.model} data-model={s.model}>
                <polyline
                  points={s.points.map((pt) => `${x(pt.workers)},${y(pt.speedup)}`).join(' ')}
                  fill="none"
                  stroke={color}
                  strokeWidth={3}
                />
                {s.points.map((pt) => (
                  <g key={pt.workers} transform={`translate(${x(pt.workers)}, ${y(pt.speedup)})`}>
                    <MarkerAtOrigin shape={shape} color={color} />
                  </g>
                ))}
              </g>
            );
          })}
        </svg>
      </div>
    </ChartFrame>
  );
}

/** Two charts show the same thing when their points, axes and labels are the same: only then is a redraw skipped. */
function sameChart(a: LiveSpeedupProps, b: LiveSpeedupProps): boolean {
  return (
    a.workload === b.workload &&
    a.kind === b.kind &&
    a.title === b.title &&
    a.cores === b.cores &&
    a.maxWorkers === b.maxWorkers &&
    a.yTop === b.yTop &&
    a.xTicks.join() === b.xTicks.join() &&
    a.yTicks.join() === b.yTicks.join() &&
    seriesKey(a.series) === seriesKey(b.series)
  );
}

function seriesKey(series: readonly ModelSeries[]): string {
  return series
    .map((s) => `${s.model}:${s.points.map((p) => `${p.workers}=${p.speedup}`).join(',')}`)
    .join(';');
}

export const LiveSpeedupChart = memo(LiveSpeedupChartImpl, sameChart);

/**
 * The live speedup charts, one per workload in the given order. Each is shaped afresh from the results so far
 * (cheap), and redraws only when its own figures change: a result for one workload leaves the others alone.
 */
export function LiveSpeedupGrid({
  results: measured,
  workloads,
  cores,
  titles,
}: {
  readonly results: readonly ResultEntry[];
  readonly workloads: readonly { name: string; kind: WorkloadKindName }[];
  readonly cores: number;
  readonly titles: Readonly<Record<string, string>>;
}) {
  if (workloads.length === 0)
    return <p className="note">The first results will appear here as soon as they are measured.</p>;
  const results = withLiveSpeedups(measured);
  return (
    <>
      {workloads.map((w) => {
        const series = speedupSeries(results, w.name);
        const counts = workerCounts(results, w.name);
        const maxWorkers = Math.max(...counts, cores, 1);
        const axis = speedupAxis(series, maxWorkers);
        return (
          <LiveSpeedupChart
            key={w.name}
            workload={w.name}
            kind={w.kind}
            title={titles[w.name] ?? w.name}
            cores={cores}
            series={series}
            xTicks={[...new Set([...counts, cores])].sort((a, b) => a - b)}
            maxWorkers={maxWorkers}
            yTop={axis.domain[1]}
            yTicks={axis.ticks}
          />
        );
      })}
    </>
  );
}
