/**
 * The demo reducer and the slow-motion replay, fed with the events of real demo runs: the lanes rebuilt from
 * what a window receives must be exactly the lanes the engine put in the outcome.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import type { DemoId } from '../../../electron/common/demos';
import {
  currentPhase,
  demoActions,
  demosReducer,
  initialDemosState,
  lanesFromEvents,
  type DemoAction,
  type DemosState,
} from '../../../renderer/state/demo-runs';
import {
  advanceReplay,
  countUpTo,
  eventTimes,
  startReplay,
  stepReplay,
  replayAtEnd,
  replayEndMs,
} from '../../../renderer/state/demo-replay';
import { cancelledDemo, must, realDemo, SMALL, type RealDemo } from '../../support/real-demo';

const reduce = (events: readonly DemoAction[], from: DemosState = initialDemosState) =>
  events.reduce(demosReducer, from);

let race: RealDemo;
let deadlock: RealDemo;
let daemon: RealDemo;
beforeAll(async () => {
  race = await realDemo('race', SMALL.race);
  deadlock = await realDemo('deadlock', SMALL.deadlock);
  daemon = await realDemo('daemon', SMALL.daemon);
});

describe('demosReducer on real demo events', () => {
  it('follows a run from start to finish and rebuilds the outcome’s lanes from the live events', () => {
    expect(daemon.events.some((e) => e.type === 'spans')).toBe(true);
    for (const demo of [race, deadlock, daemon]) {
      const id: DemoId = demo.outcome.id;
      const started = reduce(demo.labEvents.slice(0, 1));
      expect(started.running).toBe(id);
      expect(started.runs[id]?.status).toBe('running');
      const live = reduce(demo.labEvents.slice(0, -1));
      expect(live.runs[id]?.events).toHaveLength(demo.events.length);
      const done = reduce(demo.labEvents);
      const run = done.runs[id];
      expect(done.running).toBeNull();
      expect(run?.status).toBe('finished');
      expect(run?.outcome).toBe(demo.outcome);
      expect(lanesFromEvents(run?.events ?? [], demo.outcome.wallMs)).toEqual(demo.outcome.lanes);
      expect(demo.outcome.lanes.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('reaches the same run when the UI applies the live events in batches', () => {
    const [start, ...rest] = deadlock.labEvents;
    const end = must(rest.pop());
    const batches: DemoAction[] = [];
    for (let i = 0; i < deadlock.events.length; i += 7)
      batches.push({ type: 'demo-events', runId: 'test-deadlock', events: deadlock.events.slice(i, i + 7) });
    const batched = reduce([must(start), ...batches, end]).runs.deadlock;
    const single = reduce(deadlock.labEvents).runs.deadlock;
    expect(batched?.events).toEqual(single?.events);
    expect(batched?.phases).toEqual(single?.phases);
    expect(batched?.status).toBe('finished');
  });

  it('turns a delivered batch into one action per run of steps, the start stamped with the UI clock', () => {
    const actions = demoActions(deadlock.labEvents, 1234);
    expect(actions.map((a) => a.type)).toEqual([
      'demo-started',
      'demo-events',
      must(deadlock.labEvents.at(-1)).type,
    ]);
    expect(actions[0]).toMatchObject({ type: 'demo-started', receivedAtMs: 1234 });
    const batched = reduce(actions).runs.deadlock;
    expect(batched?.events).toEqual(reduce(deadlock.labEvents).runs.deadlock?.events);
    // any other event in between closes the group, so the order of everything is kept
    const [first, second, ...more] = deadlock.labEvents.slice(1, -1);
    const other: LabEvent = { type: 'cpu-sample', runId: 'elsewhere', sample: { tMs: 0, loadPct: [1] } };
    expect(demoActions([must(first), other, must(second), ...more], 0).map((a) => a.type)).toEqual([
      'demo-events',
      'cpu-sample',
      'demo-events',
    ]);
  });

  it('records the phases the demo went through', () => {
    const run = reduce(deadlock.labEvents).runs.deadlock;
    const phases = deadlock.events.flatMap((e) => (e.type === 'phase' ? [e.label] : []));
    expect(phases.length).toBeGreaterThanOrEqual(3);
    expect(run?.phases.map((p) => p.label)).toEqual(phases);
    expect(run && currentPhase(run)).toBe(phases.at(-1));
  });

  it('keeps the last run of every demo, and ignores events of runs it does not know', () => {
    const both = reduce([...race.labEvents, ...deadlock.labEvents]);
    expect(both.runs.race?.outcome).toBe(race.outcome);
    expect(both.runs.deadlock?.outcome).toBe(deadlock.outcome);
    const stray: LabEvent = { type: 'demo-event', runId: 'someone-else', event: must(deadlock.events[0]) };
    expect(demosReducer(both, stray)).toBe(both);
    const experiment: LabEvent = {
      type: 'experiment-failed',
      runId: 'x',
      error: { code: 'internal', message: 'no', issues: [] },
    };
    expect(demosReducer(both, experiment)).toBe(both);
  });

  it('does not restart a run it already follows when LabInfo reports it late', () => {
    const live = reduce(race.labEvents.slice(0, 5));
    const joined = demosReducer(live, { type: 'demo-joined', runId: 'test-race', id: 'race' });
    expect(joined).toBe(live);
    const fresh = demosReducer(initialDemosState, { type: 'demo-joined', runId: 'late', id: 'semaphore' });
    expect(fresh.running).toBe('semaphore');
    expect(fresh.runs.semaphore?.events).toEqual([]);
  });

  it('returns to idle when a real demo is cancelled', async () => {
    const { labEvents, error } = await cancelledDemo('semaphore', {
      workers: 2,
      limit: 1,
      rounds: 10,
      sectionMs: 500,
    });
    expect(error.code).toBe('cancelled');
    const asked = demosReducer(reduce(labEvents.slice(0, -1)), {
      type: 'demo-cancel-requested',
      runId: 'test-cancel-semaphore',
    });
    expect(asked.runs.semaphore?.cancelling).toBe(true);
    const after = demosReducer(asked, must(labEvents.at(-1)));
    expect(after.running).toBeNull();
    expect(after.runs.semaphore).toMatchObject({ status: 'cancelled', cancelling: false, outcome: null });
    expect(after.runs.semaphore?.error?.code).toBe('cancelled');
  });
});

describe('slow-motion replay of a real run', () => {
  it('gives every event a time that never goes back', () => {
    const times = eventTimes(deadlock.events);
    expect(times).toHaveLength(deadlock.events.length);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(must(times[i - 1]));
    // A worker's last timestamp may come a hair after the host stopped its clock: the replay runs to it.
    const end = replayEndMs(times, deadlock.outcome.wallMs);
    expect(end).toBeGreaterThanOrEqual(must(times.at(-1)));
    // The bound catches a clock or unit mix-up (seconds, another epoch: off by far more); on a loaded machine
    // the hair was measured at 72 ms, so it is not asked to be small.
    expect(end).toBeLessThan(deadlock.outcome.wallMs + 1000);
    expect(countUpTo(times, -1)).toBe(0);
    expect(countUpTo(times, Infinity)).toBe(times.length);
  });

  it('steps one event at a time, paused, and ends on exactly the outcome’s lanes', () => {
    for (const { events, outcome } of [race, deadlock, daemon]) {
      const times = eventTimes(events);
      let r = stepReplay(startReplay(0.25), times);
      expect(r).toMatchObject({ active: true, playing: false, cursor: 1 });
      for (let i = 1; i < events.length; i++) {
        const next = stepReplay(r, times);
        expect(next.cursor).toBe(r.cursor + 1);
        expect(next.clockMs).toBeGreaterThanOrEqual(r.clockMs);
        r = next;
      }
      expect(stepReplay(r, times).cursor).toBe(events.length);
      // Played on to the end of the run, it stops by itself and shows what the engine recorded.
      const end = replayEndMs(times, outcome.wallMs);
      r = advanceReplay({ ...r, playing: true }, times, 1e9, end, true);
      expect(r.playing).toBe(false);
      expect(replayAtEnd(r, times, end)).toBe(true);
      expect(lanesFromEvents(events, Math.min(r.clockMs, outcome.wallMs), r.cursor)).toEqual(outcome.lanes);
    }
  });

  it('plays at a fraction of real time and never runs ahead of the live clock', () => {
    const times = eventTimes(deadlock.events);
    const quarter = advanceReplay(startReplay(0.25), times, 400, 1e9, false);
    expect(quarter.clockMs).toBeCloseTo(100, 6);
    expect(quarter.cursor).toBe(countUpTo(times, 100));
    const capped = advanceReplay(startReplay(1), times, 10_000, 50, false);
    expect(capped.clockMs).toBe(50);
    expect(capped.playing).toBe(true);
    const paused = { ...quarter, playing: false };
    expect(advanceReplay(paused, times, 400, 1e9, false)).toBe(paused);
  });
});
