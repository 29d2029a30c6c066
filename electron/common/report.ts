/**
 * The result model. It IS the export schema (as in hyperfine): the runner fills it, the CLI prints it, the
 * renderer charts it, exporters write it, and a saved file is validated against it when read back.
 * Bump REPORT_VERSION on any incompatible change; readers refuse versions they do not know. Version 2 added
 * optional fields (CPU time, cores busy) that a version-1 reader's strict schema would refuse, so a version-1
 * file is still read as it is: every field it lacks is optional.
 */
import { z } from 'zod';
import { ExperimentConfigSchema, LIMITS, MODELS, PYTHON_MODELS } from './config';
import { UserWorkloadRecordSchema } from './user-workload';

export const REPORT_SCHEMA = 'threadlab.report';
export const REPORT_VERSION = 2;
/** every version this code reads; a file keeps the version it was written with */
export const REPORT_VERSIONS_READ = [1, 2] as const;

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

/**
 * Bounds on every list a report holds, so a hostile file cannot make a reader, an exporter or compare use
 * memory out of all proportion to a real run. Each is well above what the engine can produce (the reason is
 * beside it); docs/report-format.md lists them. The totals bound the whole report, because the per-list
 * limits multiplied together would still allow far too much.
 */
export const REPORT_LIMITS = {
  /** cells: at most 8 workloads x 10 models (5 in Node, 5 in Python) x 16 worker counts = 1280 in a real run */
  results: 1500,
  /** measured runs of one cell: `repeat` is at most 1000 */
  rawPerCell: 10_000,
  /** measured runs in all cells together: 1280 cells x 1000 repeats = 1,280,000 at most in a real run */
  rawTotal: 1_500_000,
  /** warnings of one cell: one of each of the 7 kinds in a real run */
  warningsPerCell: 50,
  /** workers of one cell (its GIL threads and memory figures): `workers` is at most 256 */
  workersPerCell: 256,
  /** timeline spans of one cell: the engine keeps at most 5000 per thread x 256 threads */
  spansPerCell: 1_280_000,
  /**
   * timeline spans (the emulated GIL's) and CPython threads' unit spans in all cells together: each list is
   * bounded per cell only, and 256 lanes of 1,280,000 units would be far more than any reader should hold;
   * a 50 MiB file (the import limit) holds about 1,000,000 at most
   */
  spansTotal: 2_000_000,
  /** CPU samples: 24 hours at the default 2 Hz */
  samples: 172_800,
  /** logical cores of one sample */
  coresPerSample: 1024,
  /** load figures in all samples together: 1 hour at 2 Hz on 512 cores is 3,686,400 */
  loadTotal: 5_000_000,
  /** spawn entries (10 models x 16 worker counts = 160) and Amdahl fits (8 workloads x 10 models = 80) */
  spawn: 1000,
  fits: 1000,
} as const;

/** An array of at most `max` items; the error names the field (zod puts its path before the message). */
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, { error: `must hold at most ${max.toLocaleString('en-US')} ${what}` });
const nonNeg = finite.refine((v) => v >= 0, { error: 'must not be negative' });
const count = z.number().int().min(0);

/**
 * Summary statistics of a repeated measurement: wall-clock times in milliseconds, and with the same shape CPU
 * times and cores busy. `raw` keeps every measured value.
 */
export const WallSummarySchema = z.strictObject({
  median: nonNeg,
  mean: nonNeg,
  stddev: nonNeg,
  min: nonNeg,
  max: nonNeg,
  /** median absolute deviation */
  mad: nonNeg,
  /** every measured time, in run order */
  raw: list(nonNeg, REPORT_LIMITS.rawPerCell, 'raw times'),
  /** indices into raw that the modified z-score (|0.6745 (x - median) / MAD| > 3.5) marks as outliers */
  outliers: list(count, REPORT_LIMITS.rawPerCell, 'outlier indices'),
});
export type WallSummary = z.infer<typeof WallSummarySchema>;

/**
 * How a cell's CPU time was counted: each worker thread's own time on CPU ('thread', Linux), each child
 * process's own user + system time ('process'), or the whole engine process's over the run where a thread
 * cannot count itself ('process-wide': it includes the host's small share).
 */
export const CPU_METHODS = ['thread', 'process', 'process-wide'] as const;
export type CpuMethod = (typeof CPU_METHODS)[number];

/** Speedup = median sequential time / median time, with a 95% bootstrap confidence interval. */
export const SpeedupSchema = z.strictObject({
  median: nonNeg,
  ciLow: nonNeg,
  ciHigh: nonNeg,
});
export type Speedup = z.infer<typeof SpeedupSchema>;

