import { beforeAll, describe, expect, it } from 'vitest';
import type { GilStats, Report } from '../../electron/common/report';
import { defaultTimeline, timelineChoices, timelineLanes } from '../../renderer/charts/timeline';
import { axisMs, coveringTicks, niceTicks, windowTicks } from '../../renderer/charts/ticks';
import { realRun } from '../support/real-report';

let report: Report;
beforeAll(async () => {
  ({ report } = await realRun());
});

function gilOf(workload: string, workers: number): GilStats {
  const gil = report.results.find(
    (r) => r.workload === workload && r.model === 'gil' && r.workers === workers,
  )?.gil;
  if (!gil) throw new Error(`no GIL stats for ${workload} x ${workers}`);
  return gil;
}

describe('GIL timeline lanes from real spans', () => {
  it('has a lane per thread, in thread order, with segments inside the run', () => {
    const gil = gilOf('primes', 2);
    const view = timelineLanes(gil);
    expect(view.lanes.map((l) => l.thread)).toEqual([0, 1]);
    expect(view.windowMs).toBeGreaterThan(0);
    for (const lane of view.lanes) {
      expect(lane.segments.length).toBeGreaterThan(0);
      let last = -Infinity;
      for (const s of lane.segments) {
        expect(s.startMs).toBeGreaterThanOrEqual(last - 1e-9);
        expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
        expect(s.endMs).toBeLessThanOrEqual(view.windowMs + 1e-9);
        last = s.endMs;
      }
    }
  });

  it('two CPU-bound threads both hold the lock at some point, and both wait for it', () => {
    const view = timelineLanes(gilOf('primes', 2), { resolutionMs: 0 });
    for (const lane of view.lanes) {
      expect(lane.totals.hold).toBeGreaterThan(0);
    }
    expect(view.lanes.some((l) => l.totals.wait > 0)).toBe(true);
  });

  it('the sleeping job spends most of its time in I/O, outside the lock', () => {
    const view = timelineLanes(gilOf('sleep', 2), { resolutionMs: 0 });
    for (const lane of view.lanes) expect(lane.totals.io).toBeGreaterThan(lane.totals.hold);
  });

  it('with zero resolution nothing is merged; per-state totals equal the raw spans', () => {
    const gil = gilOf('primes', 2);
    const view = timelineLanes(gil, { resolutionMs: 0 });
    for (const lane of view.lanes) {
      const raw = gil.timeline.filter((s) => s.thread === lane.thread);
      for (const state of ['hold', 'wait', 'io'] as const) {
        const sum = raw
          .filter((s) => s.state === state)
          .reduce((a, s) => a + Math.min(s.endMs, view.windowMs) - s.startMs, 0);
        expect(lane.totals[state]).toBeCloseTo(sum, 6);
      }
    }
  });

  it('a window clips the lanes to its start, and coarse resolution merges spans', () => {
    const gil = gilOf('primes', 2);
    const full = timelineLanes(gil, { resolutionMs: 0 });
    const half = full.wallMs / 2;
    const clipped = timelineLanes(gil, { windowMs: half });
    expect(clipped.windowMs).toBeCloseTo(half, 9);
    for (const lane of clipped.lanes)
      for (const s of lane.segments) expect(s.endMs).toBeLessThanOrEqual(half + 1e-9);
    const coarse = timelineLanes(gil, { resolutionMs: full.wallMs });
    for (const [i, lane] of coarse.lanes.entries()) {
      expect(lane.segments.length).toBeLessThanOrEqual(full.lanes[i]?.segments.length ?? 0);
      expect(lane.segments.length).toBeLessThanOrEqual(3);
    }
  });

  it('picks a contended CPU-bound run to open with', () => {
    const choices = timelineChoices(report.results);
    expect(choices.every((r) => r.model === 'gil')).toBe(true);
    const first = defaultTimeline(report.results, 2);
    expect(first?.kind).toBe('cpu');
    expect(first?.workers).toBe(2);
  });

  it('axis ticks are round numbers covering the window', () => {
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(7.3)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(0)).toEqual([0]);
    expect(coveringTicks(263)).toEqual([0, 100, 200, 300]);
    expect(coveringTicks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(axisMs(250)).toBe('250 ms');
    expect(axisMs(1500)).toBe('1.5 s');
  });

  it('a sliding window’s ticks are round numbers inside it', () => {
    expect(windowTicks(0.5, 60.5)).toEqual([20, 40, 60]);
    expect(windowTicks(3, 9)).toEqual([4, 6, 8]);
    expect(windowTicks(10, 12.5)).toEqual([10, 10.5, 11, 11.5, 12, 12.5]);
    expect(windowTicks(2, 2)).toEqual([2]);
  });
});
