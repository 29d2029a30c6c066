/** What starting one worker costs, per model, measured before any timing. */
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SpawnStats } from '../../../electron/common/report';
import { MODEL_STYLE } from '../../charts/palette';
import { axisMs, coveringTicks } from '../../charts/ticks';
import { formatMs } from '../../../electron/common/format';
import { ChartFrame } from '../common/ChartFrame';

export function SpawnChart({ spawn }: { spawn: readonly SpawnStats[] }) {
  const rows = spawn.map((s) => ({ name: MODEL_STYLE[s.model].short, model: s.model, ms: s.perWorkerMs }));
  const thread = spawn.find((s) => s.model === 'threads');
  const proc = spawn.find((s) => s.model === 'processes');
  const ticks = coveringTicks(Math.max(0, ...rows.map((r) => r.ms)), 4);
  const ratio = thread && proc && thread.perWorkerMs > 0 ? proc.perWorkerMs / thread.perWorkerMs : null;
  return (
    <ChartFrame
      testId="spawn-chart"
      size="small"
      title="Time to start one worker"
      summary={rows.map((r) => `${r.name} ${formatMs(r.ms)}`).join(', ')}
      caption={
        ratio
          ? `A new process needs its own runtime and memory; a thread shares its parent's. Here a process took ${ratio.toFixed(1)}× as long to start as a thread.`
          : 'A new process needs its own runtime and memory; a thread shares its parent’s, so it starts faster.'
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 8, right: 80, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, ticks[ticks.length - 1] || 1]}
            ticks={ticks}
            stroke="var(--axis)"
            tickFormatter={axisMs}
          />
          <YAxis type="category" dataKey="name" stroke="var(--axis)" width={130} />
          <Bar dataKey="ms" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.model} fill={MODEL_STYLE[r.model].color} />
            ))}
            <LabelList dataKey="ms" position="right" formatter={(v: unknown) => formatMs(Number(v))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
