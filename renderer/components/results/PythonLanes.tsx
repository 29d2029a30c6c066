/**
 * Lanes for real CPython threads, beside the emulated GIL's: per thread of a py-threads cell's last measured
 * run, the units it ran (from Python's perf_counter) and its CPU time (time.thread_time) against its wall
 * time. Python does not say who held its GIL, so these lanes say only when each unit ran and how much CPU
 * the thread got: a CPU-bound thread with CPU well under its wall time was waiting for the lock.
 */
import { useState } from 'react';
import type { ResultEntry } from '../../../electron/common/report';
import { MODEL_TITLES } from '../../../electron/common/config';
import { MODEL_STYLE } from '../../charts/palette';
import { formatMs } from '../../../electron/common/format';
import { ChartFrame } from '../common/ChartFrame';
import { LANE_WIDTH, LaneAxis, LaneStrip } from '../common/LaneStrip';

const keyOf = (r: ResultEntry) => `${r.workload}/${r.model}/${r.workers}`;

/** The cells with Python lanes; the default is the most threads of the first workload. */
export function pythonLaneChoices(results: readonly ResultEntry[]): ResultEntry[] {
  return results.filter((r) => r.pythonLanes && r.pythonLanes.lanes.length > 0);
}

export function PythonLanesSection({ results }: { results: readonly ResultEntry[] }) {
  const choices = pythonLaneChoices(results);
  const [picked, setPicked] = useState<string | null>(null);
  const fallback = choices.reduce<ResultEntry | undefined>(
    (best, r) => (best && (best.workload !== r.workload || best.workers >= r.workers) ? best : r),
    undefined,
  );
  const entry = choices.find((r) => keyOf(r) === picked) ?? fallback;
  const lanes = entry?.pythonLanes;
  if (!entry || !lanes) return null;
  const windowMs = Math.max(lanes.wallMs, ...lanes.lanes.flatMap((l) => l.units.map((u) => u.endMs)), 1e-3);
  const x = (ms: number) => (Math.max(0, ms) / windowMs) * LANE_WIDTH;
  return (
    <section className="panel" aria-labelledby="py-lanes-heading" data-testid="python-lanes">
      <h2 id="py-lanes-heading">Inside CPython&apos;s threads</h2>
      <label>
        Run{' '}
        <select
          value={keyOf(entry)}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="python-lanes-picker"
        >
          {choices.map((r) => (
            <option key={keyOf(r)} value={keyOf(r)}>
              {r.workload}, {MODEL_TITLES[r.model]}, {r.workers} {r.workers === 1 ? 'thread' : 'threads'}
            </option>
          ))}
        </select>
      </label>
      <ChartFrame
        testId="python-lanes-chart"
        size="auto"
        title={`${entry.workload}, ${entry.workers} CPython threads: the last measured run (${formatMs(lanes.wallMs)})`}
        summary={`Units run by each of ${lanes.lanes.length} CPython threads over ${formatMs(windowMs)}.`}
        caption="CPython thread: units it ran; CPU time from time.thread_time. Unlike the emulated GIL's lanes these do not show who held the lock (CPython does not say); a thread whose CPU time is well under its wall time spent the rest waiting, for the GIL or for I/O."
      >
        <div className="timeline">
          {lanes.lanes.map((lane) => (
            <div className="lane" key={lane.thread} data-testid="python-lane">
              {/* Two lines: the CPU figure does not fit the label column beside the thread's name. */}
              <span className="lane-label lane-label-two" data-testid="python-lane-label">
                Thread {lane.thread + 1}:
                <span className="lane-sub">
                  {' '}
                  CPU {formatMs(lane.cpuMs)} of {formatMs(lane.wallMs)} wall
                </span>
              </span>
              <LaneStrip>
                {lane.units.map((u) => (
                  <rect
                    key={u.index}
                    data-unit={u.index}
                    x={x(u.startMs)}
                    y="1"
                    width={Math.max(0.8, x(u.endMs) - x(u.startMs))}
                    height="8"
                    fill={MODEL_STYLE[entry.model].color}
                    stroke="var(--lane-bg)"
                    strokeWidth="0.5"
                  />
                ))}
              </LaneStrip>
            </div>
          ))}
          <LaneAxis windowMs={windowMs} />
        </div>
      </ChartFrame>
    </section>
  );
}
