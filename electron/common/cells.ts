/**
 * The cells of an experiment: one per (workload, model, worker count), each family's one-worker baseline
 * always included. Pure, so the runner plans with it and the UI's estimate counts the same cells.
 */
import { baselineOf, isBaseline, type ExperimentConfig, type Model } from './config';

export interface Cell {
  readonly key: string;
  readonly workload: string;
  readonly model: Model;
  readonly workers: number;
}

export const cellKey = (workload: string, model: Model, workers: number) => `${workload}/${model}/${workers}`;

/** One cell per workload for the single-worker models, one per worker count for the others; each family's
 * baseline (sequential, py-sequential) is always measured because every speedup is relative to it. */
export function planCells(config: Pick<ExperimentConfig, 'models' | 'workers' | 'workloads'>): Cell[] {
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
