/**
 * Adaptive runs (issue 12) on the fake executor: a steady cell stops at minRuns, a noisy one runs to maxRuns
 * and is warned about, the cells still running are interleaved round by round, bad settings are refused by
 * field, and the new report fields survive export and import. Scripted times make every verdict certain.
 */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { validateExperiment } from '../../../electron/common/config';
import { LabError } from '../../../electron/common/errors';
import { EXPORTERS } from '../../../electron/common/export/index';
import { parseReport } from '../../../electron/common/report-parse';
import type { Report } from '../../../electron/common/report';
import { formatTable } from '../../../electron/lab/cli/table';
import { cellKey } from '../../../electron/lab/runner/plan';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { workloadCatalog } from '../../../workloads/registry';
import { fakeExecutors, type FakeAnswer, type FakeCall } from '../../support/fake-executor';

const CONFIG = {
  workloads: [{ name: 'primes', params: { units: 4, span: 1000 } }],
  models: ['threads', 'gil'],
  workers: [1, 2],
  warmup: 1,
  seed: 3,
  minRuns: 6,
  maxRuns: 10,
  targetCiPct: 5,
};
/** sequential/1 plus threads and gil at 1 and 2 workers */
const CELLS = 5;
const NOISY = cellKey('primes', 'gil', 2);
const ALSO_NOISY = cellKey('primes', 'threads', 2);

const keyOf = (c: FakeCall) => cellKey(c.workload, c.model, c.workers);

/**
 * A script where the given cells' times swing between 60 and 140 ms, run after run (so no interval of their
 * median gets within 5%), and every other cell takes 100 ms.
 */
function swinging(...keys: string[]): (c: FakeCall) => FakeAnswer {
  const seen = new Map<string, number>();
  return (c) => {
    const key = keyOf(c);
    if (!keys.includes(key)) return { wallMs: 100 };
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { wallMs: n % 2 ? 60 : 140 };
  };
}

function run(script: (c: FakeCall) => FakeAnswer, extra: object = {}, onEvent?: (e: LabEvent) => void) {
  const fake = fakeExecutors(script);
  const report = runExperiment(
    { ...CONFIG, ...extra },
    { executors: fake.factory, sampleCpu: false, ...(onEvent ? { onEvent } : {}) },
  );
  return { fake, report };
}

function cell(report: Report, key: string) {
  const r = report.results.find((x) => cellKey(x.workload, x.model, x.workers) === key);
  if (!r) throw new Error(`no result for ${key}`);
  return r;
}

const measured = (calls: readonly FakeCall[]) => calls.slice(CELLS);

