/**
 * Calibration (config.minTimeMs, pyperf's --min-time): a cell whose job is shorter than minTimeMs runs it
 * back to back, as many times as its warm-up run says it takes, and a measured run is then those loops with
 * its times per job. On the fake executor with scripted times every count and mean is certain.
 */
import { describe, expect, it } from 'vitest';
import { calibrateLoops, LIMITS, validateExperiment } from '../../../electron/common/config';
import { LabError } from '../../../electron/common/errors';
import { EXPORTERS } from '../../../electron/common/export/index';
import { describeRuns, formatCellRuns } from '../../../electron/common/format';
import { parseReport } from '../../../electron/common/report-parse';
import type { Report } from '../../../electron/common/report';
import { formatTable } from '../../../electron/lab/cli/table';
import { cellKey } from '../../../electron/lab/runner/plan';
import { perJob } from '../../../electron/lab/runner/results';
import { runExperiment } from '../../../electron/lab/runner/runner';
import type { RunOutcome } from '../../../electron/lab/runtime/executor';
import { workloadCatalog } from '../../../workloads/registry';
import { fakeExecutors, type FakeAnswer, type FakeCall } from '../../support/fake-executor';

const CONFIG = {
  workloads: [{ name: 'primes', params: { units: 4, span: 1000 } }],
  models: ['threads'],
  workers: [2],
  warmup: 1,
  repeat: 3,
  seed: 3,
  minTimeMs: 100,
};
const SEQ = cellKey('primes', 'sequential', 1);
const THREADS = cellKey('primes', 'threads', 2);
const keyOf = (c: FakeCall) => cellKey(c.workload, c.model, c.workers);

function cell(report: Report, key: string) {
  const r = report.results.find((x) => cellKey(x.workload, x.model, x.workers) === key);
  if (!r) throw new Error(`no result for ${key}`);
  return r;
}

/**
 * The sequential job takes 150 ms (longer than minTimeMs: one loop); the threads job 40 ms on its warm-up
 * run (so 3 loops) and then 30, 50, 40 ms in turn: every run's mean is 40, its first loop alone never is.
 */
function script(): { answer: (c: FakeCall) => FakeAnswer; calls: Map<string, FakeCall[]> } {
  const calls = new Map<string, FakeCall[]>();
  const answer = (c: FakeCall): FakeAnswer => {
    const mine = [...(calls.get(keyOf(c)) ?? []), c];
    calls.set(keyOf(c), mine);
    if (keyOf(c) === SEQ) return { wallMs: 150 };
    if (mine.length === 1) return { wallMs: 40 };
    return { wallMs: [30, 50, 40][(mine.length - 2) % 3] };
  };
  return { answer, calls };
}

describe('calibrateLoops', () => {
  it.each<[number, number | undefined, number]>([
    [40, 100, 3],
    [50, 100, 2],
    [99.9, 100, 2],
    [100, 100, 1],
    [150, 100, 1],
    [40, undefined, 1],
    // a job of microseconds is capped, so a run cannot become a million jobs
    [0.0001, 10_000, LIMITS.loops.max],
    [0, 100, LIMITS.loops.max],
  ])('a job of %d ms with minTimeMs %s repeats %d times', (jobMs, minTimeMs, loops) => {
    expect(calibrateLoops(jobMs, minTimeMs)).toBe(loops);
  });
});

describe('perJob', () => {
  const outcome = (wallMs: number, memory: number[], gil: RunOutcome['gil'] = null): RunOutcome => ({
    wallMs,
    checksum: 7,
    memoryBytes: memory,
    cpuMs: wallMs * 2,
    cpuMethod: 'thread',
    gil,
  });

  it('is the mean wall and CPU time, the largest memory per worker, and the last loop’s GIL record', () => {
    const gil = { threads: [], originMs: 5 };
    const one = perJob([outcome(30, [10, 40]), outcome(50, [30, 20]), outcome(40, [20, 20], gil)]);
    expect(one.wallMs).toBe(40);
    expect(one.cpuMs).toBe(80);
    expect(one.memoryBytes).toEqual([30, 40]);
    expect(one.gil).toBe(gil);
  });

  it('passes one loop through as it is, and refuses none', () => {
    const single = outcome(30, [1]);
    expect(perJob([single])).toBe(single);
    expect(() => perJob([])).toThrow(RangeError);
  });
});

