import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../electron/common/report';
import {
  amdahlCurve,
  baselineMs,
  CPU_BOX_WIDTH,
  cpuLines,
  efficiencySeries,
  fitFor,
  idealLine,
  speedupAxis,
  withLiveSpeedups,
  speedupSeries,
  wallSeries,
  workerCounts,
  workloadsOf,
} from '../../renderer/charts/shape';
import { speedupCaption, speedupSummary } from '../../renderer/charts/describe';
import { headlineConfig, headlineWorkers } from '../../renderer/state/headline';
import { validateExperiment } from '../../electron/common/config';
import { workloadCatalog } from '../../workloads/registry';
import { realRun } from '../support/real-report';

let report: Report;
beforeAll(async () => {
  ({ report } = await realRun());
});

describe('speedup series from a real report', () => {
  it('has one line per parallel model, in model order, with the sequential baseline left out', () => {
    expect(workloadsOf(report.results)).toEqual([
      { name: 'primes', kind: 'cpu' },
      { name: 'sleep', kind: 'io' },
    ]);
    const series = speedupSeries(report.results, 'primes');
    expect(series.map((s) => s.model)).toEqual(['threads', 'processes', 'async', 'gil']);
    for (const s of series) {
      expect(s.points.map((p) => p.workers)).toEqual([1, 2]);
      expect(s.failed).toEqual([]);
    }
  });

  it('carries each cell’s measured speedup and its confidence interval as band and error bars', () => {
    for (const workload of ['primes', 'sleep']) {
      for (const s of speedupSeries(report.results, workload)) {
        for (const p of s.points) {
          const entry = report.results.find(
            (r) => r.workload === workload && r.model === s.model && r.workers === p.workers,
          );
          expect(entry?.speedup).not.toBeNull();
          expect(p.speedup).toBe(entry?.speedup?.median);
          expect(p.band).toEqual([entry?.speedup?.ciLow, entry?.speedup?.ciHigh]);
          expect(p.speedup - p.error[0]).toBeCloseTo(p.ciLow, 12);
          expect(p.speedup + p.error[1]).toBeCloseTo(p.ciHigh, 12);
          expect(p.error[0]).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('marks failed cells instead of drawing them', () => {
    const results = report.results.map((r) =>
      r.workload === 'primes' && r.model === 'threads' && r.workers === 2
        ? { ...r, failure: { reason: 'timeout' as const, message: 'took too long' } }
        : r,
    );
    const threads = speedupSeries(results, 'primes').find((s) => s.model === 'threads');
    expect(threads?.points.map((p) => p.workers)).toEqual([1]);
    expect(threads?.failed).toEqual([2]);
  });

  it('the y axis leaves room for the ideal line and every interval, with whole-number ticks', () => {
    const series = speedupSeries(report.results, 'sleep');
    const { domain, ticks } = speedupAxis(series, 2);
    expect(domain[0]).toBe(0);
    expect(domain[1]).toBeGreaterThanOrEqual(2);
    for (const s of series) for (const p of s.points) expect(domain[1]).toBeGreaterThanOrEqual(p.ciHigh);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBe(domain[1]);
    expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    expect(speedupAxis([], 16).ticks).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16]);
  });

  it('live: cells measured before the baseline get the ratio of medians, measured ones keep theirs', () => {
    const early = report.results.map((r) =>
      r.model === 'sequential' ? r : { ...r, speedup: null, efficiency: null },
    );
    const live = withLiveSpeedups(early);
    for (const [i, r] of live.entries()) {
      const measured = report.results[i];
      const base = report.results.find((x) => x.workload === r.workload && x.model === 'sequential');
      expect(r.speedup?.median).toBeCloseTo(
        (base?.wallMs?.median ?? NaN) / (measured?.wallMs?.median ?? NaN),
        9,
      );
      expect(r.speedup?.ciLow).toBe(r.speedup?.median);
    }
    // Without a baseline there is nothing to divide by.
    const noBase = early.filter((r) => r.model !== 'sequential');
    expect(withLiveSpeedups(noBase).every((r) => r.speedup === null)).toBe(true);
    // Real engine speedups are left alone.
    expect(withLiveSpeedups(report.results)).toEqual(report.results);
  });
});

describe('reference lines and fits', () => {
  it('the ideal line is speedup = workers', () => {
    expect(idealLine(4)).toEqual([
      { workers: 1, value: 1 },
      { workers: 4, value: 4 },
    ]);
  });

  it('the Amdahl curve follows 1 / (s + (1 - s) / n) for the report’s own fits', () => {
    expect(report.fits.length).toBeGreaterThan(0);
    for (const fit of report.fits) {
      expect(fitFor(report.fits, fit.workload, fit.model)).toBe(fit);
      const curve = amdahlCurve(fit.serialFraction, 4, 6);
      expect(curve[0]).toEqual({ workers: 1, value: 1 });
      expect(curve[curve.length - 1]?.workers).toBe(4);
      for (const p of curve)
        expect(p.value).toBeCloseTo(1 / (fit.serialFraction + (1 - fit.serialFraction) / p.workers), 12);
    }
    // s = 0 is perfect scaling, s = 1 no scaling at all.
    expect(amdahlCurve(0, 8, 7).map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(amdahlCurve(1, 8, 7).every((p) => p.value === 1)).toBe(true);
  });
});

describe('efficiency and wall time', () => {
  it('efficiency is speedup / workers in percent', () => {
    for (const s of efficiencySeries(report.results, 'primes')) {
      for (const p of s.points) {
        const entry = report.results.find(
          (r) => r.workload === 'primes' && r.model === s.model && r.workers === p.workers,
        );
        expect(p.value).toBeCloseTo(((entry?.speedup?.median ?? NaN) / p.workers) * 100, 9);
      }
    }
  });

  it('wall time keeps median, min and max of the measured runs', () => {
    expect(baselineMs(report.results, 'primes')).toBe(
      report.results.find((r) => r.workload === 'primes' && r.model === 'sequential')?.wallMs?.median,
    );
    for (const s of wallSeries(report.results, 'sleep')) {
      for (const p of s.points) {
        expect(p.min).toBeLessThanOrEqual(p.median);
        expect(p.max).toBeGreaterThanOrEqual(p.median);
        expect(p.spread).toEqual([p.median - p.min, p.max - p.median]);
      }
    }
    expect(workerCounts(report.results, 'sleep')).toEqual([1, 2]);
  });

  it('CPU samples become one line per core across the window, load 100% at the top', () => {
    const { lines, fromS, toS } = cpuLines(
      [
        { tMs: 500, loadPct: [10, 90] },
        { tMs: 1000, loadPct: [20, 80] },
        { tMs: 1500, loadPct: [150, -5] },
      ],
      1,
    );
    expect([fromS, toS]).toEqual([0.5, 1.5]);
    const half = (CPU_BOX_WIDTH / 2).toFixed(1);
    const end = CPU_BOX_WIDTH.toFixed(1);
    // out-of-range loads are drawn at the edge rather than outside the plot
    expect(lines).toEqual([`0.0,90.0 ${half},80.0 ${end},0.0`, `0.0,10.0 ${half},20.0 ${end},100.0`]);
  });

  it('draws a line per machine core before any sample names them, and skips what a sample lacks', () => {
    expect(cpuLines([], 4).lines).toEqual(['', '', '', '']);
    const { lines } = cpuLines(
      [
        { tMs: 0, loadPct: [50] },
        { tMs: 2000, loadPct: [60, Number.NaN, 70] },
      ],
      2,
    );
    expect(lines).toEqual([
      `0.0,50.0 ${CPU_BOX_WIDTH.toFixed(1)},40.0`,
      '',
      `${CPU_BOX_WIDTH.toFixed(1)},30.0`,
    ]);
  });
});

describe('words and the headline configuration', () => {
  it('captions name the core count; summaries name each model’s best point', () => {
    expect(speedupCaption('cpu', 2)).toContain('2 cores');
    expect(speedupCaption('cpu', 2)).toContain('2×');
    const summary = speedupSummary('sleep', speedupSeries(report.results, 'sleep'));
    expect(summary).toContain('Worker threads best');
    expect(summary).toContain('Threads + emulated GIL best');
  });

  it('worker counts go from 1 to twice the core count', () => {
    expect(headlineWorkers(2)).toEqual([1, 2, 4]);
    expect(headlineWorkers(8)).toEqual([1, 2, 4, 8, 16]);
    expect(headlineWorkers(6)).toEqual([1, 2, 4, 6, 8, 12]);
    expect(headlineWorkers(1)).toEqual([1, 2]);
    expect(headlineWorkers(128).length).toBeLessThanOrEqual(16);
    expect(headlineWorkers(128)).toContain(256);
  });

  it('the Full measurement runs each cell until its median is within ±5% (5 to 15 runs, each at least 200 ms); the quick look does not', () => {
    const full = validateExperiment(headlineConfig(2, 'full'), workloadCatalog());
    expect(full).toMatchObject({ minRuns: 5, maxRuns: 15, targetCiPct: 5, warmup: 1, minTimeMs: 200 });
    const quick = validateExperiment(headlineConfig(2, 'quick'), workloadCatalog());
    expect(quick.targetCiPct).toBeUndefined();
    expect(quick.minTimeMs).toBeUndefined();
    expect(quick.repeat).toBe(2);
  });

  it('both headline sizes are valid experiments for the engine', () => {
    for (const size of ['quick', 'full'] as const) {
      for (const cores of [1, 2, 6, 16, 64]) {
        const config = validateExperiment(headlineConfig(cores, size), workloadCatalog());
        expect(config.workloads.map((w) => w.name)).toEqual(['primes', 'sleep']);
        expect(config.models).toEqual(['threads', 'processes', 'async', 'gil']);
        const max = Math.max(...config.workers);
        for (const w of config.workloads) expect(w.params.units).toBeGreaterThanOrEqual(max);
      }
    }
  });
});