/** Typed measurement warnings, after hyperfine's. */
export const WARNING_KINDS = [
  'noisy',
  'too-short',
  'outliers',
  'first-run-slower',
  'few-cores',
  'busy-machine',
  /** adaptive runs: the cell ran maxRuns times and its median's interval is still wider than the target */
  'target-not-reached',
  /**
   * parallel workers spent much more CPU than their baseline on the same units: each core did less work per
   * CPU second, so the cores were shared below what the OS sees (a VM host, hyperthreads) or slowed
   */
  'slow-cores',
  /**
   * CPU-bound work whose runs cost unequal CPU time for the same units: the machine's speed changed during
   * the measurement (clock scaling, throttling, a VM host lending the cores elsewhere)
   */
  'unsteady-cpu',
] as const;
export const WarningSchema = z.strictObject({
  kind: z.enum(WARNING_KINDS),
  message: z.string().max(1000),
});
export type MeasurementWarning = z.infer<typeof WarningSchema>;

/** Lock statistics of one GIL-bound thread over the measured runs (sums). */
export const GilThreadStatsSchema = z.strictObject({
  thread: count,
  holdMs: nonNeg,
  waitMs: nonNeg,
  ioMs: nonNeg,
  /** times this thread took the lock */
  acquisitions: count,
  /** times it took the lock from another thread (a switch) */
  switches: count,
  /** times it dropped the lock because a waiter asked (drop request after the switch interval) */
  forcedDrops: count,
});
export type GilThreadStats = z.infer<typeof GilThreadStatsSchema>;

/** One interval of one thread's timeline, in ms since the start of that run. */
export const TimelineSpanSchema = z.strictObject({
  thread: count,
  state: z.enum(['hold', 'wait', 'io']),
  startMs: nonNeg,
  endMs: nonNeg,
});
export type TimelineSpan = z.infer<typeof TimelineSpanSchema>;

export const GilStatsSchema = z.strictObject({
  switchIntervalMs: nonNeg,
  threads: list(GilThreadStatsSchema, REPORT_LIMITS.workersPerCell, 'threads'),
  /** spans of the last measured run (bounded; `truncated` says when spans were dropped) */
  timeline: list(TimelineSpanSchema, REPORT_LIMITS.spansPerCell, 'spans'),
  timelineWallMs: nonNeg,
  truncated: z.boolean(),
});
export type GilStats = z.infer<typeof GilStatsSchema>;

/** One unit a CPython thread ran, on Python's perf_counter, in ms since the job started. */
export const PythonUnitSpanSchema = z.strictObject({ index: count, startMs: finite, endMs: finite });

/**
 * What can be seen of a real GIL from inside Python: per CPython thread of the last measured run, the units
 * it ran (start and end) and its CPU time (time.thread_time) against its wall time. Unlike the emulated
 * GIL's timeline it cannot say who held the lock: only when each unit ran and how much CPU the thread got.
 */
export const PythonLanesSchema = z.strictObject({
  lanes: list(
    z.strictObject({
      /** the thread's position in the job (0-based), the lane its units were dealt to */
      thread: count,
      /** time.thread_time over the thread's part of the job */
      cpuMs: nonNeg,
      wallMs: nonNeg,
      /** when the thread started, ms since the job started */
      startMs: finite,
      units: list(PythonUnitSpanSchema, REPORT_LIMITS.spansPerCell, 'units'),
    }),
    REPORT_LIMITS.workersPerCell,
    'lanes',
  ),
  /** the job's wall time on perf_counter */
  wallMs: nonNeg,
});
export type PythonLanes = z.infer<typeof PythonLanesSchema>;

/** Why a cell stopped: a kernel threw, a process exited, a run hit its timeout, a worker ran out of memory. */
export const FailureSchema = z.strictObject({
  /**
   * unavailable: the model cannot run here (no Python found, no free-threaded build, or a user workload file
   * of the other language)
   */
  reason: z.enum(['error', 'exit', 'timeout', 'out-of-memory', 'checksum', 'cancelled', 'unavailable']),
  message: z.string().max(4000),
});
export type Failure = z.infer<typeof FailureSchema>;

