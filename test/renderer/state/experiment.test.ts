import { beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import {
  experimentReducer,
  initialExperimentState,
  MAX_SAMPLES,
  type ExperimentAction,
  type ExperimentState,
} from '../../../renderer/state/experiment';
import { realRun, type RealRun } from '../../support/real-report';

let run: RealRun;
beforeAll(async () => {
  run = await realRun();
});

const replay = (events: readonly ExperimentAction[], from: ExperimentState = initialExperimentState) =>
  events.reduce(experimentReducer, from);

describe('experiment state built from real engine events', () => {
  it('goes idle -> running -> finished and ends with the report', () => {
    const started = experimentReducer(initialExperimentState, run.events[0] as LabEvent);
    expect(run.events[0]?.type).toBe('experiment-started');
    expect(started.status).toBe('running');
    expect(started.runId).toBe(run.report.id);

    const midway = replay(run.events.slice(0, -1));
    expect(midway.status).toBe('running');
    expect(midway.progress?.total).toBeGreaterThan(0);
    // Partial results arrive as cells are measured, one entry per cell however often it is updated.
    const keys = midway.results.map((r) => `${r.workload}/${r.model}/${r.workers}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(midway.results.length).toBeGreaterThan(0);

    const done = replay(run.events);
    expect(done.status).toBe('finished');
    expect(done.report).toBe(run.report);
    expect(done.results).toEqual(run.report.results);
  });

  it('ignores events of another run and stale events after the end', () => {
    const done = replay(run.events);
    const foreign = run.events
      .map((e) => ({ ...e, runId: 'someone-else' }))
      .filter((e) => e.type !== 'experiment-started');
    expect(replay(foreign as LabEvent[], done)).toBe(done);
    const late = run.events.filter((e) => e.type === 'progress' || e.type === 'result');
    expect(replay(late, done)).toBe(done);
  });

  it('a cancelled report ends in cancelled, a failure in failed', () => {
    const running = replay(run.events.slice(0, 1));
    const cancelling = experimentReducer(running, { type: 'cancel-requested' });
    expect(cancelling.cancelling).toBe(true);
    const cancelled = experimentReducer(cancelling, {
      type: 'experiment-finished',
      runId: run.report.id,
      report: { ...run.report, status: 'cancelled' },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelling).toBe(false);

    const failed = experimentReducer(running, {
      type: 'experiment-failed',
      runId: run.report.id,
      error: { code: 'internal', message: 'boom', issues: [] },
    });
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('boom');
  });

  it('a late joiner follows the run from info.running, and joining twice does not reset it', () => {
    const joined = experimentReducer(initialExperimentState, {
      type: 'joined',
      runId: run.report.id,
      config: run.report.config,
    });
    const withProgress = replay(run.events.filter((e) => e.type === 'progress').slice(0, 2), joined);
    expect(withProgress.progress).not.toBeNull();
    const again = experimentReducer(withProgress, {
      type: 'joined',
      runId: run.report.id,
      config: run.report.config,
    });
    expect(again).toBe(withProgress);
  });

  it('keeps a bounded window of CPU samples', () => {
    let state = replay(run.events.slice(0, 1));
    for (let i = 0; i < MAX_SAMPLES + 30; i++) {
      state = experimentReducer(state, {
        type: 'cpu-sample',
        runId: run.report.id,
        sample: { tMs: i * 500, loadPct: [i % 100] },
      });
    }
    expect(state.samples).toHaveLength(MAX_SAMPLES);
    expect(state.samples[state.samples.length - 1]?.tMs).toBe((MAX_SAMPLES + 29) * 500);
  });

  it('demo events leave the experiment alone', () => {
    const running = replay(run.events.slice(0, 1));
    const demo: LabEvent = {
      type: 'demo-failed',
      runId: run.report.id,
      error: { code: 'cancelled', message: 'stopped', issues: [] },
    };
    expect(experimentReducer(running, demo)).toBe(running);
  });

  it('reset returns to idle, but never while a run is going', () => {
    const running = replay(run.events.slice(0, 1));
    expect(experimentReducer(running, { type: 'reset' })).toBe(running);
    expect(experimentReducer(replay(run.events), { type: 'reset' }).status).toBe('idle');
  });
});
