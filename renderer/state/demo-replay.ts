/**
 * Slow-motion replay of a demo's lanes: a clock in engine milliseconds that runs at a fraction of real time,
 * can be paused, and can step one event at a time. The lanes shown are the LaneBoard rebuilt from the events
 * up to a cursor, drawn up to the clock, so the last frame of a replay is exactly the outcome's lanes.
 */
import type { DemoEvent } from '../../electron/common/demos';
import { eventAtMs } from './demo-runs';

export interface ReplayState {
  /** false: the view shows the live or final lanes, not a replay */
  readonly active: boolean;
  readonly playing: boolean;
  /** engine ms shown per real ms (0.25: four times slower than it happened) */
  readonly rate: number;
  /** how many events are applied */
  readonly cursor: number;
  /** the engine time drawn, ms since the demo started */
  readonly clockMs: number;
}

/** The speeds offered to a presenter, slowest last. */
export const REPLAY_RATES = [1, 0.5, 0.25, 0.1] as const;
export const SLOW_REPLAY_RATE = 0.25;

export const idleReplay: ReplayState = {
  active: false,
  playing: false,
  rate: SLOW_REPLAY_RATE,
  cursor: 0,
  clockMs: 0,
};

export function startReplay(rate: number = SLOW_REPLAY_RATE): ReplayState {
  return { active: true, playing: true, rate, cursor: 0, clockMs: 0 };
}

/**
 * When each event happened, in engine ms: its own time if it carries one, else the time of the event before
 * it. A running maximum, so the times never go back even when workers' events arrive slightly out of order.
 */
export function eventTimes(events: readonly DemoEvent[]): number[] {
  const out: number[] = [];
  let t = 0;
  for (const e of events) {
    const at = eventAtMs(e);
    if (at !== null && at > t) t = at;
    out.push(t);
  }
  return out;
}

/** How many events happened at or before `clockMs` (times are sorted). */
export function countUpTo(times: readonly number[], clockMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? Infinity) <= clockMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Moves a playing replay on by `realMs` of wall time, never past `limitMs` (the live clock while the demo
 * runs, its wall time once it has finished); it stops by itself at the end of a finished run.
 */
export function advanceReplay(
  r: ReplayState,
  times: readonly number[],
  realMs: number,
  limitMs: number,
  finished: boolean,
): ReplayState {
  if (!r.active || !r.playing) return r;
  const clockMs = Math.min(limitMs, r.clockMs + realMs * r.rate);
  const cursor = Math.max(r.cursor, countUpTo(times, clockMs));
  const done = finished && clockMs >= limitMs && cursor >= times.length;
  return { ...r, clockMs, cursor, playing: !done };
}

/** One event further, paused; the clock moves up to that event's time if it was behind it. */
export function stepReplay(r: ReplayState, times: readonly number[]): ReplayState {
  const base = r.active ? r : { ...startReplay(r.rate), playing: false };
  if (base.cursor >= times.length) return { ...base, playing: false };
  const t = times[base.cursor] ?? base.clockMs;
  return { ...base, playing: false, cursor: base.cursor + 1, clockMs: Math.max(base.clockMs, t) };
}

/**
 * Where the replay of a finished run ends: its wall time, or later when a worker's last timestamp came after
 * the host stopped its clock (by a fraction of a millisecond; the replay must still reach that event).
 */
export function replayEndMs(times: readonly number[], wallMs: number): number {
  return Math.max(wallMs, times.at(-1) ?? 0);
}

/** True once a replay has shown every event up to the end of a finished run. */
export function replayAtEnd(r: ReplayState, times: readonly number[], endMs: number): boolean {
  return r.cursor >= times.length && r.clockMs >= endMs;
}
