/**
 * The estimate before a run: unit times from this machine's history (or the workload's rough figure),
 * multiplied out over cells, runs, units, workers and cores, plus the pools' start-up; and what it says it
 * is based on.
 */
import { describe, expect, it } from 'vitest';
import { validateExperiment, type ExperimentConfigInput } from '../../electron/common/config';
import {
  estimateExperiment,
  estimateText,
  parallelism,
  runMs,
  runTimingsOf,
  unitTime,
  type RunTimings,
} from '../../electron/common/estimate';
import { workloadCatalog } from '../../workloads/registry';
import { familyOf, isBaseline } from '../../electron/common/config';
import { loadSample } from '../fixtures/reports/fixtures';

const catalog = workloadCatalog();
const meta = (name: string) => {
  const m = catalog.find((w) => w.name === name);
  if (!m) throw new Error(`no ${name}`);
  return m;
};

const PRIMES = { units: 8, span: 20_000 };
/** One past run: primes at 10 ms a unit in Node and 200 ms at a twentieth of the span in Python. */
const HISTORY: RunTimings[] = [
  {
    createdAt: '2026-12-01T10:00:00.000Z',
    units: [
      { workload: 'primes', family: 'node', params: PRIMES, unitMs: 10 },
      { workload: 'primes', family: 'python', params: { units: 8, span: 1_000 }, unitMs: 12 },
    ],
    spawn: [
      { model: 'sequential', workers: 1, totalMs: 20 },
      { model: 'threads', workers: 2, totalMs: 40 },
    ],
  },
];

function config(input: Partial<ExperimentConfigInput>) {
  return validateExperiment(
    { workloads: [{ name: 'primes', params: PRIMES }], models: ['threads'], workers: [2], ...input },
    catalog,
  );
}

describe('the arithmetic', () => {
  it('runs computing units only as wide as the cores, and waiting units as wide as the workers', () => {
    expect(parallelism('threads', 'cpu', 4, 2)).toBe(2);
    expect(parallelism('gil', 'cpu', 4, 2)).toBe(1);
    expect(parallelism('py-threads', 'cpu', 4, 2)).toBe(1);
    expect(parallelism('py-processes', 'cpu', 4, 2)).toBe(2);
    expect(parallelism('gil', 'io', 8, 2)).toBe(8);
    expect(parallelism('py-threads', 'native', 4, 2)).toBe(2);
    expect(parallelism('async', 'native', 4, 2)).toBe(1);
    expect(parallelism('sequential', 'io', 8, 2)).toBe(1);
  });

  it('prices a run as waves of units plus the host cost of a run', () => {
    // 8 units on 2 cores: 4 waves of 10 ms, plus 2 ms of the host's own.
    expect(runMs(8, 10, 'threads', 'cpu', 4, 2)).toBe(42);
    // 8 sleeping units on 8 workers: one wave.
    expect(runMs(8, 20, 'async', 'io', 8, 2)).toBe(22);
    // Python's host cost is larger.
    expect(runMs(8, 10, 'py-sequential', 'cpu', 1, 2)).toBe(85);
  });

  it('adds cells x (warmup + runs) x run time to the measured start-up of each pool', () => {
    const e = estimateExperiment({
      config: config({ repeat: 3, warmup: 1 }),
      catalog,
      logicalCores: 2,
      history: HISTORY,
    });
    // sequential (1 worker): 8 x 10 + 2 = 82; threads x 2: 4 x 10 + 2 = 42; 4 runs each; spawn 20 + 40.
    expect(e.lowMs).toBe(4 * (82 + 42) + 60);
    expect(e.highMs).toBe(e.lowMs);
    expect(e.complete).toBe(true);
    expect(e.text).toBe('about 1 s, from your last run of primes');
  });

  it('gives a range for adaptive runs, from the fewest to the most runs', () => {
    const e = estimateExperiment({
      config: config({ warmup: 0, targetCiPct: 5, minRuns: 5, maxRuns: 15 }),
      catalog,
      logicalCores: 2,
      history: HISTORY,
    });
    expect(e.lowMs).toBe(5 * 124 + 60);
    expect(e.highMs).toBe(15 * 124 + 60);
    expect(e.text).toMatch(/^1 s to 2 s, from your last run of primes$/);
  });
});

