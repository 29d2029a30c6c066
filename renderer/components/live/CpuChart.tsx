/**
 * Live load of every logical core while the experiment runs, one line per core. Drawn by hand as one small
 * SVG of polylines stretched to the plot (strokes keep their width), with the axis labels in HTML so they
 * follow the text size: it redraws every second during a run, and through recharts each redraw cost tens of
 * milliseconds of CPU taken from the workers being measured. Nothing here is interactive.
 */
import type { CpuSample } from '../../../electron/common/report';
import { coreColor } from '../../charts/palette';
import { CPU_BOX_WIDTH, cpuLines } from '../../charts/shape';
import { windowTicks } from '../../charts/ticks';
import { ChartFrame } from '../common/ChartFrame';
import { Legend } from '../common/Legend';

const LOAD_TICKS = [100, 75, 50, 25, 0] as const;

export function CpuChart({ samples, cores }: { samples: readonly CpuSample[]; cores: number }) {
  const { lines, fromS, toS } = cpuLines(samples, cores);
  const n = lines.length;
  const last = samples[samples.length - 1];
  const avg =
    last && last.loadPct.length ? last.loadPct.reduce((a, b) => a + b, 0) / last.loadPct.length : null;
  const spanS = toS - fromS;
  const timeTicks = spanS > 0 ? windowTicks(fromS, toS, 5) : [];
  return (
    <ChartFrame
      testId="cpu-chart"
      extra={{ 'data-samples': samples.length }}
      title="CPU load per core"
      summary={avg === null ? 'No CPU samples yet.' : `Average load now ${Math.round(avg)}% over ${n} cores.`}
      caption="How busy each core is (0–100%). CPU-bound threads and processes fill every core; threads sharing a GIL fill about one; sleeping work barely shows."
      legend={
        n <= 8 ? (
          <Legend
            items={lines.map((_, i) => ({ key: String(i), label: `Core ${i + 1}`, color: coreColor(i) }))}
          />
        ) : null
      }
    >
      <div className="cpu-plot" aria-hidden="true">
        <div className="cpu-load-axis">
          {LOAD_TICKS.map((v) => (
            <span key={v} className="tick cpu-load-tick" style={{ top: `${100 - v}%` }}>
              {v}%
            </span>
          ))}
        </div>
        <svg
          className="cpu-svg"
          viewBox={`0 0 ${CPU_BOX_WIDTH} 100`}
          preserveAspectRatio="none"
          focusable="false"
        >
          {LOAD_TICKS.slice(1, -1).map((v) => (
            <line
              key={v}
              x1={0}
              x2={CPU_BOX_WIDTH}
              y1={100 - v}
              y2={100 - v}
              stroke="var(--grid)"
              strokeDasharray="2 4"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {lines.map((points, i) => (
            <polyline
              key={i}
              points={points}
              fill="none"
              stroke={coreColor(i)}
              strokeWidth={2.5}
              strokeLinejoin="round"
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
        <div className="axis cpu-time-axis">
          {timeTicks.map((t) => (
            <span key={t} className="tick" style={{ left: `${((t - fromS) / spanS) * 100}%` }}>
              {t} s
            </span>
          ))}
        </div>
      </div>
    </ChartFrame>
  );
}