describe('calibrated runs on the runner', () => {
  it('repeats a short job its calibrated number of times per run and records the mean per job', async () => {
    const { answer, calls } = script();
    const fake = fakeExecutors(answer);
    const report = await runExperiment(CONFIG, { executors: fake.factory, sampleCpu: false });
    // warm-up (1 job) + 3 runs x 3 loops for threads; warm-up + 3 runs x 1 for the 150 ms sequential job
    expect(calls.get(THREADS)).toHaveLength(1 + 3 * 3);
    expect(calls.get(SEQ)).toHaveLength(1 + 3);
    // the loops of one run are one request: the same runId, back to back
    const runIds = (calls.get(THREADS) ?? []).slice(1).map((c) => c.runId);
    expect(new Set(runIds).size).toBe(3);
    for (let i = 0; i < runIds.length; i += 3) expect(new Set(runIds.slice(i, i + 3)).size).toBe(1);
    const threads = cell(report, THREADS);
    expect(threads.loops).toBe(3);
    expect(threads.wallMs?.raw).toEqual([40, 40, 40]);
    expect(threads.cpuMs?.raw).toEqual([40, 40, 40]);
    expect(cell(report, SEQ).loops).toBe(1);
    expect(cell(report, SEQ).wallMs?.raw).toEqual([150, 150, 150]);
  });

  it('checks every loop’s answer: one wrong job fails the cell', async () => {
    const seen = new Map<string, number>();
    const fake = fakeExecutors((c) => {
      const n = (seen.get(keyOf(c)) ?? 0) + 1;
      seen.set(keyOf(c), n);
      if (keyOf(c) === SEQ) return { wallMs: 150, checksum: 42 };
      // the third job of the first measured run (call 4) answers wrongly
      return { wallMs: 40, checksum: n === 4 ? 41 : 42 };
    });
    const report = await runExperiment(CONFIG, { executors: fake.factory, sampleCpu: false });
    expect(cell(report, THREADS).failure).toMatchObject({ reason: 'checksum' });
  });

  it('without minTimeMs runs one job a run and records no loops', async () => {
    const { answer, calls } = script();
    const fake = fakeExecutors(answer);
    const { minTimeMs: _unused, ...plain } = CONFIG;
    const report = await runExperiment(plain, { executors: fake.factory, sampleCpu: false });
    expect(calls.get(THREADS)).toHaveLength(1 + 3);
    for (const r of report.results) expect(r).not.toHaveProperty('loops');
  });

  it('says so in the table and the runs column, and round-trips loops through JSON and CSV', async () => {
    const { answer } = script();
    const fake = fakeExecutors(answer);
    const report = await runExperiment(
      { ...CONFIG, repeat: undefined, targetCiPct: 5, minRuns: 6, maxRuns: 6 },
      { executors: fake.factory, sampleCpu: false },
    );
    const table = formatTable(report);
    expect(table).toContain(
      "6 to 6 measured runs (until the median's 95% interval is within ±5%), each repeating a shorter job until it lasts at least 100 ms (calibrated as pyperf does; times are per job) per cell",
    );
    expect(table).toMatch(/^primes\s+threads\s+2\s.*\s6 × 3 jobs ±0\.0%/m);
    const back = parseReport(EXPORTERS.json.export(report) as string);
    expect(back).toEqual(report);
    expect(cell(back, THREADS).loops).toBe(3);
    const csv = new TextDecoder().decode(EXPORTERS.csv.export(report) as Uint8Array);
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header?.split(',').at(-1)).toBe('loops');
    const threadRows = rows.filter((r) => r.startsWith('primes,cpu,threads,2,'));
    expect(threadRows).toHaveLength(6);
    for (const r of threadRows) expect(r.split(',').at(-1)).toBe('3');
  });
});

describe('calibration in words', () => {
  it('describeRuns adds the calibration to either run policy', () => {
    expect(describeRuns({ repeat: 3, minTimeMs: 200 })).toBe(
      '3 measured runs, each repeating a shorter job until it lasts at least 200 ms (calibrated as pyperf does; times are per job)',
    );
    expect(describeRuns({ repeat: 3 })).toBe('3 measured runs');
  });

  it('formatCellRuns names the jobs only where a run repeated its job', () => {
    const adaptive = { runs: 7, medianCiPct: 3.21, reached: true };
    expect(formatCellRuns(adaptive, 3)).toBe('7 × 3 jobs ±3.2%');
    expect(formatCellRuns(adaptive, 1)).toBe('7 ±3.2%');
    expect(formatCellRuns(adaptive)).toBe('7 ±3.2%');
  });
});

describe('calibration settings are validated by field', () => {
  const fields = (extra: object) => {
    try {
      validateExperiment(
        { workloads: [{ name: 'primes' }], models: ['threads'], workers: [2], ...extra },
        workloadCatalog(),
      );
    } catch (err) {
      if (err instanceof LabError) return err.issues.map((i) => `${i.field}: ${i.message}`);
      throw err;
    }
    return [];
  };

  it.each<[object, string]>([
    [{ minTimeMs: 0 }, 'minTimeMs: must be at least 1'],
    [{ minTimeMs: 20_000 }, 'minTimeMs: must be at most 10000'],
    [{ minTimeMs: -1 }, 'minTimeMs: must be at least 1'],
    [{ minTimeMs: 100, warmup: 0 }, 'warmup: must be at least 1 with minTimeMs'],
  ])('%j is refused: %s', (extra, expected) => {
    const found = fields(extra);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it('accepts minTimeMs with a warm-up run, with fixed or adaptive runs', () => {
    expect(fields({ minTimeMs: 100 })).toEqual([]);
    expect(fields({ minTimeMs: 100, targetCiPct: 5 })).toEqual([]);
  });
});
