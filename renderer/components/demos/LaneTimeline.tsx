/**
 * A lane per thread or process over time, coloured by state, grouped by the demo's phases: HTML labels and
 * one stretched SVG per lane (crisp at any width), a time axis in ms, and a legend of the states that occur.
 * Announced as one image with a spoken summary of how long each lane spent in each state.
 */
import { memo, useId, useMemo, useState } from 'react';
import { LANE_STATES, type Lane } from '../../../electron/common/demos';
import { niceTicks } from '../../charts/ticks';
import {
  describeLanes,
  laneGroups,
  shapeTimeline,
  type DrawnLane,
  type TimelineShape,
} from '../../state/demo-lanes';
import { formatMs } from '../../../electron/common/format';
import { LANE_STYLE } from './lane-style';

const WIDTH = 1000;
/** Above this many shapes, hover titles are left out: thousands of <title>s cost more than they help. */
const MAX_TITLES = 1500;

interface Props {
  readonly lanes: readonly Lane[];
  /** the axis ends here (at least where the lanes end) */
  readonly endMs: number;
  /** phases of the run, listed under the axis */
  readonly phases: readonly { readonly label: string; readonly atMs: number }[];
  /** a caption under the lanes: live, replay position or final */
  readonly status: string;
}

/** Round tick values inside [from, to], with the step niceTicks picks for that span. */
function roundTicks(fromMs: number, toMs: number): number[] {
  const step = niceTicks(toMs - fromMs)[1] ?? toMs - fromMs;
  if (!(step > 0)) return [fromMs];
  const out: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

function LaneRow({
  lane,
  fromMs,
  toMs,
  stripes,
  titles,
}: {
  lane: DrawnLane;
  fromMs: number;
  toMs: number;
  stripes: string;
  titles: boolean;
}) {
  const x = (ms: number) => ((ms - fromMs) / (toMs - fromMs)) * WIDTH;
  return (
    <div className="demo-lane" data-testid="demo-lane" data-lane={lane.id} data-spans={lane.spans.length}>
      <span className="demo-lane-label">
        <span className="demo-lane-name">{lane.label}</span>
        <span className="demo-lane-detail">
          {lane.detail}
          {lane.truncated ? ' · cut short' : ''}
        </span>
      </span>
      <svg
        className="demo-lane-svg"
        viewBox={`0 0 ${WIDTH} 10`}
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="0" y="0" width={WIDTH} height="10" fill="var(--lane-bg)" />
        {lane.spans.map((s, i) => {
          const style = LANE_STYLE[s.state];
          // Never thinner than a hairline, so a brief state still shows as a tick.
          const w = Math.max(0.8, x(s.endMs) - x(s.startMs));
          return (
            <g key={i}>
              <rect x={x(s.startMs)} y="0" width={w} height="10" fill={style.color} data-state={s.state}>
                {titles ? (
                  <title>{`${style.label}${s.label ? `: ${s.label}` : ''} (${formatMs(s.startMs)} to ${formatMs(s.endMs)})`}</title>
                ) : null}
              </rect>
              {style.striped ? (
                <rect x={x(s.startMs)} y="0" width={w} height="10" fill={`url(#${stripes})`} />
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** One block of lanes on one time axis: every group of `shape`, then the axis. */
function LaneBlock({
  shape,
  stripes,
  titled,
}: {
  shape: TimelineShape;
  stripes: string;
  /** group titles are shown when there is more than one group in the whole timeline */
  titled: boolean;
}) {
  const span = shape.toMs - shape.fromMs;
  const titles = shape.spanCount <= MAX_TITLES;
  return (
    <div className="demo-lane-block">
      {shape.groups.map((g) => (
        <div key={g.name} className="demo-lane-group" data-group={g.name}>
          {g.name && titled ? <p className="demo-lane-group-title">{g.name}</p> : null}
          {g.lanes.map((lane) => (
            <LaneRow
              key={lane.id}
              lane={lane}
              fromMs={shape.fromMs}
              toMs={shape.toMs}
              stripes={stripes}
              titles={titles}
            />
          ))}
        </div>
      ))}
      <div className="demo-lane demo-lane-axis" aria-hidden="true">
        <span className="demo-lane-label">ms since start</span>
        <div className="axis">
          {roundTicks(shape.fromMs, shape.toMs).map((t) => (
            <span key={t} className="tick" style={{ left: `${((t - shape.fromMs) / span) * 100}%` }}>
              {Number(t.toPrecision(6))}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}

type Layout = 'shared' | 'split';

function LaneTimelineImpl({ lanes, endMs, phases, status }: Props) {
  const stripes = `${useId().replace(/:/g, '')}-stripes`;
  const groups = useMemo(() => laneGroups(lanes), [lanes]);
  const [group, setGroup] = useState<string | null>(null);
  const [layoutChoice, setLayout] = useState<Layout | null>(null);
  const chosen = group !== null && groups.includes(group) ? group : null;
  // Many phases one after another leave each a thin slice of a shared axis: give each its own by default.
  const layout: Layout = layoutChoice ?? (groups.length > 3 ? 'split' : 'shared');
  const shapes = useMemo((): TimelineShape[] => {
    if (chosen !== null) return [shapeTimeline(lanes, { group: chosen })];
    if (layout === 'split' && groups.length > 1) return groups.map((g) => shapeTimeline(lanes, { group: g }));
    return [shapeTimeline(lanes, { toMs: Math.max(endMs, 1) })];
  }, [lanes, chosen, layout, groups, endMs]);
  const states = LANE_STATES.filter((st) => shapes.some((sh) => sh.states.includes(st)));
  const fromMs = Math.min(...shapes.map((sh) => sh.fromMs));
  const toMs = Math.max(...shapes.map((sh) => sh.toMs));
  const shownPhases = phases.filter((p) => p.atMs >= fromMs && p.atMs <= toMs);

  return (
    <figure className="demo-timeline" data-testid="demo-timeline" data-lanes={lanes.length}>
      <svg width="0" height="0" className="demo-defs" aria-hidden="true" focusable="false">
        <defs>
          <pattern
            id={stripes}
            width="6"
            height="10"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(35)"
          >
            <rect width="2" height="10" fill="var(--lane-stripe)" />
          </pattern>
        </defs>
      </svg>
      {groups.length > 1 ? (
        <div className="demo-timeline-tools">
          <label>
            Show{' '}
            <select
              value={chosen ?? ''}
              onChange={(e) => setGroup(e.target.value === '' ? null : e.target.value)}
              data-testid="demo-lane-group"
            >
              <option value="">every phase</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g || 'other lanes'}
                </option>
              ))}
            </select>
          </label>
          {chosen === null ? (
            <div className="segmented" role="group" aria-label="Time axis">
              <button type="button" aria-pressed={layout === 'shared'} onClick={() => setLayout('shared')}>
                One time axis
              </button>
              <button type="button" aria-pressed={layout === 'split'} onClick={() => setLayout('split')}>
                An axis per phase
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="demo-lanes" role="img" aria-label={shapes.map(describeLanes).join(' ')}>
        {lanes.length === 0 ? (
          <p className="note">The lanes appear as soon as the demo starts its threads.</p>
        ) : (
          shapes.map((sh, i) => <LaneBlock key={i} shape={sh} stripes={stripes} titled={groups.length > 1} />)
        )}
      </div>
      <ul className="legend demo-legend" aria-label="Lane states">
        {states.map((st) => (
          <li key={st}>
            <span
              className={`block-swatch${LANE_STYLE[st].striped ? ' demo-swatch-striped' : ''}`}
              style={{ backgroundColor: LANE_STYLE[st].color }}
              aria-hidden="true"
            />
            <span>{LANE_STYLE[st].label}</span>
          </li>
        ))}
      </ul>
      <figcaption className="chart-caption" data-testid="demo-timeline-status">
        {status}
        {shownPhases.length ? (
          <span className="demo-phases">
            {' '}
            Phases:{' '}
            {shownPhases.map((p, i) => (
              <span key={`${p.atMs}-${i}`} className="demo-phase">
                {formatMs(p.atMs)} {p.label}
              </span>
            ))}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export const LaneTimeline = memo(LaneTimelineImpl);
