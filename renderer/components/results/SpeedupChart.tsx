/**
 * Speedup against worker count: one line per model with its 95% confidence interval (band and whiskers),
 * the ideal line (speedup = workers, dashed), the core count as a vertical line, and optionally the Amdahl
 * curve fitted to each model.
 */
import {
  Area,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
  CartesianGrid,
} from 'recharts';
import type { AmdahlFit, ResultEntry } from '../../../electron/common/report';
import { KIND_LABEL, speedupCaption, speedupSummary } from '../../charts/describe';
import { MODEL_STYLE } from '../../charts/palette';
import {
  amdahlCurve,
  fitFor,
  idealLine,
  speedupAxis,
  speedupSeries,
  workerCounts,
  type WorkloadKindName,
} from '../../charts/shape';
import { ChartFrame } from '../common/ChartFrame';
import { Legend, modelItems } from '../common/Legend';
import { modelLineStyle } from '../common/Marker';
import { GRID_PROPS, workersAxisProps } from '../../charts/axes';

interface Props {
  readonly results: readonly ResultEntry[];
  readonly fits: readonly AmdahlFit[];
  readonly workload: string;
  readonly kind: WorkloadKindName;
  readonly title: string;
  readonly cores: number;
  readonly showFit: boolean;
}

export const CHART_MARGIN = { top: 16, right: 24, bottom: 28, left: 8 };
const INITIAL = { width: 640, height: 340 };

export function SpeedupChart({ results, fits, workload, kind, title, cores, showFit }: Props) {
  const series = speedupSeries(results, workload);
  const counts = workerCounts(results, workload);
  const maxWorkers = Math.max(...counts, cores, 1);
  const axis = speedupAxis(series, maxWorkers);
  const points = series.reduce((n, s) => n + s.points.length, 0);
  // The engine fits Amdahl's law to the counts up to the core count; beyond it the curve would predict
  // speedups that need cores this machine does not have, so it is drawn only as far as it was fitted.
  const fitMax = Math.max(1, Math.min(cores, maxWorkers));
  const fitItems = showFit ? series.flatMap((s) => (fitFor(fits, workload, s.model) ? [s.model] : [])) : [];

  return (
    <ChartFrame
      testId={`speedup-chart-${kind}`}
      extra={{ 'data-workload': workload, 'data-points': points }}
      title={`${KIND_LABEL[kind]}: ${title}`}
      summary={speedupSummary(workload, series)}
      caption={speedupCaption(kind, cores)}
      legend={
        <Legend
          items={[
            ...modelItems(series.map((s) => s.model)),
            { key: 'ideal', label: 'Ideal (speedup = workers)', color: 'var(--ideal)', dashed: true },
            ...(fitItems.length
              ? [
                  {
                    key: 'fit',
                    label: `Amdahl's law fit, up to ${fitMax} ${fitMax === 1 ? 'worker' : 'workers'} (dotted)`,
                    color: 'var(--text-muted)',
                    dashed: true,
                  },
                ]
              : []),
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL}>
        <ComposedChart margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis
            {...workersAxisProps(
              maxWorkers,
              [...new Set([...counts, cores])].sort((a, b) => a - b),
            )}
          />
          <YAxis
            type="number"
            domain={axis.domain}
            ticks={axis.ticks}
            stroke="var(--axis)"
            tickFormatter={(v: number) => `${v}×`}
            width={56}
          />
          <ReferenceLine
            x={cores}
            stroke="var(--cores-line)"
            strokeWidth={2}
            label={{
              value: `${cores} ${cores === 1 ? 'core' : 'cores'}`,
              position: 'insideTopLeft',
              fill: 'var(--cores-line)',
            }}
            ifOverflow="extendDomain"
          />
          <Line
            data={idealLine(maxWorkers)}
            dataKey="value"
            stroke="var(--ideal)"
            strokeWidth={2}
            strokeDasharray="8 6"
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
          {series.map((s) => (
            <Area
              key={`band-${s.model}`}
              data={[...s.points]}
              dataKey="band"
              stroke="none"
              fill={MODEL_STYLE[s.model].color}
              fillOpacity={0.08}
              isAnimationActive={false}
              activeDot={false}
            />
          ))}
          {fitItems.map((model) => {
            const fit = fitFor(fits, workload, model);
            return fit ? (
              <Line
                key={`fit-${model}`}
                data={amdahlCurve(fit.serialFraction, fitMax)}
                dataKey="value"
                stroke={MODEL_STYLE[model].color}
                strokeWidth={2}
                strokeDasharray="2 5"
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ) : null;
          })}
          {series.map((s) => (
            <Line
              key={s.model}
              data={[...s.points]}
              dataKey="speedup"
              name={MODEL_STYLE[s.model].short}
              strokeWidth={3}
              {...modelLineStyle(s.model)}
            >
              <ErrorBar
                dataKey="error"
                width={6}
                stroke={MODEL_STYLE[s.model].color}
                strokeWidth={2}
                direction="y"
              />
            </Line>
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
