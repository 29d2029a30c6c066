/** Live load of every logical core while the experiment runs, one line per core. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { CpuSample } from '../../../electron/common/report';
import { coreColor } from '../../charts/palette';
import { cpuRows } from '../../charts/shape';
import { ChartFrame } from '../common/ChartFrame';
import { Legend } from '../common/Legend';

export function CpuChart({ samples, cores }: { samples: readonly CpuSample[]; cores: number }) {
  const { rows, cores: seen } = cpuRows(samples);
  const n = Math.max(seen, cores);
  const last = samples[samples.length - 1];
  const avg =
    last && last.loadPct.length ? last.loadPct.reduce((a, b) => a + b, 0) / last.loadPct.length : null;
  const lines = Array.from({ length: n }, (_, i) => i);
  return (
    <ChartFrame
      testId="cpu-chart"
      title="CPU load per core"
      summary={avg === null ? 'No CPU samples yet.' : `Average load now ${Math.round(avg)}% over ${n} cores.`}
      caption="How busy each core is (0–100%). CPU-bound threads and processes fill every core; threads sharing a GIL fill about one; sleeping work barely shows."
      legend={
        n <= 8 ? (
          <Legend
            items={lines.map((i) => ({ key: String(i), label: `Core ${i + 1}`, color: coreColor(i) }))}
          />
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 240 }}>
        <LineChart
          data={rows}
          margin={{ top: 12, right: 24, bottom: 24, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
          <XAxis
            type="number"
            dataKey="t"
            domain={['dataMin', 'dataMax']}
            stroke="var(--axis)"
            tickFormatter={(v: number) => `${Math.round(v)} s`}
            allowDecimals={false}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            stroke="var(--axis)"
            unit="%"
            width={60}
          />
          {lines.map((i) => (
            <Line
              key={i}
              dataKey={`core${i}`}
              stroke={coreColor(i)}
              strokeWidth={2.5}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