/** One (workload, model, workers) cell of the experiment. */
export const ResultEntrySchema = z.strictObject({
  workload: z.string().max(100),
  kind: z.enum(['cpu', 'io', 'native', 'mixed', 'diagnostic']),
  model: z.enum(MODELS),
  workers: z.number().int().min(1).max(256),
  units: count,
  /** null when no run of this cell completed */
  wallMs: WallSummarySchema.nullable(),
  /** null for the baseline itself's missing data, or when either side has no runs */
  speedup: SpeedupSchema.nullable(),
  /** speedup / workers */
  efficiency: nonNeg.nullable(),
  warnings: list(WarningSchema, REPORT_LIMITS.warningsPerCell, 'warnings'),
  checksum: z.number().int().min(0).max(0xffffffff).nullable(),
  /** true when every run's checksum equals the sequential baseline's */
  checksumOk: z.boolean().nullable(),
  /** CPU time of the workers per run (user + system), summed over workers; absent in version-1 reports */
  cpuMs: WallSummarySchema.nullable().optional(),
  /** cores kept busy per run = cpuMs / wallMs: about 1 for GIL-bound threads, about N for N threads */
  coresBusy: WallSummarySchema.nullable().optional(),
  cpuMethod: z.enum(CPU_METHODS).nullable().optional(),
  /**
   * What other programs used while this cell ran, in cores (machine-wide program CPU, user + nice + system,
   * minus the lab's own), and the time a hypervisor stole; null where the OS does not say (no /proc/stat),
   * absent in version 1
   */
  interference: z.strictObject({ otherCores: nonNeg, stealCores: nonNeg }).nullable().optional(),
  /**
   * Adaptive runs (config.targetCiPct): the measured runs this cell took, how tightly they pin its median (the
   * larger distance from the median to a bound of its 95% interval, in % of the median; null when the median
   * is 0 or there were fewer than 6 runs) and whether that met the target. The interval is the exact order-
   * statistic one; reports written before it used a percentile bootstrap. Absent for a fixed number of runs
   * and in older reports.
   */
  adaptive: z
    .strictObject({
      runs: count.max(REPORT_LIMITS.rawPerCell),
      medianCiPct: nonNeg.nullable(),
      reached: z.boolean(),
    })
    .optional(),
  /**
   * Calibration (config.minTimeMs): the jobs each measured run repeated back to back. wallMs, cpuMs and
   * coresBusy are then per job (a run's mean), so they compare with uncalibrated cells; absent when runs
   * were not calibrated (one job a run) and in older reports.
   */
  loops: count.min(1).max(LIMITS.loops.max).optional(),
  /** per worker, bytes of JS heap (threads) or resident memory (processes), max over runs */
  memoryBytes: list(nonNeg, REPORT_LIMITS.workersPerCell, 'figures'),
  gil: GilStatsSchema.nullable(),
  /** py-threads and py-ft-threads cells: the CPython threads' units and CPU time (absent before Python) */
  pythonLanes: PythonLanesSchema.nullable().optional(),
  failure: FailureSchema.nullable(),
});
export type ResultEntry = z.infer<typeof ResultEntrySchema>;

/** Start-up cost of a model's workers, measured before any timing, per worker. */
export const SpawnStatsSchema = z.strictObject({
  model: z.enum(MODELS),
  workers: count,
  perWorkerMs: nonNeg,
  totalMs: nonNeg,
});
export type SpawnStats = z.infer<typeof SpawnStatsSchema>;

/** Amdahl's law fitted to one workload and model: speedup(n) = 1 / (s + (1 - s) / n). */
export const AmdahlFitSchema = z.strictObject({
  workload: z.string().max(100),
  model: z.enum(MODELS),
  /** fitted serial fraction s, clamped to [0, 1] */
  serialFraction: finite.refine((v) => v >= 0 && v <= 1, { error: 'must be between 0 and 1' }),
  /** root-mean-square error of the fit, in speedup units */
  rmse: nonNeg,
});
export type AmdahlFit = z.infer<typeof AmdahlFitSchema>;

export const CpuSampleSchema = z.strictObject({
  /** ms since the experiment started */
  tMs: nonNeg,
  /** load of each logical core, 0..100 */
  loadPct: list(
    finite.refine((v) => v >= 0 && v <= 100, { error: 'must be between 0 and 100' }),
    REPORT_LIMITS.coresPerSample,
    'cores',
  ),
});
export type CpuSample = z.infer<typeof CpuSampleSchema>;