describe('calibrated runs', () => {
  it('prices a measured run at its loops of a short job, and a warm-up run at one job', () => {
    const e = estimateExperiment({
      config: config({ repeat: 3, warmup: 1, minTimeMs: 100 }),
      catalog,
      logicalCores: 2,
      history: HISTORY,
    });
    // sequential: 82 ms, twice to last 100 (164); threads x 2: 42 ms, three times (126); one warm-up each.
    expect(e.lowMs).toBe(1 * (82 + 42) + 3 * (164 + 126) + 60);
    expect(e.highMs).toBe(e.lowMs);
  });
});

describe('where a unit time comes from', () => {
  it('the same parameters: the history as measured', () => {
    expect(unitTime(meta('primes'), 'node', PRIMES, HISTORY)).toMatchObject({
      source: 'history',
      unitMs: 10,
    });
  });

  it('another size: scaled by the size parameter', () => {
    const b = unitTime(meta('primes'), 'node', { units: 8, span: 40_000 }, HISTORY);
    expect(b).toMatchObject({ source: 'scaled', unitMs: 20 });
  });

  it('Python never run: Node at that size times the Python slowdown', () => {
    const slowdown = meta('primes').size?.pythonSlowdown ?? 0;
    const nodeOnly = HISTORY.map((h) => ({ ...h, units: h.units.filter((u) => u.family === 'node') }));
    const b = unitTime(meta('primes'), 'python', { units: 8, span: 2_000 }, nodeOnly);
    expect(b.source).toBe('scaled');
    expect(b.unitMs).toBeCloseTo(slowdown * 1, 9);
  });

  it('no run at all: the rough figure, said to be rough', () => {
    const size = meta('sleep').size;
    const b = unitTime(meta('sleep'), 'node', { units: 8, ms: 20 }, []);
    expect(b.source).toBe('rough');
    expect(b.unitMs).toBeCloseTo(((size?.roughUnitMs ?? 0) * 20) / 50, 9);
    const e = estimateExperiment({
      config: validateExperiment(
        { workloads: [{ name: 'sleep', params: { units: 8, ms: 20 } }], models: ['async'], workers: [8] },
        catalog,
      ),
      catalog,
      logicalCores: 2,
      history: [],
    });
    expect(e.text).toMatch(/, rough: no run of this workload yet$/);
  });

  it('a workload with no size and no run is left out and named', () => {
    const b = unitTime(meta('mixed'), 'node', { units: 4 }, []);
    expect(b).toMatchObject({ source: 'unknown', unitMs: null });
    expect(
      estimateText(2_000, 2_000, [
        { workload: 'primes', family: 'node', source: 'history', unitMs: 1 },
        { workload: 'sleep', family: 'node', source: 'rough', unitMs: 1 },
        b,
      ]),
    ).toBe(
      'about 2 s, from your last run of primes; rough: no run of sleep yet; mixed not counted (never run here)',
    );
  });

  it("a report's timings are its baselines' unit times, per family, at that family's parameters", () => {
    const report = loadSample();
    const t = runTimingsOf(report);
    expect(t.units.length).toBeGreaterThan(0);
    for (const u of t.units) {
      const base = report.results.find(
        (r) => r.workload === u.workload && isBaseline(r.model) && familyOf(r.model) === u.family,
      );
      expect(u.unitMs).toBeCloseTo((base?.wallMs?.median ?? 0) / (base?.units ?? 1), 9);
      expect(u.params).toEqual(report.config.workloads.find((w) => w.name === u.workload)?.params);
    }
    expect(t.spawn.length).toBe(report.spawn.length);
  });
});
