/**
 * Turns what the runs measured into the result model: summaries, speedup with its confidence interval,
 * efficiency, warnings, checksum verdicts, GIL totals and the Amdahl fits.
 */
import type { OtherProcess } from '../../common/api-types';
import type {
  AmdahlFit,
  CpuMethod,
  Failure,
  GilStats,
  GilThreadStats,
  MeasurementWarning,
  ResultEntry,
  TimelineSpan,
  PythonLanes,
  Speedup,
} from '../../common/report';
import { baselineOf, isBaseline, type Model, type RunPolicy } from '../../common/config';
import {
  bootstrapSpeedup,
  ciHalfWidthPct,
  efficiency,
  fitAmdahl,
  measurementWarnings,
  medianInterval,
  middleHalfSpread,
  summarize,
} from '../../common/stats';
import type { WorkloadKind } from '../../common/workload';
import { cellKey, type Cell } from './plan';
import {
  busyMachineWarning,
  emptyTotals,
  interferenceOf,
  type InterferenceTotals,
} from '../measure/interference';
import type { RunOutcome } from '../runtime/executor';

/**
 * One measured run of a calibrated cell, from its loops (its job run back to back): wall and CPU time per job
 * (the mean, as pyperf divides a value by its loops), memory at its largest, and the GIL record and Python
 * lanes of the last job (the one a timeline shows). One loop is that job as it is.
 */
