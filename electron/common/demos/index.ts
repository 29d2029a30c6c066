/**
 * Classroom demos: the pure model shared by the engine, the CLI and the renderer. A demo runs real threads and
 * processes and reports what happened: lanes (one per thread or process over time), a question answered from
 * the measurements, one sentence built from the numbers, key metrics, and per-demo details.
 * No node:*, no DOM: the renderer imports this file as it is.
 */
import type { DemoDetails, DemoId } from './catalog';
import type { DemoQuestion } from './definition';

export * from './catalog';
export type * from './definition';

/** What a lane was doing during one span. */
export const LANE_STATES = [
  'running',
  'blocked',
  'waiting',
  'holding',
  'in-section',
  'sleeping',
  'io',
] as const;
export type LaneState = (typeof LANE_STATES)[number];

/** What runs a lane: the host's main thread, a worker thread (with or without the emulated GIL), a process. */
export type LaneKind = 'main' | 'thread' | 'gil-thread' | 'process';

/** A lane's identity, announced before its first span. */
export interface LaneInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: LaneKind;
  /** lanes of one phase of a demo share a group (e.g. 'beside 1 CPU thread, 5 ms'), so a UI can filter */
  readonly group?: string;
  readonly pid?: number;
  readonly threadId?: number;
}

/** One interval of one lane, in ms since the demo started. */
export interface LaneSpan {
  readonly state: LaneState;
  readonly startMs: number;
  readonly endMs: number;
  /** what the lane did, in a few words ('holds A, wants B', 'job 3') */
  readonly label?: string;
}

/** A lane with its spans. Spans are bounded per lane; `truncated` says some were dropped. */
export interface Lane extends LaneInfo {
  readonly spans: readonly LaneSpan[];
  readonly truncated: boolean;
}

/**
 * Live events of a running demo. A UI rebuilds the lanes with a LaneBoard, exactly as the engine does.
 * - lane: a new lane (thread, process) appeared;
 * - state: a lane entered a state at `atMs` (null: it ended), so an open span can grow live;
 * - spans: closed spans recorded elsewhere (a worker's lock recorder) and delivered in one go;
 * - truncated: the lane stopped reporting (its budget of spans is spent); its open span ends at `atMs`;
 * - pid: a lane learned its pid / thread id once its worker said so;
 * - phase: the demo moved to a new step ('run 2 of 5', 'fix: one lock order').
 */
export type DemoEvent =
  | { readonly type: 'lane'; readonly lane: LaneInfo }
  | {
      readonly type: 'state';
      readonly laneId: string;
      readonly state: LaneState | null;
      readonly atMs: number;
      readonly label?: string;
    }
  | { readonly type: 'spans'; readonly laneId: string; readonly spans: readonly LaneSpan[] }
  | { readonly type: 'truncated'; readonly laneId: string; readonly atMs: number }
  | { readonly type: 'pid'; readonly laneId: string; readonly pid: number; readonly threadId: number }
  | { readonly type: 'phase'; readonly label: string; readonly atMs: number };

export type DemoSpeed = 'normal' | 'slow';
/** How much slower every deliberate pause (sleeps, work steps, red lights) runs in slow motion. */
export const SLOW_FACTOR = 4;

/** A number worth showing next to the sentence. */
export interface DemoMetric {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** 'ms', 'µs', 'count', 'req/s', 'x', 'pid' ... */
  readonly unit: string;
}

/** One TypeScript file that ran, shown beside the Python. */
export interface DemoSource {
  readonly file: string;
  readonly source: string;
}

/** The measured result of one demo run. */
export interface DemoOutcome {
  readonly id: DemoId;
  readonly title: string;
  readonly startedAt: string;
  readonly wallMs: number;
  readonly speed: DemoSpeed;
  /** the parameters after defaults were applied */
  readonly params: Readonly<Record<string, number>>;
  readonly logicalCores: number;
  /** the measured outcome in one sentence, built from the numbers */
  readonly sentence: string;
  readonly question: DemoQuestion;
  /** the choice the measurements support, and why in a few words */
  readonly answer: { readonly choice: string; readonly why: string };
  readonly metrics: readonly DemoMetric[];
  readonly lanes: readonly Lane[];
  readonly summary: string;
  readonly code: { readonly python: string; readonly typescript: readonly DemoSource[] };
  readonly details: DemoDetails;
  /** things that make this run less telling (one core, a truncated timeline) */
  readonly notes: readonly string[];
}