export const MachineSchema = z.strictObject({
  cpuModel: z.string().max(300),
  physicalCores: count,
  logicalCores: count,
  os: z.strictObject({
    platform: z.string().max(50),
    release: z.string().max(200),
    arch: z.string().max(50),
  }),
  memoryBytes: nonNeg,
  node: z.string().max(50),
  electron: z.string().max(50).nullable(),
  // The conditions pyperf records beside its timings. Each is absent in reports written before they were
  // recorded, and null where this machine would not say (shown as "unknown"): never a guessed value.
  /** CPU clock when the experiment started (current: mean over the cores) and its hardware range, in MHz */
  cpuFrequency: z
    .strictObject({ currentMhz: nonNeg.nullable(), minMhz: nonNeg.nullable(), maxMhz: nonNeg.nullable() })
    .optional(),
  /** the CPU frequency scaling governor (Linux), e.g. powersave or performance; several joined by ", " */
  governor: z.string().max(200).nullable().optional(),
  /** true when the machine ran on battery, false on mains (or with no battery at all) */
  onBattery: z.boolean().nullable().optional(),
  /** the 1, 5 and 15 minute load averages when the experiment started (null where the OS has none) */
  loadAverage: z.strictObject({ oneMin: nonNeg, fiveMin: nonNeg, fifteenMin: nonNeg }).nullable().optional(),
  /** true when the machine is a virtual machine (the CPU's hypervisor flag or systeminformation says so) */
  virtualMachine: z.boolean().nullable().optional(),
});
export type Machine = z.infer<typeof MachineSchema>;

/** A Python interpreter that ran some of the py-* models, as it described itself. */
export const InterpreterSchema = z.strictObject({
  models: list(z.enum(PYTHON_MODELS), PYTHON_MODELS.length, 'models'),
  version: z.string().max(100),
  implementation: z.string().max(100),
  executable: z.string().max(4096),
  gilEnabled: z.boolean(),
  freeThreadedBuild: z.boolean(),
});
export type Interpreter = z.infer<typeof InterpreterSchema>;

/** The Python side of a run that asked for py-* models: who ran them, and why some could not run. */
export const PythonRunSchema = z.strictObject({
  interpreters: list(InterpreterSchema, PYTHON_MODELS.length, 'interpreters'),
  unavailable: list(
    z.strictObject({
      models: list(z.enum(PYTHON_MODELS), PYTHON_MODELS.length, 'models'),
      reason: z.string().max(4000),
    }),
    PYTHON_MODELS.length,
    'entries',
  ),
});
export type PythonRun = z.infer<typeof PythonRunSchema>;

export const ReportSchema = z
  .strictObject({
    schema: z.literal(REPORT_SCHEMA),
    version: z.union(REPORT_VERSIONS_READ.map((v) => z.literal(v))),
    id: z.string().max(100),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    /** complete, or cut short (cancelled, or a crash found it unfinished) */
    status: z.enum(['complete', 'cancelled', 'incomplete']),
    tool: z.strictObject({ name: z.literal('threadlab'), version: z.string().max(50) }),
    machine: MachineSchema,
    config: ExperimentConfigSchema,
    spawn: list(SpawnStatsSchema, REPORT_LIMITS.spawn, 'entries'),
    samples: z.strictObject({
      intervalMs: nonNeg,
      points: list(CpuSampleSchema, REPORT_LIMITS.samples, 'samples'),
      /** the sampler's own CPU use, in % of one core */
      samplerCpuPct: nonNeg,
      /** why the samples end early: the sampler's thread failed mid-run (the results stand) */
      error: z.string().max(1000).optional(),
    }),
    results: list(ResultEntrySchema, REPORT_LIMITS.results, 'cells'),
    fits: list(AmdahlFitSchema, REPORT_LIMITS.fits, 'fits'),
    /** present when the run asked for py-* models (older reports have none) */
    python: PythonRunSchema.optional(),
    /** present when the run measured the user's own workload file (older reports have none) */
    userWorkload: UserWorkloadRecordSchema.optional(),
  })
  .superRefine((r, ctx) => {
    // Totals over the whole report, each reported on the list that holds the items.
    const total = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
    const over = (path: PropertyKey[], n: number, max: number, what: string) => {
      if (n > max)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `hold ${n.toLocaleString('en-US')} ${what} in all; at most ${max.toLocaleString('en-US')}`,
        });
    };
    over(
      ['results'],
      total(r.results.map((e) => e.wallMs?.raw.length ?? 0)),
      REPORT_LIMITS.rawTotal,
      'raw times',
    );
    over(
      ['results'],
      total(
        r.results.map(
          (e) => (e.gil?.timeline.length ?? 0) + total(e.pythonLanes?.lanes.map((l) => l.units.length) ?? []),
        ),
      ),
      REPORT_LIMITS.spansTotal,
      'timeline spans (GIL spans and Python units)',
    );
    over(
      ['samples', 'points'],
      total(r.samples.points.map((p) => p.loadPct.length)),
      REPORT_LIMITS.loadTotal,
      'load figures',
    );
  });
export type Report = z.infer<typeof ReportSchema>;
