/**
 * How long an experiment will take, before it runs: a model of the work, not a fixed string. Per workload
 * and family, the time of one unit comes from this machine's last run of it (the history's baseline cells)
 * or, without one, from the workload's rough figure; cells, runs, units, workers and cores multiply it out,
 * and the pools' start-up is added. Pure, so the builder, the headline button and tests share it.
 */
import { planCells } from './cells';
import {
  calibrateLoops,
  familyOf,
  isBaseline,
  paramsOfFamily,
  runPolicy,
  type ExperimentConfig,
  type Family,
  type Model,
  type WorkloadMeta,
} from './config';
import { formatDuration } from './format';
import type { Report } from './report';
import type { WorkloadKind } from './workload';

/** One unit's time as a run measured it: its family's one-worker baseline median / units. */
export interface UnitTime {
  readonly workload: string;
  readonly family: Family;
  /** the parameters that family ran */
  readonly params: Readonly<Record<string, number>>;
  readonly unitMs: number;
}

/** What an estimate needs to know of one past run (kept in its history summary). */
export interface RunTimings {
  readonly createdAt: string;
  readonly units: readonly UnitTime[];
  /** per model, the whole pool's start-up time and its size */
  readonly spawn: readonly { readonly model: Model; readonly workers: number; readonly totalMs: number }[];
}

/** A report's timings: the baseline cells that ran, and the spawn of every model. */
export function runTimingsOf(report: Report): RunTimings {
  const units: UnitTime[] = [];
  for (const r of report.results) {
    if (!isBaseline(r.model) || !r.wallMs || r.failure || r.units < 1) continue;
    const choice = report.config.workloads.find((w) => w.name === r.workload);
    if (!choice) continue;
    const family = familyOf(r.model);
    units.push({
      workload: r.workload,
      family,
      params: paramsOfFamily(choice, family),
      unitMs: r.wallMs.median / r.units,
    });
  }
  return {
    createdAt: report.createdAt,
    units,
    spawn: report.spawn.map((s) => ({ model: s.model, workers: s.workers, totalMs: s.totalMs })),
  };
}

/**
 * Start-up of a pool with no run of its model in the history, in ms: a base plus a cost per worker (workers
 * start in parallel, so the per-worker cost is what does not overlap). Measured orders of magnitude on a
 * 2-core machine: a thread tens of ms, a process or an interpreter about a hundred or more.
 */
const ROUGH_SPAWN: Readonly<Record<Family, { readonly baseMs: number; readonly perWorkerMs: number }>> = {
  node: { baseMs: 30, perWorkerMs: 20 },
  python: { baseMs: 150, perWorkerMs: 60 },
};
const PROCESS_POOLS: ReadonlySet<Model> = new Set<Model>(['processes', 'py-processes']);
/** The host's own cost per run (dispatch, messages, timing), per family. */
const RUN_OVERHEAD_MS: Readonly<Record<Family, number>> = { node: 2, python: 5 };

/** Where one workload's unit time came from, per family. */
export interface EstimateBasis {
  readonly workload: string;
  readonly family: Family;
  /** history: the same parameters ran here; scaled: a run at another size, scaled; rough: no run of it */
  readonly source: 'history' | 'scaled' | 'rough' | 'unknown';
  readonly unitMs: number | null;
}

export interface Estimate {
  /** the whole experiment, spawn included: fixed runs give low = high; adaptive runs a range */
  readonly lowMs: number;
  readonly highMs: number;
  /** false when some workload's units could not be estimated at all (a user workload never run) */
  readonly complete: boolean;
  readonly basis: readonly EstimateBasis[];
  /** one line: "about 14 s, from your last run of primes and sleep" */
  readonly text: string;
}

export type EstimateConfig = Pick<
  ExperimentConfig,
  | 'workloads'
  | 'models'
  | 'workers'
  | 'repeat'
  | 'warmup'
  | 'minRuns'
  | 'maxRuns'
  | 'targetCiPct'
  | 'minTimeMs'
>;

export interface EstimateInput {
  readonly config: EstimateConfig;
  readonly catalog: readonly WorkloadMeta[];
  readonly logicalCores: number;
  /** past runs on this machine, newest first */
  readonly history: readonly RunTimings[];
}

/** How many units run at once: waiting overlaps in every model; computing only where cores are free. */
export function parallelism(model: Model, kind: WorkloadKind, workers: number, logicalCores: number): number {
  if (isBaseline(model)) return 1;
  const cores = Math.max(1, Math.min(workers, logicalCores));
  if (kind === 'io') return workers;
  // Native hashing releases the lock (the emulated GIL's and CPython's), but one event loop still runs it alone.
  if (kind === 'native') return model === 'async' || model === 'py-asyncio' ? 1 : cores;
  return model === 'threads' || PROCESS_POOLS.has(model) || model === 'py-ft-threads' ? cores : 1;
}

/** One run of a cell: units in waves of as many as run at once, plus the host's cost of a run. */
export function runMs(
  units: number,
  unitMs: number,
  model: Model,
  kind: WorkloadKind,
  workers: number,
  logicalCores: number,
): number {
  const p = Math.max(1, Math.min(units, parallelism(model, kind, workers, logicalCores)));
  return Math.ceil(units / p) * unitMs + RUN_OVERHEAD_MS[familyOf(model)];
}

function sameExcept(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, skip: string) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => k === skip || a[k] === b[k]);
}

