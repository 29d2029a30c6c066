import { describe, expect, it } from 'vitest';
import {
  COMPARE_MIN_RUNS,
  compareReports,
  formatP,
  interpreterRemarks,
  machineRemarks,
} from '../../electron/common/compare';
import type { Interpreter } from '../../electron/common/report';
import type { Machine, Report, ResultEntry } from '../../electron/common/report';
import { summarize } from '../../electron/common/stats';
import { loadSample, loadSampleB } from '../fixtures/reports/fixtures';

/** The fixture with one cell's raw times replaced (summary recomputed), to test the verdict logic. */
function withTimes(base: Report, times: Record<string, number[]>): Report {
  const r = structuredClone(base);
  r.results = r.results.map((e): ResultEntry => {
    const raw = times[`${e.workload}/${e.model}×${e.workers}`];
    return raw ? { ...e, wallMs: summarize(raw) } : e;
  });
  return r;
}

const spread = (center: number, n: number) =>
  Array.from({ length: n }, (_, i) => center * (1 + (i - (n - 1) / 2) * 0.01));

describe('compareReports', () => {
  it('compares the two real fixture runs cell by cell with both tests and an overlay', () => {
    const a = loadSample();
    const b = loadSampleB();
    const c = compareReports(a, b);
    expect(c.cells).toHaveLength(a.results.length);
    for (const cell of c.cells) {
      const ra = a.results.find(
        (r) => r.workload === cell.workload && r.model === cell.model && r.workers === cell.workers,
      );
      expect(cell.medianA).toBe(ra?.wallMs?.median);
      expect(cell.ratio).toBeCloseTo(cell.medianB / cell.medianA, 12);
      expect(cell.mannWhitney?.p).toBeGreaterThanOrEqual(0);
      expect(cell.mannWhitney?.p).toBeLessThanOrEqual(1);
      expect(cell.welch?.df).toBeGreaterThan(0);
      expect(cell.smallSample).toBe(false); // 5 runs a side
      expect(cell.text).toContain(`${cell.workload} / ${cell.model} × ${cell.workers}`);
    }
    expect(c.onlyInA).toEqual([]);
    expect(c.notes).toEqual([]);
    const models = new Set(a.results.map((r) => r.model));
    expect(c.models.map((m) => m.model).sort()).toEqual([...models].sort());
    const threads = c.overlay.find((o) => o.workload === 'sleep' && o.model === 'threads');
    expect(threads?.a.map((p) => p.workers)).toEqual([1, 2]);
    expect(threads?.b[1]?.speedup).toBe(
      b.results.find((r) => r.workload === 'sleep' && r.model === 'threads' && r.workers === 2)?.speedup
        ?.median,
    );
  });

  it('a clear difference with enough runs is a significant verdict in plain words', () => {
    const base = loadSample();
    const a = withTimes(base, { 'primes/threads×2': spread(10, 8) });
    const b = withTimes(base, { 'primes/threads×2': spread(14, 8) });
    const cell = compareReports(a, b).cells.find(
      (x) => x.model === 'threads' && x.workers === 2 && x.workload === 'primes',
    );
    expect(cell?.verdict).toBe('a-faster');
    expect(cell?.ratio).toBeCloseTo(1.4, 10);
    expect(cell?.mannWhitney?.p).toBeLessThan(0.001);
    expect(cell?.text).toBe('primes / threads × 2 on A are 1.4x faster than on B (p < 0.001)');
    const reverse = compareReports(b, a).cells.find(
      (x) => x.model === 'threads' && x.workers === 2 && x.workload === 'primes',
    );
    expect(reverse?.verdict).toBe('b-faster');
    expect(reverse?.text).toContain('on B are 1.4x faster than on A');
  });

  it('overlapping samples give "no significant difference" with the p-value', () => {
    const base = loadSample();
    const a = withTimes(base, { 'sleep/gil×2': [10, 12, 11, 13, 10.5, 12.4] });
    const b = withTimes(base, { 'sleep/gil×2': [11, 10.2, 12.2, 12.8, 11.6, 10.9] });
    const cell = compareReports(a, b).cells.find(
      (x) => x.workload === 'sleep' && x.model === 'gil' && x.workers === 2,
    );
    expect(cell?.verdict).toBe('no-difference');
    expect(cell?.text).toMatch(/^sleep \/ gil × 2: no significant difference \(p = [01]\.\d\d\)$/);
    expect(cell?.mannWhitney?.p).toBeGreaterThan(0.1);
  });

  it(`says when samples are too small (n < ${COMPARE_MIN_RUNS}) or too few to test at all`, () => {
    const base = loadSample();
    const a = withTimes(base, { 'primes/gil×1': [10, 10.1, 10.2], 'primes/gil×2': [5] });
    const b = withTimes(base, { 'primes/gil×1': [20, 20.1, 20.2], 'primes/gil×2': [9] });
    const c = compareReports(a, b);
    const small = c.cells.find((x) => x.workload === 'primes' && x.model === 'gil' && x.workers === 1);
    expect(small?.smallSample).toBe(true);
    // Even a 2x gap cannot reach p < 0.05 with three runs a side: say so rather than "no difference" alone.
    expect(small?.verdict).toBe('no-difference');
    expect(small?.text).toContain('too few for a confident verdict');
    const one = c.cells.find((x) => x.workload === 'primes' && x.model === 'gil' && x.workers === 2);
    expect(one?.verdict).toBe('insufficient');
    expect(one?.welch).toBeNull();
    expect(one?.text).toContain('too few runs to test (n = 1 and 1)');
    expect(c.models.find((m) => m.model === 'gil')?.text).toContain('too few for a confident verdict');
  });

  it('remarks on how the machines ran (battery, governor, VM, load, clock), and not on what is unknown', () => {
    const base = loadSample().machine;
    const a: Machine = {
      ...base,
      onBattery: true,
      governor: 'powersave',
      virtualMachine: true,
      loadAverage: { oneMin: 3.1, fiveMin: 2, fifteenMin: 1 },
      cpuFrequency: { currentMhz: 1200, minMhz: 400, maxMhz: 4700 },
    };
    const b: Machine = {
      ...base,
      onBattery: false,
      governor: 'performance',
      virtualMachine: false,
      loadAverage: { oneMin: 0.2, fiveMin: 0.3, fifteenMin: 0.3 },
      cpuFrequency: { currentMhz: 3000, minMhz: 400, maxMhz: 4900 },
    };
    expect(machineRemarks(a, b)).toEqual([
      'A ran on battery, B on mains',
      'governor differs: powersave vs performance',
      'A was a VM, B was not',
      'load average at start 3.1 vs 0.2',
      'maximum CPU clock 4700 MHz vs 4900 MHz',
    ]);
    expect(machineRemarks(b, { ...b, virtualMachine: true })).toEqual(['B was a VM, A was not']);
    // The same conditions, a small load gap, and unknown or unrecorded ones (older reports) say nothing.
    expect(machineRemarks(a, { ...a, loadAverage: { oneMin: 2.9, fiveMin: 2, fifteenMin: 1 } })).toEqual([]);
    const unknown: Machine = {
      ...base,
      onBattery: null,
      governor: null,
      virtualMachine: null,
      loadAverage: null,
    };
    expect(machineRemarks(a, unknown)).toEqual([]);
    expect(machineRemarks(base, b)).toEqual([]);
    // compare carries them as notes, which the CLI and the UI compare view both print.
    const ra = { ...structuredClone(loadSample()), machine: a };
    const rb = { ...structuredClone(loadSampleB()), machine: { ...b, cpuModel: a.cpuModel } };
    expect(compareReports(ra, rb).notes).toContain('A ran on battery, B on mains');
  });

  it('lists cells measured in only one report, and notes other machines and parameters', () => {
    const a = loadSample();
    const b = structuredClone(loadSampleB());
    b.results = b.results.filter((r) => r.model !== 'gil');
    b.machine.cpuModel = 'Other CPU';
    b.config.workloads = b.config.workloads.map((w) =>
      w.name === 'primes' ? { ...w, params: { ...w.params, span: 1 } } : w,
    );
    b.status = 'cancelled';
    const c = compareReports(a, b);
    expect(c.onlyInA).toEqual(
      a.results.filter((r) => r.model === 'gil').map((r) => `${r.workload}/gil×${r.workers}`),
    );
    expect(c.onlyInB).toEqual([]);
    expect(c.notes.join('\n')).toMatch(/different machines/);
    expect(c.notes.join('\n')).toMatch(/primes ran with different parameters/);
    expect(c.notes.join('\n')).toMatch(/report B is cancelled/);
  });

  it('failed cells without runs are skipped, and an empty comparison says so', () => {
    const a = structuredClone(loadSample());
    a.results = a.results.map((r) => ({ ...r, wallMs: null }));
    const c = compareReports(a, loadSampleB());
    expect(c.cells).toEqual([]);
    expect(c.overall).toBe('no cell was measured in both reports');
  });

  it('formats p-values for people', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.004)).toBe('p < 0.01');
    expect(formatP(0.0312)).toBe('p = 0.031');
    expect(formatP(0.3149)).toBe('p = 0.31');
  });
});

