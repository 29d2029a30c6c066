/**
 * A timeline of one GIL-bound run in the manner of David Beazley's GIL visualisations: a lane per thread,
 * coloured by what the thread was doing. With CPU-bound threads only one lane is ever green at a time, and
 * the hand-overs come about one switch interval apart.
 */
import { SPAN_STYLE } from '../../charts/palette';
import type { TimelineView } from '../../charts/timeline';
import { LANE_WIDTH, LaneAxis, LaneStrip } from '../common/LaneStrip';
import { formatInterval } from '../../../electron/common/format';

interface Props {
  readonly view: TimelineView;
  readonly switchIntervalMs: number;
}

export function GilTimeline({ view, switchIntervalMs }: Props) {
  const { lanes, windowMs } = view;
  const x = (ms: number) => (ms / windowMs) * LANE_WIDTH;
  const intervalPct = Math.min(100, (switchIntervalMs / windowMs) * 100);
  return (
    <div className="timeline">
      {lanes.map((lane) => (
        <div className="lane" key={lane.thread} data-testid="gil-lane">
          <span className="lane-label">Thread {lane.thread + 1}</span>
          <LaneStrip>
            {lane.segments.map((s, i) => (
              <rect
                key={i}
                x={x(s.startMs)}
                y="0"
                // Never thinner than a hairline, so a brief hold still shows as a tick.
                width={Math.max(0.8, x(s.endMs) - x(s.startMs))}
                height="10"
                fill={SPAN_STYLE[s.state].color}
              />
            ))}
          </LaneStrip>
        </div>
      ))}
      <LaneAxis windowMs={windowMs} />
      <div className="lane lane-interval">
        <span className="lane-label" />
        <div className="interval-scale">
          <span className="interval-bar" style={{ width: `${intervalPct}%` }} />
          <span>switch interval {formatInterval(switchIntervalMs)}</span>
        </div>
      </div>
    </div>
  );
}
