import { describe, expect, it } from 'vitest';
import { validConfig } from '../../support/configs';
import { planCells, poolSizes, runOrder } from '../../../electron/lab/runner/plan';
import { roundRobin, sharedQueue } from '../../../electron/lab/runtime/executor';

describe('measurement plan', () => {
  it('always measures the sequential baseline, once per workload', () => {
    const cells = planCells(validConfig());
    expect(cells.filter((c) => c.model === 'sequential').map((c) => c.workload)).toEqual(['primes', 'sleep']);
    expect(cells).toHaveLength(2 * (1 + 3 + 3));
    expect(poolSizes(cells).get('threads')).toBe(4);
    expect(poolSizes(cells).get('sequential')).toBe(1);
  });

  it('measures each family against its own baseline: py-* models bring py-sequential, and only it', () => {
    const cells = planCells(validConfig({ models: ['py-threads', 'py-asyncio'] }));
    expect(
      cells.filter((c) => c.workers === 1 && c.model.endsWith('sequential')).map((c) => c.model),
    ).toEqual(['py-sequential', 'py-sequential']);
    expect(cells.some((c) => c.model === 'sequential')).toBe(false);
    expect(cells).toHaveLength(2 * (1 + 3 + 3));
    const mixed = planCells(validConfig({ models: ['gil', 'py-threads'] }));
    expect([...poolSizes(mixed).keys()]).toEqual(['sequential', 'gil', 'py-sequential', 'py-threads']);
  });

  it('interleaves: every pass visits every cell once, in a seeded shuffle that differs between passes', () => {
    const cells = planCells(validConfig());
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

  it('a shared queue gives every worker of a run the same queue and all the units', () => {
    const plan = sharedQueue(5, 3);
    expect(plan).toHaveLength(3);
    for (const p of plan) {
      expect(p.units).toEqual([0, 1, 2, 3, 4]);
      expect(p.queue).toBe(plan[0]?.queue);
    }
    expect(new Int32Array(plan[0]?.queue ?? new SharedArrayBuffer(4))[0]).toBe(0);
  });
});
