/**
 * Lanes for a Beazley-style GIL timeline: one row per thread, coloured intervals for holding the lock,
 * waiting for it and being in I/O. Spans thinner than the screen can show are merged with their neighbours
 * of the same state, so a run with thousands of switches still draws a few hundred shapes per lane.
 */
import type { GilStats, ResultEntry, TimelineSpan } from '../../electron/common/report';

export { niceTicks } from './ticks';

export type SpanState = TimelineSpan['state'];

export interface Segment {
  readonly state: SpanState;
  readonly startMs: number;
  readonly endMs: number;
}

export interface Lane {
  readonly thread: number;
  readonly segments: readonly Segment[];
  /** time spent in each state inside the window, ms */
  readonly totals: Readonly<Record<SpanState, number>>;
}

export interface TimelineView {
  readonly lanes: readonly Lane[];
  /** the window shown: [0, windowMs] */
  readonly windowMs: number;
  readonly wallMs: number;
}

export interface TimelineOptions {
  /** show only the first windowMs of the run (default: all of it) */
  readonly windowMs?: number;
  /** gaps and slivers below this are merged (default: window / 2000, about half a pixel on a wide screen) */
  readonly resolutionMs?: number;
}

export function timelineLanes(gil: GilStats, opts: TimelineOptions = {}): TimelineView {
  const lastEnd = gil.timeline.reduce((m, s) => Math.max(m, s.endMs), 0);
  const wallMs = Math.max(gil.timelineWallMs, lastEnd);
  const windowMs = Math.min(opts.windowMs ?? wallMs, wallMs) || wallMs;
  const resolution = opts.resolutionMs ?? windowMs / 2000;
  const threads = new Set<number>(gil.threads.map((t) => t.thread));
  for (const s of gil.timeline) threads.add(s.thread);

  const lanes = [...threads]
    .sort((a, b) => a - b)
    .map((thread): Lane => {
      const spans = gil.timeline
        .filter((s) => s.thread === thread && s.endMs > 0 && s.startMs < windowMs)
        .map((s) => ({ state: s.state, startMs: Math.max(0, s.startMs), endMs: Math.min(windowMs, s.endMs) }))
        .sort((a, b) => a.startMs - b.startMs);
      const totals: Record<SpanState, number> = { hold: 0, wait: 0, io: 0 };
      const segments: Segment[] = [];
      for (const s of spans) {
        totals[s.state] += s.endMs - s.startMs;
        const prev = segments[segments.length - 1];
        if (prev && prev.state === s.state && s.startMs - prev.endMs <= resolution) {
          segments[segments.length - 1] = { ...prev, endMs: Math.max(prev.endMs, s.endMs) };
        } else if (prev && s.endMs - s.startMs < resolution && s.startMs - prev.endMs <= resolution) {
          // A sliver too thin to see between two spans: let the previous span absorb it.
          segments[segments.length - 1] = { ...prev, endMs: Math.max(prev.endMs, s.endMs) };
        } else {
          segments.push(s);
        }
      }
      return { thread, segments, totals };
    });
  return { lanes, windowMs, wallMs };
}

/** The GIL-bound results that carry a timeline, for the picker. */
export function timelineChoices(results: readonly ResultEntry[]): ResultEntry[] {
  return results.filter((r) => r.model === 'gil' && r.gil && r.gil.timeline.length > 0);
}

/**
 * The most telling timeline to open with: CPU-bound work with two or more threads fighting over the lock
 * (up to the core count), else anything with more than one thread, else the first one.
 */
export function defaultTimeline(results: readonly ResultEntry[], logicalCores: number): ResultEntry | null {
  const choices = timelineChoices(results);
  const contended = choices
    .filter((r) => r.kind === 'cpu' && r.workers >= 2)
    .sort(
      (a, b) =>
        Math.abs(a.workers - Math.max(2, logicalCores)) - Math.abs(b.workers - Math.max(2, logicalCores)),
    );
  return contended[0] ?? choices.find((r) => r.workers >= 2) ?? choices[0] ?? null;
}
