/**
 * Lanes as the timeline draws them: grouped by the demo's phases, clipped to a window, and with spans too thin
 * to see merged into their neighbours, so a lane with hundreds of GIL hand-overs still draws a few shapes.
 */
import { LANE_STATES, type Lane, type LaneSpan, type LaneState } from '../../electron/common/demos';

/** A span as drawn, in ms since the demo started. */
export interface DrawnSpan {
  readonly state: LaneState;
  readonly startMs: number;
  readonly endMs: number;
  readonly label?: string;
}

export interface DrawnLane {
  readonly id: string;
  readonly label: string;
  /** 'thread', 'process', 'GIL thread', 'main' with pid and thread id when known */
  readonly detail: string;
  readonly spans: readonly DrawnSpan[];
  readonly truncated: boolean;
  /** ms spent in each state inside the window, from the spans as recorded (before any merging) */
  readonly totals: Readonly<Partial<Record<LaneState, number>>>;
}

export interface LaneGroup {
  /** '' for lanes without a group */
  readonly name: string;
  readonly lanes: readonly DrawnLane[];
}

export interface TimelineShape {
  readonly groups: readonly LaneGroup[];
  readonly fromMs: number;
  readonly toMs: number;
  /** the states that appear, in LANE_STATES order, for the legend */
  readonly states: readonly LaneState[];
  readonly spanCount: number;
}

const KIND_NAMES: Readonly<Record<Lane['kind'], string>> = {
  main: 'main thread',
  thread: 'thread',
  'gil-thread': 'GIL thread',
  process: 'process',
};

export function laneDetail(lane: Lane): string {
  const parts = [KIND_NAMES[lane.kind]];
  if (lane.pid !== undefined) parts.push(`pid ${lane.pid}`);
  if (lane.threadId !== undefined && lane.kind !== 'process') parts.push(`tid ${lane.threadId}`);
  return parts.join(' · ');
}

/** The group names in order of first appearance ('' for ungrouped lanes). */
export function laneGroups(lanes: readonly Lane[]): string[] {
  const names: string[] = [];
  for (const l of lanes) if (!names.includes(l.group ?? '')) names.push(l.group ?? '');
  return names;
}

/** The time a set of lanes covers: from its first span's start to its last span's end. */
export function extentOf(lanes: readonly Lane[]): { fromMs: number; toMs: number } {
  let from = Infinity;
  let to = 0;
  for (const l of lanes)
    for (const s of l.spans) {
      if (s.startMs < from) from = s.startMs;
      if (s.endMs > to) to = s.endMs;
    }
  return Number.isFinite(from) ? { fromMs: from, toMs: to } : { fromMs: 0, toMs: 0 };
}

/** Same-state neighbours closer than `resolutionMs` become one span (nothing is hidden). */
export function mergeSpans(spans: readonly LaneSpan[], resolutionMs: number): DrawnSpan[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const out: DrawnSpan[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.state === s.state && s.startMs - prev.endMs <= resolutionMs) {
      out[out.length - 1] = { ...prev, endMs: Math.max(prev.endMs, s.endMs) };
    } else {
      out.push({
        state: s.state,
        startMs: s.startMs,
        endMs: s.endMs,
        ...(s.label ? { label: s.label } : {}),
      });
    }
  }
  return out;
}

/** Lanes with more spans than this are drawn from buckets, each showing the state it was in most. */
export const DENSE_SPANS = 150;
const BUCKETS = 600;

/**
 * A dense lane resampled: the window cut into equal buckets, each coloured by the state that filled most of
 * it (left empty when nothing filled half of it), then neighbours of one state joined. Unlike dropping thin
 * spans, this keeps a lane that switches state every millisecond looking as busy as it was.
 */
