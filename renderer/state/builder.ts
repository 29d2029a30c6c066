/**
 * The experiment builder's form, kept as the text the user typed, and its translation into an
 * ExperimentConfigInput. Only what cannot be sent at all (text where a number belongs) is caught here;
 * ranges and every other rule are the engine's to judge, so its messages are the ones the user sees.
 */
import type { LabInfo, PythonInfo } from '../../electron/common/api';
import type { ExperimentConfigInput, Model, WorkloadMeta } from '../../electron/common/config';
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
  readonly repeat: string;
  readonly warmup: string;
  readonly switchIntervalMs: string;
}

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
    repeat: '3',
    warmup: '1',
    switchIntervalMs: '5',
  };
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
    repeat: parseNumber(form.repeat, 'repeat', issues),
    warmup: parseNumber(form.warmup, 'warmup', issues),
    switchIntervalMs: parseNumber(form.switchIntervalMs, 'switchIntervalMs', issues),
  };
  return { input, order, issues };
}
