/**
 * The machine's own floor for the adaptive target: the same cells, policy and statistics as the engine's
 * adaptive run (bench/adaptive.ts), on a bare harness with none of the engine. Each of the headline's cells
 * becomes a bare cell of the same shape: as many threads computing at once (threads and processes: N; the
 * others: one, the GIL letting one thread run at a time) on the same units, so its runs last as long and the
 * rounds take as long as the engine's. Runs are interleaved in the engine's seeded rounds (RunSchedule), 5
 * to 15 per cell until the median's exact 95% interval is within ±5% (medianInterval), with the engine's
 * calibration (a run repeats a short job until it lasts FULL_RUNS.minTimeMs, counted on the warm-up run). A
 * cell the bare harness cannot get within ±5% was lost to the machine, not to the lab.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { planCells, type Cell } from '../electron/common/cells';
import { calibrateLoops } from '../electron/common/config';
import { ciHalfWidthPct, medianInterval } from '../electron/common/stats';
import { RunSchedule } from '../electron/lab/runner/plan';
import { FULL_RUNS, headlineConfig, type HeadlineSize } from '../renderer/state/headline';
import type { FloorJob } from './floor-worker';

export interface FloorResult {
  readonly cells: number;
  readonly reached: number;
  /** every cell that ended outside the target, as `model×workers ±pct%` (the engine cell it stands for) */
  readonly missed: string[];
  readonly wallMs: number;
}

/** Threads computing at once in a cell of this model: what the bare cell reproduces. */
const computing = (c: Cell) => (c.model === 'threads' || c.model === 'processes' ? c.workers : 1);

export async function measureAdaptiveFloor(
  entriesDir: string,
  cores: number,
  size: HeadlineSize,
  /** the engine's calibration, reproduced: a cell's loops counted on its warm-up run (null: one job a run) */
  minTimeMs: number | null = FULL_RUNS.minTimeMs,
): Promise<FloorResult> {
  const headline = headlineConfig(cores, size);
  const workload = (headline.workloads ?? []).find((w) => w.name === 'primes');
  if (!workload?.params) throw new Error('the headline has no primes workload');
  const params = workload.params;
  const units = Number(params['units']);
  const cells = planCells({
    models: headline.models ?? [],
    workers: headline.workers ?? [],
    workloads: [{ name: 'primes', params }],
  });
  const entry = path.join(entriesDir, 'floor-worker.js');
  // One set of threads per cell, started before any timing, as the engine's pools are.
  const pools = new Map(
    cells.map((c) => [c.key, Array.from({ length: computing(c) }, () => new Worker(entry))]),
  );
  const walls = new Map<string, number[]>(cells.map((c) => [c.key, []]));
  const ciOf = (key: string) => {
    const interval = medianInterval(walls.get(key) ?? []);
    return interval ? ciHalfWidthPct(interval) : Infinity;
  };
  const t0 = performance.now();
  try {
    const schedule = new RunSchedule(
      cells,
      { warmup: 1, minRuns: FULL_RUNS.minRuns, maxRuns: FULL_RUNS.maxRuns, seed: 1 },
      (c) => ciOf(c.key) > FULL_RUNS.targetCiPct,
    );
    const loops = new Map<string, number>();
    for (let step = schedule.next(); step; step = schedule.next()) {
      const workers = pools.get(step.cell.key) ?? [];
      const jobMs = async () => {
        const job: FloorJob = { queue: new SharedArrayBuffer(4), params, units };
        const done = Promise.all(
          workers.map(
            (w) =>
              new Promise<void>((resolve, reject) => {
                const onError = (err: Error) => reject(err);
                w.once('error', onError);
                w.once('message', () => {
                  w.off('error', onError);
                  resolve();
                });
              }),
          ),
        );
        const start = performance.now();
        for (const w of workers) w.postMessage(job);
        await done;
        return performance.now() - start;
      };
      if (step.warmup) {
        loops.set(step.cell.key, calibrateLoops(await jobMs(), minTimeMs ?? undefined));
        continue;
      }
      // as the engine does: a run is the cell's loops back to back, and its time the mean job
      const n = loops.get(step.cell.key) ?? 1;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += await jobMs();
      walls.get(step.cell.key)?.push(sum / n);
    }
  } finally {
    await Promise.all([...pools.values()].flat().map((w) => w.terminate()));
  }
  const missed = cells
    .filter((c) => !(ciOf(c.key) <= FULL_RUNS.targetCiPct))
    .map((c) => `${c.model}×${c.workers} ±${ciOf(c.key).toFixed(1)}%`);
  return {
    cells: cells.length,
    reached: cells.length - missed.length,
    missed,
    wallMs: performance.now() - t0,
  };
}