describe('compareReports with figures that overflow', () => {
  /** The fixture with one cell's raw times and median replaced as given, without recomputing anything. */
  function withRaw(base: Report, cell: string, raw: number[], median: number): Report {
    const r = structuredClone(base);
    for (const e of r.results)
      if (`${e.workload}/${e.model}×${e.workers}` === cell && e.wallMs)
        e.wallMs = { ...e.wallMs, raw, median, mean: median, min: median, max: median };
    return r;
  }

  it("times of 1e308 leave Welch's t not computable, with the reason, and the verdict rests on Mann-Whitney", () => {
    const a = withRaw(loadSample(), 'primes/threads×1', [1e308, 1.2e308, 1.4e308, 1.6e308, 1.7e308], 1.4e308);
    const c = compareReports(a, loadSampleB());
    const cell = c.cells.find((x) => x.workload === 'primes' && x.model === 'threads' && x.workers === 1);
    expect(cell?.welch).toBeNull();
    expect(cell?.reason).toMatch(/Welch's t-test is not computable/);
    expect(cell?.verdict).toBe('b-faster');
    expect(cell?.text).toContain('not computable');
    expect(c.cells).toHaveLength(loadSample().results.length);
  });

  it('a ratio of medians that overflows marks that cell not computable and every other cell stands', () => {
    const a = withRaw(loadSample(), 'sleep/gil×2', [1e-300, 1e-300, 1e-300, 1e-300, 1e-300], 1e-300);
    const b = withRaw(loadSampleB(), 'sleep/gil×2', [1e308, 1e308, 1e308, 1e308, 1e308], 1e308);
    const c = compareReports(a, b);
    const bad = c.cells.filter((x) => x.verdict === 'not-computable');
    expect(bad.map((x) => `${x.workload}/${x.model}×${x.workers}`)).toEqual(['sleep/gil×2']);
    expect(bad[0]?.reason).toMatch(/ratio of the medians .* is not a finite number/);
    expect(bad[0]?.text).toMatch(/^sleep \/ gil × 2: not computable/);
    const plain = compareReports(loadSample(), loadSampleB());
    for (const cell of c.cells.filter((x) => x.verdict !== 'not-computable')) {
      const same = plain.cells.find(
        (x) => x.workload === cell.workload && x.model === cell.model && x.workers === cell.workers,
      );
      expect(cell).toEqual(same);
    }
    expect(c.models.find((m) => m.model === 'gil')?.notComputable).toBe(1);
    expect(c.overall).toContain('1 of');
    expect(c.overall).toContain('not computable');
  });
});

describe('compare says when the two reports ran Python on different interpreters', () => {
  const cpython = (version: string, models: Interpreter['models'], freeThreaded = false): Interpreter => ({
    models,
    version,
    implementation: 'CPython',
    executable: '/usr/bin/python3',
    gilEnabled: !freeThreaded,
    freeThreadedBuild: freeThreaded,
  });
  const withPython = (...interpreters: Interpreter[]): Report => ({
    ...structuredClone(loadSample()),
    python: { interpreters, unavailable: [] },
  });

  it('names each model whose interpreter differs, grouped, in A-then-B order', () => {
    const a = withPython(cpython('3.11.7', ['py-threads', 'py-processes']));
    const b = withPython(cpython('3.13.0t', ['py-threads', 'py-processes'], true));
    expect(interpreterRemarks(a, b)).toEqual([
      'py-threads, py-processes: A used CPython 3.11.7, B CPython 3.13.0t free-threaded, GIL disabled',
    ]);
    expect(compareReports(a, b).notes).toContain(interpreterRemarks(a, b)[0]);
  });

  it('says nothing when both used the same, or one side has no record of the model or of Python at all', () => {
    const a = withPython(cpython('3.11.7', ['py-threads']));
    expect(interpreterRemarks(a, withPython(cpython('3.11.7', ['py-threads'])))).toEqual([]);
    expect(interpreterRemarks(a, withPython(cpython('3.12.1', ['py-processes'])))).toEqual([]);
    expect(interpreterRemarks(a, loadSample())).toEqual([]);
  });

  it('an own workload file that changed between the runs is said, with both hashes', () => {
    const own = (sha: string): Report => ({
      ...structuredClone(loadSample()),
      userWorkload: {
        file: 'mine.py',
        language: 'python',
        sha256: sha.repeat(64),
        meta: { name: 'mine', kind: 'cpu', units: 8, params: {} },
      },
    });
    expect(compareReports(own('a'), own('b')).notes).toContain(
      'mine: A and B ran different versions of the workload file (mine.py aaaaaaaaaaaa, mine.py bbbbbbbbbbbb)',
    );
    expect(compareReports(own('a'), own('a')).notes.join('\n')).not.toContain('different versions');
  });
});
