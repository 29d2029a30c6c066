/**
 * The experiment builder's form, kept as the text the user typed, and its translation into an
 * ExperimentConfigInput. Only what cannot be sent at all (text where a number belongs) is caught here;
 * ranges and every other rule are the engine's to judge, so its messages are the ones the user sees.
 */
import type { LabInfo, PythonInfo } from '../../electron/common/api';
import type {
  ExperimentConfig,
  ExperimentConfigInput,
  Model,
  WorkloadMeta,
} from '../../electron/common/config';
import {
  ADAPTIVE_DEFAULTS,
  defaultMaxRuns,
  isPythonModel,
  pythonDefaults,
} from '../../electron/common/config';
import type { FieldIssue } from '../../electron/common/errors';
import { headlineWorkers } from './headline';

export interface WorkloadForm {
  readonly on: boolean;
  /** parameter values as typed */
  readonly params: Readonly<Record<string, string>>;
  /** Python's own values as typed; empty or absent: the engine's default (the size shrunk for CPython) */
  readonly pythonParams?: Readonly<Record<string, string>>;
}

/** Whether the builder offers Python's own unit size: Python and Node models chosen together. */
export function offersPythonSize(models: readonly Model[]): boolean {
  const py = models.filter((m) => m.startsWith('py-')).length;
  return py > 0 && py < models.length;
}

export interface BuilderForm {
  readonly label: string;
  readonly workloads: Readonly<Record<string, WorkloadForm>>;
  readonly models: readonly Model[];
  /** worker counts as typed, e.g. "1, 2, 4" */
  readonly workers: string;
  /**
   * How many runs each cell gets: `repeat` of them ('fixed'), or from `minRuns` to `maxRuns` until the 95%
   * interval of its median is within ±`targetCiPct` ('adaptive'). The fields of the policy not chosen keep
   * what was typed, so switching back and forth loses nothing; only the chosen one's are sent.
   */
  readonly runPolicy: RunPolicyChoice;
  readonly repeat: string;
  readonly minRuns: string;
  readonly maxRuns: string;
  readonly targetCiPct: string;
  /** adaptive runs' calibration (config.minTimeMs) as typed; empty: every run one job */
  readonly minTimeMs: string;
  readonly warmup: string;
  readonly switchIntervalMs: string;
}

export type RunPolicyChoice = 'fixed' | 'adaptive';

/**
 * The adaptive fields as the Full measurement fills them (5 to 15 runs until ±5%, a run lasting at least
 * ADAPTIVE_DEFAULTS.minTimeMs).
 */
const ADAPTIVE_FORM = {
  minRuns: String(ADAPTIVE_DEFAULTS.minRuns),
  maxRuns: String(defaultMaxRuns(ADAPTIVE_DEFAULTS.minRuns)),
  targetCiPct: String(ADAPTIVE_DEFAULTS.targetCiPct),
  minTimeMs: String(ADAPTIVE_DEFAULTS.minTimeMs),
} as const;

/** Workloads a user may pick (the fault-injection ones are for tests). */
export function visibleWorkloads(catalog: readonly WorkloadMeta[]): WorkloadMeta[] {
  return catalog.filter((w) => !w.hidden);
}

export function initialForm(info: Pick<LabInfo, 'workloads' | 'machine'>): BuilderForm {
  const workloads: Record<string, WorkloadForm> = {};
  for (const w of visibleWorkloads(info.workloads)) {
    workloads[w.name] = {
      on: w.name === 'primes',
      params: Object.fromEntries(w.params.map((p) => [p.name, String(p.default)])),
    };
  }
  return {
    label: '',
    workloads,
    models: ['threads', 'processes', 'gil'],
    workers: headlineWorkers(info.machine.logicalCores).join(', '),
    runPolicy: 'fixed',
    repeat: '3',
    ...ADAPTIVE_FORM,
    warmup: '1',
    switchIntervalMs: '5',
  };
}

/**
 * The form that gives back `config` (a report's, say): its workloads with their parameters (Python's own
 * where they differ from the size the engine would pick, so the rest still follow Node's), models, worker
 * counts, run policy, warm-up, switch interval and label. Workloads this lab does not know (a user's file)
 * are left out, as are the settings the form has no field for (timeout, seed...), which start again from
 * their defaults.
 */