/** Upper bounds that keep an outcome small whatever a demo does. */
export const LANE_LIMITS = { lanes: 48, spansPerLane: 400 } as const;

interface MutableLane {
  info: LaneInfo;
  spans: LaneSpan[];
  truncated: boolean;
  open: { state: LaneState; sinceMs: number; label?: string } | null;
}

/**
 * Builds lanes from DemoEvents: consecutive states become spans, bulk spans are appended, everything stays
 * within LANE_LIMITS. The engine uses it for the outcome; a UI can use it for the live view.
 */
export class LaneBoard {
  private readonly lanes = new Map<string, MutableLane>();
  private droppedLanes = 0;

  apply(event: DemoEvent): void {
    if (event.type === 'phase') return;
    if (event.type === 'lane') {
      if (this.lanes.has(event.lane.id)) return;
      if (this.lanes.size >= LANE_LIMITS.lanes) {
        this.droppedLanes++;
        return;
      }
      this.lanes.set(event.lane.id, { info: event.lane, spans: [], truncated: false, open: null });
      return;
    }
    const lane = this.lanes.get(event.laneId);
    if (!lane) return;
    if (event.type === 'pid') {
      lane.info = { ...lane.info, pid: event.pid, threadId: event.threadId };
    } else if (event.type === 'truncated') {
      if (lane.open) this.push(lane, spanOf(lane.open.state, lane.open.sinceMs, event.atMs, lane.open.label));
      lane.open = null;
      lane.truncated = true;
    } else if (event.type === 'spans') {
      for (const s of event.spans) this.push(lane, s);
    } else {
      const open = lane.open;
      if (open && open.state === event.state && open.label === event.label) return;
      if (open) this.push(lane, spanOf(open.state, open.sinceMs, event.atMs, open.label));
      lane.open =
        event.state === null
          ? null
          : { state: event.state, sinceMs: event.atMs, ...(event.label ? { label: event.label } : {}) };
    }
  }

  private push(lane: MutableLane, span: LaneSpan): void {
    if (span.endMs < span.startMs) return;
    if (lane.spans.length >= LANE_LIMITS.spansPerLane) {
      lane.truncated = true;
      return;
    }
    lane.spans.push(span);
  }

  /** Lanes so far; open spans are drawn up to `nowMs` (or left out without it). */
  snapshot(nowMs?: number): Lane[] {
    return [...this.lanes.values()].map((l) => {
      const spans = [...l.spans];
      if (l.open && nowMs !== undefined && spans.length < LANE_LIMITS.spansPerLane)
        spans.push(spanOf(l.open.state, l.open.sinceMs, Math.max(nowMs, l.open.sinceMs), l.open.label));
      return { ...l.info, spans, truncated: l.truncated };
    });
  }

  /** Lanes that did not fit into LANE_LIMITS.lanes. */
  get lanesDropped(): number {
    return this.droppedLanes;
  }
}

function spanOf(state: LaneState, startMs: number, endMs: number, label?: string): LaneSpan {
  return { state, startMs, endMs, ...(label ? { label } : {}) };
}

/**
 * The most lanes in `state` at any one moment, from the spans alone (a sweep over start and end times; a span
 * that ends exactly when another starts does not overlap it).
 */
export function maxConcurrent(lanes: readonly Lane[], state: LaneState): { max: number; atMs: number } {
  const edges: [number, number][] = [];
  for (const lane of lanes)
    for (const s of lane.spans)
      if (s.state === state && s.endMs > s.startMs) edges.push([s.startMs, 1], [s.endMs, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  let atMs = 0;
  for (const [t, d] of edges) {
    now += d;
    if (now > max) {
      max = now;
      atMs = t;
    }
  }
  return { max, atMs };
}

/** Total ms a lane spent in `state`. */
export function timeIn(lane: Lane, state: LaneState): number {
  return lane.spans.reduce((sum, s) => (s.state === state ? sum + (s.endMs - s.startMs) : sum), 0);
}
