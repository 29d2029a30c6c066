/** The GIL timeline with a picker (which run, how much of it) and the per-thread lock statistics. */
import { useState } from 'react';
import type { ResultEntry } from '../../../electron/common/report';
import { SPAN_STYLE } from '../../charts/palette';
import { defaultTimeline, timelineChoices, timelineLanes } from '../../charts/timeline';
import { formatInterval, formatMs } from '../../../electron/common/format';
import { ChartFrame } from '../common/ChartFrame';
import { Legend } from '../common/Legend';
import { GilStatsTable } from './GilStatsTable';
import { GilTimeline } from './GilTimeline';

const WINDOWS = [
  { value: 0, label: 'The whole run' },
  { value: 100, label: 'First 100 ms' },
  { value: 25, label: 'First 25 ms' },
] as const;

const keyOf = (r: ResultEntry) => `${r.workload}/${r.workers}`;

export function GilSection({ results, cores }: { results: readonly ResultEntry[]; cores: number }) {
  const choices = timelineChoices(results);
  const first = defaultTimeline(results, cores);
  const [picked, setPicked] = useState<string | null>(null);
  const [windowMs, setWindowMs] = useState(0);
  const entry = choices.find((r) => keyOf(r) === picked) ?? first;
  if (!entry?.gil) return null;
  const gil = entry.gil;
  const view = timelineLanes(gil, windowMs ? { windowMs } : {});

  return (
    <section className="panel" aria-labelledby="gil-heading">
      <h2 id="gil-heading">Inside the GIL</h2>
      <div className="controls-row">
        <label>
          Run{' '}
          <select
            value={keyOf(entry)}
            onChange={(e) => setPicked(e.target.value)}
            data-testid="gil-run-picker"
          >
            {choices.map((r) => (
              <option key={keyOf(r)} value={keyOf(r)}>
                {r.workload} ({r.kind}), {r.workers} {r.workers === 1 ? 'thread' : 'threads'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show{' '}
          <select
            value={windowMs}
            onChange={(e) => setWindowMs(Number(e.target.value))}
            data-testid="gil-window"
          >
            {WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ChartFrame
        testId="gil-timeline"
        size="auto"
        title={`${entry.workload}, ${entry.workers} GIL-bound threads: the last measured run (${formatMs(view.wallMs)})`}
        summary={`Timeline of ${view.lanes.length} threads sharing one lock over ${formatMs(view.windowMs)}.`}
        caption={
          entry.kind === 'cpu'
            ? `Emulated GIL: who held the lock. One lane per thread. Only one lane can be green at a time: the threads take turns, handing the lock over about every ${formatInterval(gil.switchIntervalMs)}, so adding threads adds no speed.`
            : 'Emulated GIL: who held the lock. One lane per thread. Blue stretches overlap: a thread waiting on I/O lets go of the lock, so the others can run or wait alongside it.'
        }
        legend={
          <Legend
            items={[
              ...(['hold', 'wait', 'io'] as const).map((s) => ({
                key: s,
                label: SPAN_STYLE[s].label,
                color: SPAN_STYLE[s].color,
                block: true,
              })),
              {
                key: 'gap',
                label: 'Handing over (between lock calls)',
                color: 'var(--lane-bg)',
                block: true,
              },
            ]}
          />
        }
      >
        <GilTimeline view={view} switchIntervalMs={gil.switchIntervalMs} />
      </ChartFrame>
      {gil.truncated ? (
        <p className="note">This run switched so often that only its first part was recorded.</p>
      ) : null}
      <GilStatsTable threads={gil.threads} />
    </section>
  );
}