describe('adaptive runs', () => {
  it('stops every steady cell at minRuns, reached, without a warning', async () => {
    const { fake, report: pending } = run(() => ({ wallMs: 100 }));
    const report = await pending;
    expect(measured(fake.calls)).toHaveLength(CELLS * CONFIG.minRuns);
    for (const r of report.results) {
      expect(r.wallMs?.raw).toHaveLength(CONFIG.minRuns);
      expect(r.adaptive).toEqual({ runs: CONFIG.minRuns, medianCiPct: 0, reached: true });
      expect(r.warnings.map((w) => w.kind)).not.toContain('target-not-reached');
    }
  });

  it('runs a noisy cell to maxRuns and names it, with the interval it reached, in a warning', async () => {
    const { report: pending } = run(swinging(NOISY));
    const report = await pending;
    const noisy = cell(report, NOISY);
    expect(noisy.wallMs?.raw).toHaveLength(CONFIG.maxRuns);
    expect(noisy.adaptive?.runs).toBe(CONFIG.maxRuns);
    expect(noisy.adaptive?.reached).toBe(false);
    const ciPct = noisy.adaptive?.medianCiPct ?? 0;
    expect(ciPct).toBeGreaterThan(CONFIG.targetCiPct);
    const warning = noisy.warnings.find((w) => w.kind === 'target-not-reached');
    expect(warning?.message).toContain('primes / gil / 2 workers');
    expect(warning?.message).toContain(`after ${CONFIG.maxRuns} runs`);
    expect(warning?.message).toContain(`±${ciPct.toFixed(1)}%`);
    expect(warning?.message).toContain('target ±5%');
    for (const r of report.results.filter((x) => x !== noisy)) {
      expect(r.adaptive).toEqual({ runs: CONFIG.minRuns, medianCiPct: 0, reached: true });
      expect(r.warnings.map((w) => w.kind)).not.toContain('target-not-reached');
    }
  });

  it('the CLI table shows the runs each cell took and the warning in full', async () => {
    const { report: pending } = run(swinging(NOISY));
    const table = formatTable(await pending);
    expect(table).toContain(
      "6 to 10 measured runs (until the median's 95% interval is within ±5%) per cell after 1 warmup",
    );
    expect(table).toMatch(/effic\.\s+runs\s+cpu ms/);
    expect(table).toMatch(/^primes\s+gil\s+1\s.*\s6 ±0\.0%/m);
    expect(table).toMatch(/^primes\s+gil\s+2\s.*\s10 ±\d+\.\d%/m);
    expect(table).toMatch(/^warning: primes \/ gil \/ 2 workers: after 10 runs \(the maximum\)/m);
  });

  it('interleaves the cells still running round by round; tight cells drop out', async () => {
    const events: LabEvent[] = [];
    const { fake, report: pending } = run(swinging(NOISY, ALSO_NOISY), {}, (e) => events.push(e));
    await pending;
    const calls = measured(fake.calls).map(keyOf);
    const rounds: string[][] = [];
    for (let i = 0; i < CONFIG.minRuns; i++) rounds.push(calls.slice(i * CELLS, (i + 1) * CELLS));
    for (let i = CONFIG.minRuns * CELLS; i < calls.length; i += 2) rounds.push(calls.slice(i, i + 2));
    expect(rounds).toHaveLength(CONFIG.maxRuns);
    // every cell once in each of the first minRuns rounds, then the two noisy cells once each per round
    for (const r of rounds.slice(0, CONFIG.minRuns)) expect(new Set(r).size).toBe(CELLS);
    for (const r of rounds.slice(CONFIG.minRuns)) expect([...r].sort()).toEqual([ALSO_NOISY, NOISY].sort());
    // each round is its own shuffle, so the order within rounds is not one fixed order
    expect(new Set(rounds.slice(CONFIG.minRuns).map((r) => r.join()))).toHaveProperty('size', 2);
    // progress counts every run and ends at the number actually run
    const last = events.findLast((e) => e.type === 'progress');
    expect(last?.type === 'progress' && last.progress).toMatchObject({
      done: fake.calls.length,
      total: fake.calls.length,
    });
  });

  it('runs even a steady cell a sixth time when minRuns is 5: no 95% interval of a median exists below 6', async () => {
    const { report: pending } = run(() => ({ wallMs: 100 }), { minRuns: 5 });
    for (const r of (await pending).results) {
      expect(r.wallMs?.raw).toHaveLength(6);
      expect(r.adaptive).toEqual({ runs: 6, medianCiPct: 0, reached: true });
    }
  });

  it('stops a cell whose middle runs agree although its extremes do not: the interval is of the median', async () => {
    // One run far off on either side: from 9 runs the exact interval is [x(2), x(8)], which leaves both out.
    const seen = new Map<string, number>();
    const { report: pending } = run((c) => {
      const n = (seen.get(keyOf(c)) ?? 0) + 1;
      seen.set(keyOf(c), n);
      return { wallMs: n === 3 ? 160 : n === 8 ? 55 : 100 };
    });
    for (const r of (await pending).results)
      expect(r.adaptive).toEqual({ runs: 9, medianCiPct: 0, reached: true });
  });

  it('without targetCiPct runs exactly `repeat` times and records no adaptive fields', async () => {
    const { fake, report: pending } = run(swinging(NOISY), {
      minRuns: undefined,
      maxRuns: undefined,
      targetCiPct: undefined,
      repeat: 3,
    });
    const report = await pending;
    expect(measured(fake.calls)).toHaveLength(CELLS * 3);
    for (const r of report.results) {
      expect(r.wallMs?.raw).toHaveLength(3);
      expect(r).not.toHaveProperty('adaptive');
    }
  });

  it('round-trips the adaptive fields and the warning through export and import', async () => {
    const { report: pending } = run(swinging(NOISY));
    const report = await pending;
    const text = EXPORTERS.json.export(report);
    expect(typeof text).toBe('string');
    const back = parseReport(text as string);
    expect(back).toEqual(report);
    expect(back.config).toMatchObject({ minRuns: 6, maxRuns: 10, targetCiPct: 5 });
    expect(cell(back, NOISY).adaptive?.reached).toBe(false);
  });
});

describe('adaptive settings are validated by field', () => {
  const validate = (extra: object) =>
    validateExperiment(
      { workloads: [{ name: 'primes' }], models: ['threads'], workers: [2], ...extra },
      workloadCatalog(),
    );
  const fields = (extra: object) => {
    try {
      validate(extra);
    } catch (err) {
      if (err instanceof LabError) return err.issues.map((i) => `${i.field}: ${i.message}`);
      throw err;
    }
    return [];
  };

  it('fills in minRuns 5 and maxRuns 15 when only a target is given', () => {
    expect(validate({ targetCiPct: 5 })).toMatchObject({ minRuns: 5, maxRuns: 15, targetCiPct: 5 });
    expect(validate({ targetCiPct: 5, minRuns: 8 })).toMatchObject({ minRuns: 8, maxRuns: 24 });
  });

  it.each<[object, string]>([
    [{ targetCiPct: 5, minRuns: 10, maxRuns: 6 }, 'maxRuns: must be at least minRuns (10)'],
    // a median's 95% interval needs six runs, so a target could never be met below them
    [{ targetCiPct: 5, minRuns: 3, maxRuns: 5 }, 'maxRuns: must be at least 6 with targetCiPct'],
    [{ targetCiPct: 0 }, 'targetCiPct: must be at least 0.1'],
    [{ targetCiPct: 80 }, 'targetCiPct: must be at most 50'],
    [{ targetCiPct: 5, minRuns: 2 }, 'minRuns: must be at least 3'],
    [{ targetCiPct: 5, maxRuns: 1001 }, 'maxRuns: must be at most 1000'],
    [{ targetCiPct: 5, minRuns: 4.5 }, 'minRuns: must be a whole number'],
    [{ minRuns: 5 }, 'minRuns: is only used with targetCiPct'],
    [{ maxRuns: 5 }, 'maxRuns: is only used with targetCiPct'],
  ])('%j is refused: %s', (extra, expected) => {
    const found = fields(extra);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });
});
