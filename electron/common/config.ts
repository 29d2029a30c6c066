/**
 * The experiment configuration: what the CLI flags, the UI builder and the WebSocket all turn into, validated
 * once here so every error names the field it is about.
 */
import { z } from 'zod';
import type { ParamSpec, UnitSize, WorkloadKind } from './workload';
import { LabError, type FieldIssue } from './errors';
import { collectParams } from './params';
import { medianRankK } from './stats/median-interval';

/** The execution models the lab compares: five in Node, and the same questions asked of a real Python. */
export const JS_MODELS = ['sequential', 'threads', 'processes', 'async', 'gil'] as const;
/** Run by a real interpreter (CLI names fixed by issue 11); py-ft-threads needs a free-threaded build. */
export const PYTHON_MODELS = [
  'py-sequential',
  'py-threads',
  'py-processes',
  'py-asyncio',
  'py-ft-threads',
] as const;
export const MODELS = [...JS_MODELS, ...PYTHON_MODELS] as const;
export type Model = (typeof MODELS)[number];
export type PythonModel = (typeof PYTHON_MODELS)[number];
export type JsModel = (typeof JS_MODELS)[number];

export function isPythonModel(model: Model): model is PythonModel {
  return (PYTHON_MODELS as readonly Model[]).includes(model);
}

/** Each family's one-worker baseline: a speedup is only meaningful against the same language's own run. */
export function baselineOf(model: Model): 'sequential' | 'py-sequential' {
  return isPythonModel(model) ? 'py-sequential' : 'sequential';
}

/** The two families of models: each runs its own kernels, at its own sizes, against its own baseline. */
export type Family = 'node' | 'python';

export function familyOf(model: Model): Family {
  return isPythonModel(model) ? 'python' : 'node';
}

/** The parameters a model's family runs a workload with: Python's own where the config has them. */
export function paramsOfFamily(
  choice: {
    readonly params: Readonly<Record<string, number>>;
    readonly pythonParams?: Readonly<Record<string, number>>;
  },
  family: Family,
): Readonly<Record<string, number>> {
  return family === 'python' ? (choice.pythonParams ?? choice.params) : choice.params;
}

/** A family's baseline runs one worker and has no speedup of its own. */
export function isBaseline(model: Model): boolean {
  return model === baselineOf(model);
}

/** Plain-words names for UIs and tables. */
export const MODEL_TITLES: Readonly<Record<Model, string>> = {
  sequential: 'Sequential (1 worker thread)',
  threads: 'Worker threads',
  processes: 'Child processes',
  async: 'Event loop (async tasks)',
  gil: 'Threads + emulated GIL',
  'py-sequential': 'Python, one thread (CPython baseline)',
  'py-threads': 'Python threading (real GIL)',
  'py-processes': 'Python multiprocessing',
  'py-asyncio': 'Python asyncio (one event loop)',
  'py-ft-threads': 'Python threading, free-threaded build (PYTHON_GIL=0)',
};

export const LIMITS = {
  workers: { min: 1, max: 256 },
  workerCounts: { max: 16 },
  repeat: { min: 1, max: 1000 },
  /** adaptive runs: at least 3, so a median's interval is never one value; at most as many as `repeat` */
  minRuns: { min: 3, max: 1000 },
  maxRuns: { min: 3, max: 1000 },
  /** half-width of the 95% interval of a cell's median, in % of the median */
  targetCiPct: { min: 0.1, max: 50 },
  /** calibration: the shortest a measured run may last, in ms (pyperf's --min-time) */
  minTimeMs: { min: 1, max: 10_000 },
  /** the most jobs a calibrated run repeats, so a job of microseconds cannot make a run of thousands */
  loops: { max: 1000 },
  warmup: { min: 0, max: 100 },
  switchIntervalMs: { min: 0.1, max: 1000 },
  timeoutMs: { min: 100, max: 3_600_000 },
  sampleIntervalMs: { min: 100, max: 500 },
  memoryLimitMb: { min: 16, max: 16_384 },
  labelChars: 200,
  workloads: { max: 8 },
} as const;