export function bucketSpans(spans: readonly LaneSpan[], fromMs: number, toMs: number): DrawnSpan[] {
  const width = (toMs - fromMs) / BUCKETS;
  const fill = LANE_STATES.map(() => new Float64Array(BUCKETS));
  for (const s of spans) {
    const k = LANE_STATES.indexOf(s.state);
    const row = fill[k];
    if (!row) continue;
    const a = Math.max(fromMs, s.startMs);
    const b = Math.min(toMs, s.endMs);
    for (let i = Math.max(0, Math.floor((a - fromMs) / width)); i < BUCKETS; i++) {
      const lo = fromMs + i * width;
      if (lo >= b) break;
      row[i] = (row[i] ?? 0) + Math.max(0, Math.min(b, lo + width) - Math.max(a, lo));
    }
  }
  const out: DrawnSpan[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    let best = -1;
    let total = 0;
    let most = 0;
    fill.forEach((row, k) => {
      const v = row[i] ?? 0;
      total += v;
      if (v > most) {
        most = v;
        best = k;
      }
    });
    const state = LANE_STATES[best];
    if (!state || total < width / 2) continue;
    const startMs = fromMs + i * width;
    const prev = out[out.length - 1];
    if (prev && prev.state === state && Math.abs(prev.endMs - startMs) < width / 100)
      out[out.length - 1] = { ...prev, endMs: startMs + width };
    else out.push({ state, startMs, endMs: startMs + width });
  }
  return out;
}

/**
 * The timeline for `lanes`: only `group` when given, over [fromMs, toMs] (default: what the lanes cover,
 * from 0 when showing every group), merging below about half a pixel of a 1000-unit-wide lane.
 */
export function shapeTimeline(
  lanes: readonly Lane[],
  opts: { group?: string | null; fromMs?: number; toMs?: number } = {},
): TimelineShape {
  const shown = opts.group == null ? lanes : lanes.filter((l) => (l.group ?? '') === opts.group);
  const ext = extentOf(shown);
  const fromMs = opts.fromMs ?? (opts.group == null ? 0 : ext.fromMs);
  const toMs = Math.max(fromMs + 1, opts.toMs ?? ext.toMs);
  const resolution = (toMs - fromMs) / 2000;
  const present = new Set<LaneState>();
  let spanCount = 0;
  const groups: LaneGroup[] = laneGroups(shown).map((name) => ({
    name,
    lanes: shown
      .filter((l) => (l.group ?? '') === name)
      .map((l) => {
        const inside = l.spans
          .filter((s) => s.endMs >= fromMs && s.startMs <= toMs)
          .map((s) => ({ ...s, startMs: Math.max(fromMs, s.startMs), endMs: Math.min(toMs, s.endMs) }));
        const spans =
          inside.length > DENSE_SPANS ? bucketSpans(inside, fromMs, toMs) : mergeSpans(inside, resolution);
        const totals: Partial<Record<LaneState, number>> = {};
        for (const s of inside) {
          present.add(s.state);
          totals[s.state] = (totals[s.state] ?? 0) + (s.endMs - s.startMs);
        }
        spanCount += spans.length;
        return { id: l.id, label: l.label, detail: laneDetail(l), spans, truncated: l.truncated, totals };
      }),
  }));
  return { groups, fromMs, toMs, states: LANE_STATES.filter((s) => present.has(s)), spanCount };
}

/** A spoken summary: per lane, how long it spent in each state. */
export function describeLanes(shape: TimelineShape): string {
  const lanes = shape.groups.flatMap((g) =>
    g.lanes.map((l) => {
      const parts = LANE_STATES.flatMap((state) => {
        const ms = l.totals[state];
        return ms === undefined ? [] : [`${state} ${Math.round(ms)} ms`];
      }).join(', ');
      return `${g.name ? `${g.name}, ` : ''}${l.label}: ${parts || 'nothing yet'}`;
    }),
  );
  const span = `${Math.round(shape.fromMs)} to ${Math.round(shape.toMs)} ms`;
  return `${lanes.length} lanes from ${span}. ${lanes.join('; ')}.`;
}
