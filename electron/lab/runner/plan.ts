/**
 * The measurement plan: which (workload, model, workers) cells exist and in what order runs happen. Every
 * repetition visits every cell once, in a fresh seeded shuffle, so slow drift of a noisy machine (thermal
 * throttling, a background job) spreads over all cells instead of biasing the last ones.
 */
import { baselineOf, isBaseline, type ExperimentConfig, type Model } from '../../common/config';
import { createRng } from '../../common/random';

export interface Cell {
  readonly key: string;
  readonly workload: string;
  readonly model: Model;
  readonly workers: number;
}

export const cellKey = (workload: string, model: Model, workers: number) => `${workload}/${model}/${workers}`;

/** One cell per workload for the single-worker models, one per worker count for the others; each family's
 * baseline (sequential, py-sequential) is always measured because every speedup is relative to it. */
export function planCells(config: ExperimentConfig): Cell[] {
  const models: Model[] = [];
  for (const model of config.models) {
    const base = baselineOf(model);
    if (!config.models.includes(base) && !models.includes(base)) models.push(base);
    if (!models.includes(model)) models.push(model);
  }
  const cells: Cell[] = [];
  for (const { name } of config.workloads) {
    for (const model of models) {
      const counts = isBaseline(model) ? [1] : config.workers;
      for (const workers of counts)
        cells.push({ key: cellKey(name, model, workers), workload: name, model, workers });
    }
  }
  return cells;
}

/** The largest worker count each model's pool needs. */
export function poolSizes(cells: readonly Cell[]): Map<Model, number> {
  const sizes = new Map<Model, number>();
  for (const c of cells) sizes.set(c.model, Math.max(sizes.get(c.model) ?? 0, c.workers));
  return sizes;
}

/** The order of runs: warmup passes first (not recorded), then `repeat` shuffled passes. */
export function runOrder(
  cells: readonly Cell[],
  warmup: number,
  repeat: number,
  seed: number,
): { cell: Cell; warmup: boolean; repetition: number }[] {
  const rng = createRng(seed);
  const order: { cell: Cell; warmup: boolean; repetition: number }[] = [];
  for (let w = 0; w < warmup; w++)
    for (const cell of cells) order.push({ cell, warmup: true, repetition: w });
  for (let r = 0; r < repeat; r++) {
    const pass = [...cells];
    for (let i = pass.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [pass[i], pass[j]] = [pass[j] as Cell, pass[i] as Cell];
    }
    for (const cell of pass) order.push({ cell, warmup: false, repetition: r });
  }
  return order;
}
