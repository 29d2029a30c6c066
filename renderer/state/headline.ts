/**
 * The one-click headline experiment: CPU-bound (primes) against I/O-bound (sleep) work, for every model,
 * from one worker up to twice the core count, and real CPython's threads and processes beside them where
 * Python is found (each family at its own size: Python's prime units are shrunk to last about as long as
 * Node's). 'quick' is a quick look for a live demo (two runs a cell, no warm-up: fast, not a measurement);
 * 'full' is a measurement: after a warm-up pass each cell runs 5 to 15 times, until the 95% interval of its
 * median is within ±5% (adaptive runs, issue 12).
 */
import type { PythonInfo } from '../../electron/common/api';
import type { ExperimentConfigInput, Model, PythonModel } from '../../electron/common/config';
import { ADAPTIVE_DEFAULTS, defaultMaxRuns, LIMITS } from '../../electron/common/config';

export type HeadlineSize = 'quick' | 'full';

export const HEADLINE_MODELS: readonly Model[] = ['threads', 'processes', 'async', 'gil'];
/** Python's baseline, threads under the real GIL, and processes: the classic lesson, on real CPython. */
export const HEADLINE_PYTHON_MODELS: readonly PythonModel[] = ['py-sequential', 'py-threads', 'py-processes'];

/** Whether the headline can include Python: an interpreter was found that runs its models. */
export function headlineHasPython(python: PythonInfo | null): boolean {
  return (
    python !== null &&
    python.interpreters.length > 0 &&
    HEADLINE_PYTHON_MODELS.every((m) => python.unavailable[m] === undefined)
  );
}
export const HEADLINE_LABEL = 'CPU-bound vs I/O-bound';

/** 1, 2, 4, ... up to 2 x cores, always including the core count itself and twice it (at most 16 counts). */
export function headlineWorkers(logicalCores: number): number[] {
  const cores = Math.max(1, Math.min(Math.floor(logicalCores) || 1, LIMITS.workers.max / 2));
  const counts = new Set<number>([1, cores, 2 * cores]);
  for (let n = 2; n < 2 * cores; n *= 2) counts.add(n);
  const sorted = [...counts].sort((a, b) => a - b);
  // Keep the ends (1, cores, 2 x cores) when a many-core machine would exceed the limit on counts.
  while (sorted.length > LIMITS.workerCounts.max) {
    const i = sorted.findIndex((n, k) => k > 0 && n !== cores && n !== 2 * cores);
    if (i < 1) break;
    sorted.splice(i, 1);
  }
  return sorted;
}

/** Work is split into units; at least two units per worker keeps the largest count meaningful. */
function unitsFor(base: number, maxWorkers: number): number {
  const need = Math.max(base, 2 * maxWorkers);
  return Math.ceil(need / maxWorkers) * maxWorkers;
}

const SIZES = {
  quick: { primesUnits: 16, span: 20_000, sleepUnits: 8, sleepMs: 20, repeat: 2, warmup: 0 },
  full: { primesUnits: 48, span: 16_000, sleepUnits: 16, sleepMs: 40, repeat: 3, warmup: 1 },
} as const;

/**
 * The Full measurement's adaptive runs, the engine's defaults (5 to 15 runs until ±5%): the bench checks that
 * CPU-bound cells get tight within them.
 */
export const FULL_RUNS = {
  minRuns: ADAPTIVE_DEFAULTS.minRuns,
  maxRuns: defaultMaxRuns(ADAPTIVE_DEFAULTS.minRuns),
  targetCiPct: ADAPTIVE_DEFAULTS.targetCiPct,
  minTimeMs: ADAPTIVE_DEFAULTS.minTimeMs,
} as const;

export function headlineConfig(
  logicalCores: number,
  size: HeadlineSize,
  withPython = false,
): ExperimentConfigInput {
  const workers = headlineWorkers(logicalCores);
  const max = workers[workers.length - 1] ?? 1;
  const s = SIZES[size];
  return {
    label: size === 'quick' ? `${HEADLINE_LABEL} (quick)` : HEADLINE_LABEL,
    workloads: [
      { name: 'primes', params: { units: unitsFor(s.primesUnits, max), span: s.span } },
      { name: 'sleep', params: { units: unitsFor(s.sleepUnits, max), ms: s.sleepMs } },
    ],
    models: [...HEADLINE_MODELS, ...(withPython ? HEADLINE_PYTHON_MODELS : [])],
    workers,
    repeat: s.repeat,
    warmup: s.warmup,
    ...(size === 'full' ? FULL_RUNS : {}),
    switchIntervalMs: 5,
  };
}
