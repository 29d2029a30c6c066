/**
 * The lanes a demo page draws: live while the demo runs (redrawn at a bounded pace), the outcome's own lanes
 * once it has finished, or a slow-motion replay with pause and single steps. A run in slow motion starts
 * replaying at once, so the lanes trail the real run at a quarter of its speed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DemoEvent, Lane } from '../../electron/common/demos';
import { lanesFromEvents, lastEventMs, type DemoRun } from '../state/demo-runs';
import {
  advanceReplay,
  eventTimes,
  idleReplay,
  replayEndMs,
  startReplay,
  stepReplay,
  SLOW_REPLAY_RATE,
  type ReplayState,
} from '../state/demo-replay';

/**
 * Live lanes redraw at most twice a second and a replay five times a second: enough to watch them grow,
 * while leaving the CPU to the threads being measured (several demos time their work).
 */
export const LIVE_REDRAW_MS = 500;
export const REPLAY_TICK_MS = 200;

export type TimelineMode = 'empty' | 'live' | 'final' | 'replay';

export interface DemoTimeline {
  readonly mode: TimelineMode;
  readonly lanes: readonly Lane[];
  /** the axis ends here: the run's wall time once known, else the live clock */
  readonly endMs: number;
  readonly replay: ReplayState;
  readonly eventsTotal: number;
  play(): void;
  pause(): void;
  step(): void;
  restart(): void;
  setRate(rate: number): void;
  /** back to the live or final lanes */
  stop(): void;
}

interface Frame {
  readonly events: readonly DemoEvent[];
  /** the live clock: engine ms since the start */
  readonly nowMs: number;
}

const EMPTY: Frame = { events: [], nowMs: 0 };

function liveNow(run: DemoRun): number {
  const last = lastEventMs(run.events);
  if (run.status === 'finished' && run.outcome) return run.outcome.wallMs;
  if (run.status !== 'running' || run.receivedAtMs === null) return last;
  return Math.max(last, performance.now() - run.receivedAtMs);
}

function initialReplay(run: DemoRun | null, rate: number): ReplayState {
  return run?.speed === 'slow' && run.status === 'running' ? startReplay(rate) : { ...idleReplay, rate };
}

/**
 * `live` false (the user's "live charts" preference off) skips the live redraws: the lanes appear when the
 * demo has finished, leaving every core to it. A slow-motion replay still plays: it is what was asked for.
 */
export function useDemoTimeline(run: DemoRun | null, live = true): DemoTimeline {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  }, [run]);
  const [rate, setRateState] = useState(SLOW_REPLAY_RATE);
  const [replay, setReplay] = useState<ReplayState>(() => initialReplay(run, rate));
  const [frame, setFrame] = useState<Frame>(EMPTY);
  // A new run (or another demo's run) starts from a clean slate.
  const [forRun, setForRun] = useState<string | null>(run?.runId ?? null);
  if ((run?.runId ?? null) !== forRun) {
    setForRun(run?.runId ?? null);
    setReplay(initialReplay(run, rate));
    setFrame(EMPTY);
  }

  const running = run?.status === 'running';
  useEffect(() => {
    if (!running || replay.active || !live) return;
    const timer = setInterval(() => {
      const r = runRef.current;
      if (r) setFrame({ events: r.events, nowMs: liveNow(r) });
    }, LIVE_REDRAW_MS);
    return () => clearInterval(timer);
  }, [running, replay.active, live]);

  const playing = replay.active && replay.playing;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const r = runRef.current;
      if (!r) return;
      const now = performance.now();
      // The updater runs later, at render time: take the elapsed time now, not from the shared variable.
      const realMs = now - last;
      last = now;
      const times = eventTimes(r.events);
      const limit = r.outcome ? replayEndMs(times, r.outcome.wallMs) : liveNow(r);
      const finished = r.status !== 'running';
      setFrame({ events: r.events, nowMs: limit });
      setReplay((s) => advanceReplay(s, times, realMs, limit, finished));
    }, REPLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing]);

  const outcome = run?.outcome ?? null;
  const wallMs = outcome ? outcome.wallMs : Infinity;
  const mode: TimelineMode = !run
    ? 'empty'
    : replay.active
      ? 'replay'
      : run.status === 'running'
        ? 'live'
        : 'final';

  // A run that has ended no longer changes: its lanes are computed once.
  const ended = run && run.status !== 'running' ? run : null;
  const endedLanes = useMemo((): readonly Lane[] => {
    if (!ended) return [];
    // A finished run draws exactly what the engine recorded; a failed one what its events say.
    return ended.outcome ? ended.outcome.lanes : lanesFromEvents(ended.events, lastEventMs(ended.events));
  }, [ended]);
  // Live and replayed lanes change only with a frame, never with each event.
  const movingLanes = useMemo((): readonly Lane[] => {
    // Drawn no further than the run's wall time, so the last frame is exactly the engine's lanes.
    if (mode === 'replay')
      return lanesFromEvents(frame.events, Math.min(replay.clockMs, wallMs), replay.cursor);
    if (mode === 'live') return lanesFromEvents(frame.events, frame.nowMs);
    return [];
  }, [mode, frame, replay.clockMs, replay.cursor, wallMs]);
  const lanes = mode === 'final' ? endedLanes : movingLanes;

  const endMs =
    outcome && (mode === 'final' || mode === 'replay')
      ? outcome.wallMs
      : mode === 'live' || mode === 'replay'
        ? Math.max(frame.nowMs, replay.active ? replay.clockMs : 0)
        : run
          ? lastEventMs(run.events)
          : 0;

  const grab = useCallback((): readonly DemoEvent[] => {
    const r = runRef.current;
    if (!r) return [];
    setFrame({ events: r.events, nowMs: liveNow(r) });
    return r.events;
  }, []);

  const play = useCallback(() => {
    const events = grab();
    setReplay((s) => {
      if (!s.active) return startReplay(s.rate);
      const atEnd = s.cursor >= events.length && runRef.current?.status !== 'running';
      return atEnd ? startReplay(s.rate) : { ...s, playing: true };
    });
  }, [grab]);
  const pause = useCallback(() => setReplay((s) => ({ ...s, playing: false })), []);
  const step = useCallback(() => {
    const times = eventTimes(grab());
    setReplay((s) => stepReplay(s, times));
  }, [grab]);
  const restart = useCallback(() => {
    grab();
    setReplay((s) => startReplay(s.rate));
  }, [grab]);
  const setRate = useCallback((next: number) => {
    setRateState(next);
    setReplay((s) => ({ ...s, rate: next }));
  }, []);
  const stop = useCallback(() => {
    grab();
    setReplay((s) => ({ ...idleReplay, rate: s.rate }));
  }, [grab]);

  return {
    mode,
    lanes,
    endMs,
    replay,
    eventsTotal: run?.events.length ?? 0,
    play,
    pause,
    step,
    restart,
    setRate,
    stop,
  };
}