/** The time of one unit of a workload for a family at these parameters, and where it came from. */
export function unitTime(
  meta: WorkloadMeta,
  family: Family,
  params: Readonly<Record<string, number>>,
  history: readonly RunTimings[],
): EstimateBasis {
  const size = meta.size;
  const base = { workload: meta.name, family };
  const mine = history.flatMap((h) => h.units).filter((u) => u.workload === meta.name && u.family === family);
  const same = mine.find((u) => sameExcept(u.params, params, ''));
  if (same) return { ...base, source: 'history', unitMs: same.unitMs };
  if (size) {
    const at = (p: Readonly<Record<string, number>>) => (p[size.param] ?? 0) ** size.exponent;
    const scalable = mine.find((u) => sameExcept(u.params, params, size.param) && at(u.params) > 0);
    if (scalable)
      return { ...base, source: 'scaled', unitMs: (scalable.unitMs * at(params)) / at(scalable.params) };
    // Python never run here, Node has: Node's time at Python's size, times CPython's slowdown.
    if (family === 'python') {
      const node = unitTime(meta, 'node', params, history);
      if (node.source === 'history' || node.source === 'scaled')
        return { ...base, source: 'scaled', unitMs: (node.unitMs ?? 0) * size.pythonSlowdown };
    }
    const spec = meta.params.find((p) => p.name === size.param);
    if (spec && spec.default > 0) {
      const v8Ms = (size.roughUnitMs * at(params)) / spec.default ** size.exponent;
      return { ...base, source: 'rough', unitMs: family === 'python' ? v8Ms * size.pythonSlowdown : v8Ms };
    }
  }
  return { ...base, source: 'unknown', unitMs: null };
}

/**
 * A pool's start-up: the newest measured one of its model, scaled up for a larger pool (a smaller one is
 * charged the whole measured time, so the estimate errs long), else the rough figure.
 */
function spawnMs(model: Model, workers: number, history: readonly RunTimings[]): number {
  const seen = history.flatMap((h) => h.spawn).find((s) => s.model === model);
  if (seen && seen.workers > 0) return (seen.totalMs * Math.max(workers, seen.workers)) / seen.workers;
  const rough = ROUGH_SPAWN[familyOf(model)];
  const perWorker = PROCESS_POOLS.has(model) ? rough.perWorkerMs * 3 : rough.perWorkerMs;
  return rough.baseMs + perWorker * workers;
}

export function estimateExperiment(input: EstimateInput): Estimate {
  const { config, catalog, logicalCores, history } = input;
  const policy = runPolicy(config);
  const byName = new Map(catalog.map((w) => [w.name, w]));
  const basis = new Map<string, EstimateBasis>();
  const units = new Map<string, number>();
  let perRoundMs = 0;
  let warmupRoundMs = 0;
  const pools = new Map<Model, number>();
  for (const cell of planCells(config)) {
    pools.set(cell.model, Math.max(pools.get(cell.model) ?? 0, cell.workers));
    const meta = byName.get(cell.workload);
    const choice = config.workloads.find((w) => w.name === cell.workload);
    if (!meta || !choice) continue;
    const family = familyOf(cell.model);
    const params = paramsOfFamily(choice, family);
    const key = `${cell.workload}\u0000${family}`;
    let b = basis.get(key);
    if (!b) {
      b = unitTime(meta, family, params, history);
      basis.set(key, b);
      units.set(key, unitCountOf(params));
    }
    if (b.unitMs === null) continue;
    const one = runMs(units.get(key) ?? 1, b.unitMs, cell.model, meta.kind, cell.workers, logicalCores);
    // a warm-up run is one job; a calibrated measured run repeats a short one
    warmupRoundMs += one;
    perRoundMs += one * calibrateLoops(one, config.minTimeMs);
  }
  let spawn = 0;
  for (const [model, workers] of pools) spawn += spawnMs(model, workers, history);
  const lowMs = spawn + warmupRoundMs * config.warmup + perRoundMs * policy.minRuns;
  const highMs = spawn + warmupRoundMs * config.warmup + perRoundMs * policy.maxRuns;
  const all = [...basis.values()];
  const complete = all.every((b) => b.unitMs !== null);
  return { lowMs, highMs, complete, basis: all, text: estimateText(lowMs, highMs, all) };
}

/**
 * The unit count a workload's parameters ask for: its `units` parameter (every built-in kernel and user
 * workload has one; mandelbrot and matmul cap it at their row count, which the rough model ignores).
 */
function unitCountOf(params: Readonly<Record<string, number>>): number {
  return Math.max(1, params.units ?? 1);
}

function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1] ?? ''}`;
}

/** "about 14 s, from your last run of primes and sleep" / "rough: no run of this workload yet". */
export function estimateText(lowMs: number, highMs: number, basis: readonly EstimateBasis[]): string {
  const span =
    highMs > lowMs * 1.25
      ? `${formatDuration(lowMs)} to ${formatDuration(highMs)}`
      : `about ${formatDuration(Math.max(1000, highMs))}`;
  const of = (source: EstimateBasis['source']) => [
    ...new Set(basis.filter((b) => b.source === source).map((b) => b.workload)),
  ];
  const unknown = of('unknown');
  const rough = of('rough').filter((w) => !unknown.includes(w));
  const measured = [...of('history'), ...of('scaled')].filter(
    (w) => !rough.includes(w) && !unknown.includes(w),
  );
  const parts: string[] = [];
  if (measured.length) parts.push(`from your last run of ${names([...new Set(measured)])}`);
  const workloads = new Set(basis.map((b) => b.workload));
  if (rough.length)
    parts.push(`rough: no run of ${workloads.size === 1 ? 'this workload' : names(rough)} yet`);
  if (unknown.length) parts.push(`${names(unknown)} not counted (never run here)`);
  return `${span}, ${parts.join('; ')}`;
}