export function formFromConfig(
  config: ExperimentConfig,
  info: Pick<LabInfo, 'workloads' | 'machine'>,
): BuilderForm {
  const base = initialForm(info);
  const workloads: Record<string, WorkloadForm> = {};
  for (const [name, form] of Object.entries(base.workloads)) {
    const chosen = config.workloads.find((w) => w.name === name);
    const meta = info.workloads.find((w) => w.name === name);
    const python = chosen && meta ? pythonSizeForm(chosen, meta, config.models) : {};
    // Python alone ran pythonParams, and the form has only `params` for it (its Python fields are for runs
    // beside Node's): they go there, or a run again would measure another size.
    const ran =
      chosen && config.models.every(isPythonModel) ? (chosen.pythonParams ?? chosen.params) : chosen?.params;
    workloads[name] = chosen
      ? {
          on: true,
          params: {
            ...form.params,
            ...Object.fromEntries(Object.entries(ran ?? {}).map(([k, v]) => [k, String(v)])),
          },
          ...(Object.keys(python).length ? { pythonParams: python } : {}),
        }
      : { ...form, on: false };
  }
  const adaptive = config.targetCiPct !== undefined;
  return {
    label: config.label,
    workloads,
    models: [...config.models],
    workers: config.workers.join(', '),
    runPolicy: adaptive ? 'adaptive' : 'fixed',
    repeat: String(config.repeat),
    ...(adaptive
      ? {
          minRuns: String(config.minRuns ?? ADAPTIVE_DEFAULTS.minRuns),
          maxRuns: String(config.maxRuns ?? defaultMaxRuns(config.minRuns ?? ADAPTIVE_DEFAULTS.minRuns)),
          targetCiPct: String(config.targetCiPct),
          // a report's run without calibration ran one job a run: an empty field does it again
          minTimeMs: config.minTimeMs === undefined ? '' : String(config.minTimeMs),
        }
      : ADAPTIVE_FORM),
    warmup: String(config.warmup),
    switchIntervalMs: String(config.switchIntervalMs),
  };
}

/** Python's parameters that a form must carry to run them again: those the engine would not pick itself. */
function pythonSizeForm(
  chosen: ExperimentConfig['workloads'][number],
  meta: WorkloadMeta,
  models: readonly Model[],
): Record<string, string> {
  if (!chosen.pythonParams || !offersPythonSize(models)) return {};
  const picked = pythonDefaults(meta, chosen.params);
  return Object.fromEntries(
    Object.entries(chosen.pythonParams)
      .filter(([k, v]) => picked[k] !== v)
      .map(([k, v]) => [k, String(v)]),
  );
}

/**
 * Why each model cannot run here, as the builder says it beside the model: "no Python" is said in full once,
 * in the machine panel, and only pointed to here.
 */
export function unavailableModels(python: PythonInfo | null): Partial<Record<Model, string>> {
  // Still probing: nothing is known to be unavailable yet, and the engine names a missing Python at start.
  if (!python) return {};
  return Object.fromEntries(
    Object.entries(python.unavailable).map(([model, why]) => [
      model,
      why === python.reason ? 'no Python found (see This machine)' : why,
    ]),
  );
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(text: string, field: string, issues: FieldIssue[]): number {
  const t = text.trim();
  if (!NUMBER.test(t)) {
    issues.push({ field, message: t ? `'${t}' is not a number` : 'must be a number' });
    return Number.NaN;
  }
  return Number(t);
}

/** "1, 2 4" -> [1, 2, 4]; anything that is not a number is reported against `workers`. */
export function parseWorkerList(text: string, issues: FieldIssue[]): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) {
    issues.push({ field: 'workers', message: 'needs at least one worker count, e.g. 1, 2, 4' });
    return [];
  }
  return parts.map((p, i) => parseNumber(p, `workers[${i}]`, issues));
}

export interface BuiltInput {
  readonly input: ExperimentConfigInput;
  /** workload names in the order sent, to map `workloads[i]` issues back */
  readonly order: readonly string[];
  /** problems found before sending; when not empty, nothing should be sent */
  readonly issues: readonly FieldIssue[];
}

export function formToInput(form: BuilderForm, catalog: readonly WorkloadMeta[]): BuiltInput {
  const issues: FieldIssue[] = [];
  const chosen = visibleWorkloads(catalog).filter((w) => form.workloads[w.name]?.on);
  const order = chosen.map((w) => w.name);
  const workloads = chosen.map((w, i) => {
    const typed = form.workloads[w.name]?.params ?? {};
    const params: Record<string, number> = {};
    for (const spec of w.params) {
      params[spec.name] = parseNumber(
        typed[spec.name] ?? String(spec.default),
        `workloads[${i}].params.${spec.name}`,
        issues,
      );
    }
    const pythonParams: Record<string, number> = {};
    if (offersPythonSize(form.models))
      for (const [name, text] of Object.entries(form.workloads[w.name]?.pythonParams ?? {}))
        if (text.trim())
          pythonParams[name] = parseNumber(text, `workloads[${i}].pythonParams.${name}`, issues);
    return { name: w.name, params, ...(Object.keys(pythonParams).length ? { pythonParams } : {}) };
  });
  const input: ExperimentConfigInput = {
    label: form.label.trim(),
    workloads,
    models: [...form.models],
    workers: parseWorkerList(form.workers, issues),
    ...(form.runPolicy === 'adaptive'
      ? {
          minRuns: parseNumber(form.minRuns, 'minRuns', issues),
          maxRuns: parseNumber(form.maxRuns, 'maxRuns', issues),
          targetCiPct: parseNumber(form.targetCiPct, 'targetCiPct', issues),
          ...(form.minTimeMs.trim() ? { minTimeMs: parseNumber(form.minTimeMs, 'minTimeMs', issues) } : {}),
        }
      : { repeat: parseNumber(form.repeat, 'repeat', issues) }),
    warmup: parseNumber(form.warmup, 'warmup', issues),
    switchIntervalMs: parseNumber(form.switchIntervalMs, 'switchIntervalMs', issues),
  };
  return { input, order, issues };
}
