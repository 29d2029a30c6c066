/**
 * The result model. It IS the export schema (as in hyperfine): the runner fills it, the CLI prints it, the
 * renderer charts it, exporters write it, and a saved file is validated against it when read back.
 * Bump REPORT_VERSION on any incompatible change; readers refuse versions they do not know.
 */
import { z } from 'zod';
import { ExperimentConfigSchema, MODELS } from './config';

export const REPORT_SCHEMA = 'threadlab.report';
export const REPORT_VERSION = 1;

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const nonNeg = finite.refine((v) => v >= 0, { error: 'must not be negative' });
const count = z.number().int().min(0);

/** Summary statistics of repeated wall-clock times, in milliseconds. `raw` keeps every measured value. */
export const WallSummarySchema = z.strictObject({
  median: nonNeg,
  mean: nonNeg,
  stddev: nonNeg,
  min: nonNeg,
  max: nonNeg,
  /** median absolute deviation */
  mad: nonNeg,
  /** every measured time, in run order */
  raw: z.array(nonNeg),
  /** indices into raw that the modified z-score (|0.6745 (x - median) / MAD| > 3.5) marks as outliers */
  outliers: z.array(count),
});
export type WallSummary = z.infer<typeof WallSummarySchema>;

/** Speedup = median sequential time / median time, with a 95% bootstrap confidence interval. */
export const SpeedupSchema = z.strictObject({
  median: nonNeg,
  ciLow: nonNeg,
  ciHigh: nonNeg,
});
export type Speedup = z.infer<typeof SpeedupSchema>;

/** Typed measurement warnings, after hyperfine's. */
export const WARNING_KINDS = ['noisy', 'too-short', 'outliers', 'first-run-slower', 'few-cores'] as const;
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
  threads: z.array(GilThreadStatsSchema),
  /** spans of the last measured run (bounded; `truncated` says when spans were dropped) */
  timeline: z.array(TimelineSpanSchema),
  timelineWallMs: nonNeg,
  truncated: z.boolean(),
});
export type GilStats = z.infer<typeof GilStatsSchema>;

/** Why a cell stopped: a kernel threw, a process exited, a run hit its timeout, a worker ran out of memory. */
export const FailureSchema = z.strictObject({
  reason: z.enum(['error', 'exit', 'timeout', 'out-of-memory', 'checksum', 'cancelled']),
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
  warnings: z.array(WarningSchema),
  checksum: z.number().int().min(0).max(0xffffffff).nullable(),
  /** true when every run's checksum equals the sequential baseline's */
  checksumOk: z.boolean().nullable(),
  /** per worker, bytes of JS heap (threads) or resident memory (processes), max over runs */
  memoryBytes: z.array(nonNeg),
  gil: GilStatsSchema.nullable(),
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
  loadPct: z.array(finite.refine((v) => v >= 0 && v <= 100, { error: 'must be between 0 and 100' })),
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
});
export type Machine = z.infer<typeof MachineSchema>;

export const ReportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  version: z.literal(REPORT_VERSION),
  id: z.string().max(100),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** complete, or cut short (cancelled, or a crash found it unfinished) */
  status: z.enum(['complete', 'cancelled', 'incomplete']),
  tool: z.strictObject({ name: z.literal('threadlab'), version: z.string().max(50) }),
  machine: MachineSchema,
  config: ExperimentConfigSchema,
  spawn: z.array(SpawnStatsSchema),
  samples: z.strictObject({
    intervalMs: nonNeg,
    points: z.array(CpuSampleSchema),
    /** the sampler's own CPU use, in % of one core */
    samplerCpuPct: nonNeg,
  }),
  results: z.array(ResultEntrySchema),
  fits: z.array(AmdahlFitSchema),
});
export type Report = z.infer<typeof ReportSchema>;