/**
 * Adaptive runs without minRuns or maxRuns: at least 5, and at most three times the minimum (15). The target
 * is what the builder offers and the Full measurement uses; the engine has none, since setting targetCiPct is
 * what asks for adaptive runs.
 */
export const ADAPTIVE_DEFAULTS = { minRuns: 5, maxRunsPerMinRun: 3, targetCiPct: 5, minTimeMs: 200 } as const;

/** The most runs a cell gets when only minRuns is given. */
export function defaultMaxRuns(minRuns: number): number {
  return Math.min(LIMITS.maxRuns.max, ADAPTIVE_DEFAULTS.maxRunsPerMinRun * minRuns);
}

/** Metadata of a workload, without its kernel: what validation and UIs need. */
export interface WorkloadMeta {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly title: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly hidden?: boolean;
  /** what sets a unit's work, for each family's default size and for estimates; absent: unknown */
  readonly size?: UnitSize;
}

const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const num = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, { error: 'must be a finite number' })
    .refine((v) => v >= min, { error: `must be at least ${min}` })
    .refine((v) => v <= max, { error: `must be at most ${max}` });

// Bounded because saved reports carry the config: a real workload has a handful of parameters.
const paramValues = () =>
  z
    .record(
      z.string().max(100, { error: 'must be at most 100 characters' }),
      z.number({ error: 'must be a number' }),
    )
    .refine((p) => Object.keys(p).length <= 64, { error: 'must have at most 64 parameters' });

const WorkloadChoiceSchema = z.strictObject({
  name: z
    .string({ error: 'must be a workload name' })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' }),
  /** the Node family's parameters (and Python's, where pythonParams does not say otherwise) */
  params: paramValues().default({}),
  /**
   * The Python family's own parameters, validated like params: CPython runs a pure-Python kernel many times
   * slower than V8, so beside Node models it gets smaller units of about the same duration. Filled in
   * whenever a py-* model runs (a name left out: params' value, its unit size shrunk by the workload's
   * Python slowdown when Node models run too), so the report states the size each family ran.
   */
  pythonParams: paramValues().optional(),
});

/** The raw shape, before workload names and parameters are checked against the catalog. */
export const ExperimentConfigSchema = z.strictObject({
  label: z
    .string({ error: 'must be text' })
    .max(LIMITS.labelChars, { error: `must be at most ${LIMITS.labelChars} characters` })
    .default(''),
  workloads: z
    .array(WorkloadChoiceSchema, { error: 'must be a list of workloads' })
    .min(1, { error: 'must name at least one workload' })
    .max(LIMITS.workloads.max, { error: `must name at most ${LIMITS.workloads.max} workloads` }),
  models: z
    .array(z.enum(MODELS, { error: `must be one of ${MODELS.join(', ')}` }), {
      error: 'must be a list of models',
    })
    .min(1, { error: 'must name at least one model' })
    .refine((m) => new Set(m).size === m.length, { error: 'must not repeat a model' }),
  workers: z
    .array(int(LIMITS.workers.min, LIMITS.workers.max), { error: 'must be a list of worker counts' })
    .min(1, { error: 'must have at least one worker count' })
    .max(LIMITS.workerCounts.max, { error: `must have at most ${LIMITS.workerCounts.max} worker counts` })
    .refine((w) => new Set(w).size === w.length, { error: 'must not repeat a worker count' }),
  repeat: int(LIMITS.repeat.min, LIMITS.repeat.max).default(5),
  warmup: int(LIMITS.warmup.min, LIMITS.warmup.max).default(1),
  /**
   * Adaptive runs (after hyperfine's --min-runs/--max-runs): with targetCiPct, every cell runs at least
   * minRuns and then, round by round, until the 95% interval of its median is within +-targetCiPct of it or
   * it has run maxRuns times; `repeat` is then not used. Without targetCiPct every cell runs `repeat` times.
   */
  minRuns: int(LIMITS.minRuns.min, LIMITS.minRuns.max).optional(),
  maxRuns: int(LIMITS.maxRuns.min, LIMITS.maxRuns.max).optional(),
  targetCiPct: num(LIMITS.targetCiPct.min, LIMITS.targetCiPct.max).optional(),
  /**
   * Calibration (pyperf's --min-time): a cell whose job is shorter than this runs the job back to back as many
   * times as it takes to last at least this long, and a measured run is then those loops together; its wall
   * and CPU time are per job (their mean). The loops are counted once per cell, on its last warm-up run, and
   * kept for all its runs. A VM's pauses of a few ms are ±5% of a 70 ms job; spread over a 200 ms run they
   * weigh a third as much. Absent: every run is one job.
   */
  minTimeMs: num(LIMITS.minTimeMs.min, LIMITS.minTimeMs.max).optional(),
  switchIntervalMs: num(LIMITS.switchIntervalMs.min, LIMITS.switchIntervalMs.max).default(5),
  timeoutMs: int(LIMITS.timeoutMs.min, LIMITS.timeoutMs.max).default(120_000),
  sampleIntervalMs: int(LIMITS.sampleIntervalMs.min, LIMITS.sampleIntervalMs.max).default(500),
  memoryLimitMb: int(LIMITS.memoryLimitMb.min, LIMITS.memoryLimitMb.max).default(512),
  /** Seed of the interleaving order and the bootstrap, so a run can be repeated exactly. */
  seed: int(0, 2 ** 31 - 1).default(1),
  /** Record GIL hold/wait/io intervals for the timeline (bounded per thread). */
  timeline: z.boolean({ error: 'must be true or false' }).default(true),
});