export function perJob(outcomes: readonly RunOutcome[]): RunOutcome {
  const last = outcomes.at(-1);
  if (!last) throw new RangeError('perJob needs at least one outcome');
  if (outcomes.length === 1) return last;
  const mean = (f: (o: RunOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0) / outcomes.length;
  const memoryBytes: number[] = [];
  for (const o of outcomes)
    o.memoryBytes.forEach((b, i) => (memoryBytes[i] = Math.max(memoryBytes[i] ?? 0, b)));
  return { ...last, wallMs: mean((o) => o.wallMs), cpuMs: mean((o) => o.cpuMs), memoryBytes };
}

/** Models whose workers can run on separate cores at once. */
const PARALLEL: ReadonlySet<Model> = new Set<Model>([
  'threads',
  'processes',
  'py-processes',
  'py-ft-threads',
]);

/** The cell a speedup is measured against: the same workload on its family's baseline. */
export function baselineKey(cell: Pick<Cell, 'workload' | 'model'>): string {
  return cellKey(cell.workload, baselineOf(cell.model), 1);
}

/** Everything measured for one cell while the experiment ran. */
export interface CellData {
  readonly cell: Cell;
  readonly kind: WorkloadKind;
  readonly units: number;
  /** jobs per measured run (calibration, config.minTimeMs): counted on the warm-up run, 1 without it */
  loops: number;
  /** per measured run, the wall time of one job (the mean of its loops) */
  readonly wallMs: number[];
  /** per measured run, the workers' CPU time (same order as wallMs) */
  readonly cpuMs: number[];
  cpuMethod: CpuMethod | null;
  /** other programs' CPU over the measured runs */
  readonly interference: InterferenceTotals;
  readonly checksums: number[];
  /** per worker index, the largest value seen */
  readonly memoryBytes: number[];
  gilTotals: GilThreadStats[] | null;
  gilTimeline: { spans: TimelineSpan[]; truncated: boolean; wallMs: number } | null;
  /** a Python threads cell's last measured run, per CPython thread */
  pythonLanes: PythonLanes | null;
  failure: Failure | null;
}

export function newCellData(cell: Cell, kind: WorkloadKind, units: number): CellData {
  return {
    cell,
    kind,
    units,
    loops: 1,
    wallMs: [],
    cpuMs: [],
    cpuMethod: null,
    interference: emptyTotals(),
    checksums: [],
    memoryBytes: [],
    gilTotals: null,
    gilTimeline: null,
    pythonLanes: null,
    failure: null,
  };
}

export function addGilTotals(
  into: GilThreadStats[] | null,
  add: readonly GilThreadStats[],
): GilThreadStats[] {
  if (!into) return add.map((t) => ({ ...t }));
  return into.map((t, i) => {
    const a = add[i];
    if (!a) return t;
    return {
      thread: t.thread,
      holdMs: t.holdMs + a.holdMs,
      waitMs: t.waitMs + a.waitMs,
      ioMs: t.ioMs + a.ioMs,
      acquisitions: t.acquisitions + a.acquisitions,
      switches: t.switches + a.switches,
      forcedDrops: t.forcedDrops + a.forcedDrops,
    };
  });
}

/** CPU time and cores busy (cpuMs / wallMs of the same run) of a cell's measured runs. */
function cpuSummaries(d: CellData): Pick<ResultEntry, 'cpuMs' | 'coresBusy' | 'cpuMethod'> {
  if (!d.cpuMs.length || d.cpuMs.length !== d.wallMs.length)
    return { cpuMs: null, coresBusy: null, cpuMethod: null };
  const coresBusy = d.cpuMs.map((c, i) => {
    const wall = d.wallMs[i] ?? 0;
    return wall > 0 ? c / wall : 0;
  });
  return { cpuMs: summarize(d.cpuMs), coresBusy: summarize(coresBusy), cpuMethod: d.cpuMethod };
}

/**
 * How tightly a cell's runs pin its median: the half-width of its exact 95% order-statistic interval in % of
 * the median (null for a median of 0, or fewer than 6 runs, where no 95% interval exists), and whether it is
 * within the policy's target. The runner asks it as each round begins to decide whether the cell runs again;
 * the report records its last answer.
 */
export function medianTightness(
  wallMs: readonly number[],
  policy: RunPolicy,
): { medianCiPct: number | null; reached: boolean } {
  if (!wallMs.length || policy.targetCiPct === null) return { medianCiPct: null, reached: false };
  const interval = medianInterval(wallMs);
  const pct = interval ? ciHalfWidthPct(interval) : Infinity;
  const medianCiPct = Number.isFinite(pct) ? pct : null;
  return { medianCiPct, reached: medianCiPct !== null && medianCiPct <= policy.targetCiPct };
}

function adaptiveOf(
  d: CellData,
  policy: RunPolicy,
): { entry: NonNullable<ResultEntry['adaptive']>; warning: MeasurementWarning | null } {
  const { medianCiPct, reached } = medianTightness(d.wallMs, policy);
  const runs = d.wallMs.length;
  const entry = { runs, medianCiPct, reached };
  // Only a cell that used all its runs missed the target; a cancelled or failed one simply stopped.
  if (reached || runs < policy.maxRuns || d.failure) return { entry, warning: null };
  const target = `±${String(policy.targetCiPct)}%`;
  const reachedText =
    medianCiPct === null
      ? `could not be computed (a median of 0, or too few runs), so the target ${target} was not met`
      : `is ±${medianCiPct.toFixed(1)}%, wider than the target ${target}`;
  return {
    entry,
    warning: {
      kind: 'target-not-reached',
      message:
        `${d.cell.workload} / ${d.cell.model} / ${d.cell.workers} ${d.cell.workers === 1 ? 'worker' : 'workers'}: ` +
        `after ${runs} runs (the maximum) the 95% interval of its median ${reachedText}. Its time varies too much from run to run: close other ` +
        `programs, or allow more runs.`,
    },
  };
}

/**
 * Parallel models whose workers share no lock, so extra CPU per unit cannot be their own waiting: a
 * free-threaded interpreter's threads can spend CPU on contended reference counts and locks of their own.
 */
const SHARE_NOTHING: ReadonlySet<Model> = new Set<Model>(['threads', 'processes', 'py-processes']);

/** CPU per run above this many times the baseline's, for the same units, is named `slow-cores`. */
export const SLOW_CORES_CPU_RATIO = 1.4;

/**
 * The OS counts as CPU time the time a thread held a core it was given, not the work the core did. When the
 * cores a parallel model got were slower than the one the baseline ran on, the same units cost more CPU:
 * under a hypervisor that runs a VM's vCPUs on fewer physical cores (no steal time need be reported), on two
 * hyperthreads of one core, a shared cache or memory bus, or at a lower clock. Other programs' CPU cannot cause it (busy-machine counts
 * those), so it is named apart: the speedup understates what the model does on free cores.
 */
export function slowCoresWarning(
  cpu: Pick<ResultEntry, 'cpuMs' | 'cpuMethod'>,
  base: Pick<ResultEntry, 'cpuMs' | 'cpuMethod'>,
  speedup: Speedup | null,
): MeasurementWarning | null {
  // the whole process's CPU includes the host's; only a worker's own counts compare like with like
  const own = (m: ResultEntry['cpuMethod']) => m === 'thread' || m === 'process';
  if (!cpu.cpuMs || !base.cpuMs || !own(cpu.cpuMethod) || !own(base.cpuMethod)) return null;
  // too little CPU for a ratio to mean anything (I/O-bound work, a unit of a few ms)
  if (base.cpuMs.median < 20) return null;
  const ratio = cpu.cpuMs.median / base.cpuMs.median;
  if (ratio <= SLOW_CORES_CPU_RATIO) return null;
  const at = speedup ? ` at a speedup of ${speedup.median.toFixed(2)}x` : '';
  return {
    kind: 'slow-cores',
    message:
      `These runs spent ${ratio.toFixed(2)}x the CPU time the baseline spent on the same units${at}: each core ` +
      `did less work per second it was given. The cores were shared below what the operating system sees (a ` +
      `virtual machine's host running its vCPUs on fewer physical cores, two hyperthreads of one core, a cache ` +
      `or memory bus the work leans on) or ran at a lower clock; other programs' use cannot cause this. The speedup understates what this model ` +
      `does on free cores.`,
  };
}

/**
 * The spread of the middle half of a cell's CPU times, (q3 - q1) / median, above which its runs did not cost
 * the same CPU. Steady CPU-bound cells measured 0.04-0.13 on the 2-core VM, also while other engineers' tests
 * loaded it (CPU per run varied 3-10% where wall time varied 13-46%); py-sequential on primes measured 0.24
 * and 0.32 in runs whose CPU per run went from 630 to 1010 ms and 640 to 1100 ms for the same units.
 */
export const UNSTEADY_CPU_SPREAD = 0.2;

/**
 * CPU-bound work costs the same CPU time every run: the units are the same. When it does not, the cores did
 * different amounts of work per second across the measurement: the clock was scaled (a laptop's power
 * saving, thermal throttling), the runs landed on cores of unequal speed (efficiency and performance cores),
 * or a VM's host gave a vCPU less of a physical core for a while, which no steal time need show and no
 * listing of other programs can see (on the 2-core VM a pure-Python loop pinned to one vCPU took 213-237 ms,
 * and 157-177 ms seconds later, while on the other it took 150-164 ms both times; a one-thread cell
 * alternated between 680 and 1120 ms of CPU for the same units). Each run's wall time moved with it, so the cell's
 * median, and any speedup against it, depends on where and when its runs fell.
 */
export function unsteadyCpuWarning(
  kind: ResultEntry['kind'],
  cpuMs: ResultEntry['cpuMs'],
): MeasurementWarning | null {
  if ((kind !== 'cpu' && kind !== 'native') || !cpuMs || cpuMs.raw.length < 5) return null;
  // too little CPU for its spread to mean anything (a clock tick is several ms)
  if (cpuMs.median < 20) return null;
  const spread = middleHalfSpread(cpuMs.raw);
  if (spread <= UNSTEADY_CPU_SPREAD) return null;
  return {
    kind: 'unsteady-cpu',
    message:
      `The same units cost from ${cpuMs.min.toFixed(0)} to ${cpuMs.max.toFixed(0)} ms of CPU time across runs (the ` +
      `middle half spread over ${(spread * 100).toFixed(0)}% of the median): the machine's speed changed during ` +
      `the measurement, or its runs landed on cores of unequal speed: a clock scaled down (power saving, heat), ` +
      `a laptop's efficiency cores beside its performance cores, or a virtual machine's host lending a core ` +
      `elsewhere, none of which other programs' use need show. Its median and speedup depend on where and ` +
      `when its runs fell; measure again on a steady machine (plugged in, cool, nothing else heavy on the host).`,
  };
}

export interface BuildOptions {
  /**
   * per baseline cell key, the answer its family's cells must give when not the baseline's own: the
   * TypeScript kernel's checksum at the Python family's parameters
   */
  readonly references?: ReadonlyMap<string, number>;
  readonly seed: number;
  /** fixed or adaptive runs; adaptive ones add each cell's `adaptive` record */
  readonly policy?: RunPolicy;
  readonly logicalCores: number;
  readonly switchIntervalMs: number;
  /** the programs that used most CPU during the experiment, named in busy-machine warnings */
  readonly topOthers?: readonly OtherProcess[];
  /** runs were calibrated (config.minTimeMs): each cell records its loops */
  readonly calibrated?: boolean;
}

export function buildResults(
  data: readonly CellData[],
  opts: BuildOptions,
): { results: ResultEntry[]; fits: AmdahlFit[] } {
  const baseline = new Map<string, CellData>();
  for (const d of data) if (isBaseline(d.cell.model)) baseline.set(baselineKey(d.cell), d);

  const results = data.map((d): ResultEntry => {
    const base = baseline.get(baselineKey(d.cell));
    const wallMs = d.wallMs.length ? summarize(d.wallMs) : null;
    const cpu = cpuSummaries(d);
    const speedup =
      wallMs && base && base.wallMs.length
        ? bootstrapSpeedup(base.wallMs, d.wallMs, { seed: opts.seed })
        : null;
    const warnings: MeasurementWarning[] = wallMs ? measurementWarnings(wallMs) : [];
    const parallel = PARALLEL.has(d.cell.model);
    if (parallel && (d.kind === 'cpu' || d.kind === 'native') && d.cell.workers > opts.logicalCores) {
      warnings.push({
        kind: 'few-cores',
        message: `${d.cell.workers} workers share ${opts.logicalCores} logical cores: CPU-bound work cannot speed up more than ${opts.logicalCores}x here.`,
      });
    }
    const slow =
      SHARE_NOTHING.has(d.cell.model) && base ? slowCoresWarning(cpu, cpuSummaries(base), speedup) : null;
    if (slow) warnings.push(slow);
    const unsteady = unsteadyCpuWarning(d.kind, cpu.cpuMs);
    if (unsteady) warnings.push(unsteady);
    const interference = interferenceOf(d.interference);
    const busy = interference && busyMachineWarning(interference, opts.topOthers ?? []);
    if (busy) warnings.push(busy);
    const policy = opts.policy;
    const adaptive = policy && policy.targetCiPct !== null ? adaptiveOf(d, policy) : null;
    if (adaptive?.warning) warnings.push(adaptive.warning);
    const typescript = opts.references?.get(baselineKey(d.cell));
    const reference = typescript ?? base?.checksums[0];
    const against =
      typescript !== undefined ? "the TypeScript kernel's" : `the ${baselineOf(d.cell.model)} baseline's`;
    const checksum = d.checksums[0] ?? null;
    const checksumOk =
      d.checksums.length && reference !== undefined ? d.checksums.every((c) => c === reference) : null;
    const gil: GilStats | null = d.gilTotals
      ? {
          switchIntervalMs: opts.switchIntervalMs,
          threads: d.gilTotals,
          timeline: d.gilTimeline?.spans ?? [],
          timelineWallMs: d.gilTimeline?.wallMs ?? 0,
          truncated: d.gilTimeline?.truncated ?? false,
        }
      : null;
    return {
      workload: d.cell.workload,
      kind: d.kind,
      model: d.cell.model,
      workers: d.cell.workers,
      units: d.units,
      wallMs,
      ...cpu,
      interference,
      speedup,
      efficiency: speedup ? efficiency(speedup.median, d.cell.workers) : null,
      warnings,
      checksum,
      checksumOk,
      ...(adaptive ? { adaptive: adaptive.entry } : {}),
      ...(opts.calibrated ? { loops: d.loops } : {}),
      memoryBytes: d.memoryBytes,
      gil,
      ...(d.pythonLanes ? { pythonLanes: d.pythonLanes } : {}),
      failure:
        d.failure ??
        (checksumOk === false
          ? {
              reason: 'checksum',
              message: `checksum ${d.checksums.find((c) => c !== reference)} differs from ${against} ${reference} at the same parameters: this model computed a different answer`,
            }
          : null),
    };
  });

  const fits: AmdahlFit[] = [];
  const groups = new Map<string, ResultEntry[]>();
  for (const r of results) {
    if (isBaseline(r.model) || !r.speedup) continue;
    const k = `${r.workload}\u0000${r.model}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const rows of groups.values()) {
    const first = rows[0];
    if (!first) continue;
    // Amdahl's law is about processors: beyond the core count the curve flattens for another reason.
    const inRange = rows.filter((r) => r.workers <= opts.logicalCores);
    const fit = fitAmdahl(inRange.map((r) => ({ workers: r.workers, speedup: r.speedup?.median ?? 0 })));
    if (fit) fits.push({ workload: first.workload, model: first.model, ...fit });
  }
  return { results, fits };
}
