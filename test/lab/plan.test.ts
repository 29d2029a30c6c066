import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../electron/common/config';
import { LabError } from '../../electron/common/errors';
import { planCells, poolSizes, runOrder } from '../../electron/lab/runner/plan';
import { roundRobin } from '../../electron/lab/runtime/executor';
import { workloadCatalog } from '../../workloads/registry';

const catalog = workloadCatalog();
const config = (extra: object = {}) =>
  validateExperiment(
    {
      workloads: [{ name: 'primes' }, { name: 'sleep' }],
      models: ['threads', 'gil'],
      workers: [1, 2, 4],
      ...extra,
    },
    catalog,
  );

describe('measurement plan', () => {
  it('always measures the sequential baseline, once per workload', () => {
    const cells = planCells(config());
    expect(cells.filter((c) => c.model === 'sequential').map((c) => c.workload)).toEqual(['primes', 'sleep']);
    expect(cells).toHaveLength(2 * (1 + 3 + 3));
    expect(poolSizes(cells).get('threads')).toBe(4);
    expect(poolSizes(cells).get('sequential')).toBe(1);
  });

  it('measures each family against its own baseline: py-* models bring py-sequential, and only it', () => {
    const cells = planCells(config({ models: ['py-threads', 'py-asyncio'] }));
    expect(
      cells.filter((c) => c.workers === 1 && c.model.endsWith('sequential')).map((c) => c.model),
    ).toEqual(['py-sequential', 'py-sequential']);
    expect(cells.some((c) => c.model === 'sequential')).toBe(false);
    expect(cells).toHaveLength(2 * (1 + 3 + 3));
    const mixed = planCells(config({ models: ['gil', 'py-threads'] }));
    expect([...poolSizes(mixed).keys()]).toEqual(['sequential', 'gil', 'py-sequential', 'py-threads']);
  });

  it('interleaves: every pass visits every cell once, in a seeded shuffle that differs between passes', () => {
    const cells = planCells(config());
    const order = runOrder(cells, 1, 4, 7);
    expect(order).toHaveLength(cells.length * 5);
    const passes = [1, 2, 3, 4].map((r) =>
      order.filter((o) => !o.warmup && o.repetition === r - 1).map((o) => o.cell.key),
    );
    for (const p of passes) expect([...p].sort()).toEqual(cells.map((c) => c.key).sort());
    expect(new Set(passes.map((p) => p.join())).size).toBeGreaterThan(1);
    expect(order.slice(0, cells.length).every((o) => o.warmup)).toBe(true);
    expect(runOrder(cells, 1, 4, 7)).toEqual(order);
  });

  it('deals units round-robin so each worker gets an equal share', () => {
    expect(roundRobin(7, 3)).toEqual([
      [0, 3, 6],
      [1, 4],
      [2, 5],
    ]);
    expect(roundRobin(2, 4)).toEqual([[0], [1], [], []]);
  });
});

describe('config validation names the field', () => {
  const issues = (input: object) => {
    try {
      validateExperiment(input, catalog);
    } catch (err) {
      if (err instanceof LabError) return err.issues.map((i) => `${i.field}: ${i.message}`);
      throw err;
    }
    return [];
  };

  it('fills defaults', () => {
    const c = config();
    expect(c.repeat).toBe(5);
    expect(c.warmup).toBe(1);
    expect(c.switchIntervalMs).toBe(5);
    expect(c.workloads[0]?.params.span).toBeGreaterThan(0);
  });

  it('refuses bad values with the field path', () => {
    expect(
      issues({
        workloads: [{ name: 'primes', params: { span: -1 } }],
        models: ['threads'],
        workers: [10000],
      }),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^workers\[0\]: must be at most 256/)]));
    expect(
      issues({ workloads: [{ name: 'primes', params: { span: -1 } }], models: ['threads'], workers: [1] }),
    ).toEqual([expect.stringMatching(/^workloads\[0\]\.params\.span: must be at least/)]);
    expect(
      issues({ workloads: [{ name: 'primes', params: { bogus: 1 } }], models: ['threads'], workers: [1] })[0],
    ).toMatch(/^workloads\[0\]\.params\.bogus: is not a parameter of primes/);
    expect(
      issues({ workloads: [{ name: 'primes' }], models: ['threads', 'threads'], workers: [1] })[0],
    ).toMatch(/^models: must not repeat/);
    expect(
      issues({
        workloads: [{ name: 'primes' }],
        models: ['threads'],
        workers: [1],
        label: 'x'.repeat(201),
      })[0],
    ).toMatch(/^label:/);
    expect(
      issues({ workloads: [{ name: 'primes' }], models: ['threads'], workers: [1], extra: 1 })[0],
    ).toMatch(/extra/);
    expect(issues({ workloads: [], models: [], workers: [] })).toHaveLength(3);
  });

  it('keeps a label with markup as plain text (it is data, never HTML)', () => {
    expect(config({ label: '<script>alert(1)</script>' }).label).toBe('<script>alert(1)</script>');
  });
});