/** What a caller may send: every field with a default may be left out. */
export type ExperimentConfigInput = z.input<typeof ExperimentConfigSchema>;
/** A validated configuration, every default filled in and every workload parameter resolved. */
export type ExperimentConfig = z.output<typeof ExperimentConfigSchema>;

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(config)';
}

/** zod issues to our FieldIssue list: `workers[1]: must be at most 256`. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: pathOf(i.path), message: i.message }));
}

/**
 * Validates an experiment against the workload catalog. Throws a LabError('invalid-config') that lists every
 * problem with its field; returns the config with defaults and all workload params filled in.
 */
export function validateExperiment(input: unknown, catalog: readonly WorkloadMeta[]): ExperimentConfig {
  const parsed = ExperimentConfigSchema.safeParse(input);
  if (!parsed.success) throw LabError.invalid(issuesFromZod(parsed.error));
  const config = parsed.data;
  const issues: FieldIssue[] = [];
  const byName = new Map(catalog.map((w) => [w.name, w]));
  const python = config.models.some(isPythonModel);
  // Shrinking Python's units only makes sense beside Node's: a Python-only run means the sizes it names.
  const beside = python && !config.models.every(isPythonModel);
  config.workloads = config.workloads.map((choice, i) => {
    const meta = byName.get(choice.name);
    if (!meta) {
      issues.push({
        field: `workloads[${i}].name`,
        message: `unknown workload '${choice.name}' (known: ${catalog
          .filter((w) => !w.hidden)
          .map((w) => w.name)
          .join(', ')})`,
      });
      return choice;
    }
    const { params, issues: found } = collectParams(meta.params, choice.params, {
      field: `workloads[${i}].params`,
      owner: meta.name,
    });
    issues.push(...found);
    if (!python) {
      if (choice.pythonParams)
        issues.push({ field: `workloads[${i}].pythonParams`, message: 'is only used with a py-* model' });
      return { name: choice.name, params };
    }
    const own = collectParams(
      meta.params,
      { ...(beside ? pythonDefaults(meta, params) : params), ...choice.pythonParams },
      { field: `workloads[${i}].pythonParams`, owner: meta.name },
    );
    issues.push(...own.issues);
    return { name: choice.name, params, pythonParams: own.params };
  });
  issues.push(...resolveAdaptive(config));
  if (config.minTimeMs !== undefined && config.warmup < 1)
    issues.push({
      field: 'warmup',
      message: "must be at least 1 with minTimeMs: each cell's loops are counted on its warm-up run",
    });
  if (issues.length) throw LabError.invalid(issues);
  return config;
}

/**
 * Python's default parameters for a workload: the Node family's, with the unit's size parameter shrunk by
 * the workload's Python slowdown (work grows as size^exponent), rounded and kept within the parameter's
 * bounds. 0 stays 0 (for a parameter where it means "measure on this machine", not a size).
 */
export function pythonDefaults(
  meta: Pick<WorkloadMeta, 'params' | 'size'>,
  params: Readonly<Record<string, number>>,
): Record<string, number> {
  const size = meta.size;
  const spec = size && meta.params.find((p) => p.name === size.param);
  const value = spec ? params[spec.name] : undefined;
  if (!size || !spec || value === undefined || value === 0 || size.pythonSlowdown === 1) return { ...params };
  return { ...params, [spec.name]: shrink(value, size.pythonSlowdown ** (1 / size.exponent), spec) };
}

/** value / factor, rounded as the parameter requires and clamped to its bounds. */
function shrink(value: number, factor: number, spec: ParamSpec): number {
  const raw = value / factor;
  const v = spec.integer ? Math.round(raw) : Number(raw.toPrecision(6));
  return Math.min(spec.max, Math.max(spec.min, v));
}

/** Fills minRuns and maxRuns in when targetCiPct is set (so the report records them); their problems. */
function resolveAdaptive(config: ExperimentConfig): FieldIssue[] {
  if (config.targetCiPct === undefined) {
    const stray = (['minRuns', 'maxRuns'] as const).filter((f) => config[f] !== undefined);
    return stray.map((field) => ({
      field,
      message: 'is only used with targetCiPct (set targetCiPct, or use repeat for a fixed number of runs)',
    }));
  }
  const { minRuns, maxRuns } = runPolicy(config);
  config.minRuns = minRuns;
  config.maxRuns = maxRuns;
  if (maxRuns < minRuns) return [{ field: 'maxRuns', message: `must be at least minRuns (${minRuns})` }];
  if (maxRuns < FEWEST_RUNS_FOR_MEDIAN_CI)
    return [
      {
        field: 'maxRuns',
        message: `must be at least ${FEWEST_RUNS_FOR_MEDIAN_CI} with targetCiPct: a median's 95% interval needs ${FEWEST_RUNS_FOR_MEDIAN_CI} runs`,
      },
    ];
  return [];
}

/**
 * The fewest runs whose median has a 95% interval at all (stats/median-interval: [min, max] of 5 runs covers
 * only 93.75%): a target can never be met below it, so an adaptive maxRuns must reach it.
 */
export const FEWEST_RUNS_FOR_MEDIAN_CI = (() => {
  let n = 1;
  while (medianRankK(n, 0.95) < 1) n++;
  return n;
})();

/**
 * How many jobs a calibrated run repeats: enough for `jobMs` (one job, as the cell's warm-up run took it) to
 * last at least `minTimeMs`, at most LIMITS.loops.max; 1 without calibration. A warm-up run is cold (compiling,
 * first touches), so the warm job is a little shorter and a run can fall a little under minTimeMs.
 */
export function calibrateLoops(jobMs: number, minTimeMs: number | undefined): number {
  if (minTimeMs === undefined || !(jobMs < minTimeMs)) return 1;
  return Math.min(LIMITS.loops.max, Math.ceil(minTimeMs / Math.max(jobMs, 0.001)));
}

/** How many measured runs each cell gets: fixed (`repeat`, no target) or adaptive, defaults filled in. */
export interface RunPolicy {
  readonly minRuns: number;
  readonly maxRuns: number;
  /** null: a fixed number of runs (minRuns = maxRuns = repeat) */
  readonly targetCiPct: number | null;
}

export function runPolicy(
  config: Pick<ExperimentConfig, 'repeat' | 'minRuns' | 'maxRuns' | 'targetCiPct'>,
): RunPolicy {
  if (config.targetCiPct === undefined)
    return { minRuns: config.repeat, maxRuns: config.repeat, targetCiPct: null };
  const minRuns = config.minRuns ?? ADAPTIVE_DEFAULTS.minRuns;
  const maxRuns = config.maxRuns ?? defaultMaxRuns(minRuns);
  return { minRuns, maxRuns, targetCiPct: config.targetCiPct };
}
