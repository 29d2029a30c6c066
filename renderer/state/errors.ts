/**
 * Errors as the UI shows them. The engine is the authority on what is valid: its LabError names each bad
 * field (`workers[1]`, `workloads[0].params.span`), and these helpers put each message next to the input it
 * is about. Client-side checks only catch what cannot be sent at all (text where a number belongs).
 */
import type { FieldIssue } from '../../electron/common/errors';

/** A failure to show: a headline message and the field issues behind it. */
export interface ErrorView {
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

function isIssue(v: unknown): v is FieldIssue {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as FieldIssue).field === 'string' &&
    typeof (v as FieldIssue).message === 'string'
  );
}

/** Any rejection (a LabError rebuilt by the transport, a plain Error, anything) as an ErrorView. */
export function toErrorView(err: unknown): ErrorView {
  if (typeof err === 'object' && err !== null) {
    const e = err as { message?: unknown; issues?: unknown };
    const issues = Array.isArray(e.issues) ? e.issues.filter(isIssue) : [];
    const message =
      typeof e.message === 'string' && e.message ? e.message : 'The engine refused the request.';
    return { message: issues.length ? 'Please fix the fields marked in red.' : message, issues };
  }
  return { message: String(err), issues: [] };
}

/**
 * The builder field an engine issue belongs to. Workload entries are numbered in the order they were sent,
 * so `order` maps that index back to a workload name: `workloads[1].params.ms` -> `param:sleep:ms`.
 */
export function fieldKeyOf(field: string, order: readonly string[]): string {
  const param = /^workloads\[(\d+)\]\.(params|pythonParams)\.([\w-]+)/.exec(field);
  if (param) {
    const name = order[Number(param[1])];
    // Python's own size of a workload (pythonParams) has its own field: `pyparam:primes:span`.
    const kind = param[2] === 'pythonParams' ? 'pyparam' : 'param';
    return name ? `${kind}:${name}:${param[3]}` : 'workloads';
  }
  if (field.startsWith('workloads')) return 'workloads';
  const head = /^[A-Za-z]+/.exec(field);
  return head ? head[0] : field;
}

/** The issues that belong to one builder field. */
export function issuesFor(
  issues: readonly FieldIssue[],
  key: string,
  order: readonly string[],
): FieldIssue[] {
  return issues.filter((i) => fieldKeyOf(i.field, order) === key);
}

/** Plain-words names of config fields, so an alert says "Worker counts" rather than "workers[0]" alone. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  label: 'Label',
  workloads: 'Workloads',
  models: 'Models',
  workers: 'Worker counts',
  repeat: 'Repetitions',
  minRuns: 'Min runs',
  maxRuns: 'Max runs',
  targetCiPct: 'Target interval',
  warmup: 'Warm-up runs',
  switchIntervalMs: 'GIL switch interval',
  timeoutMs: 'Timeout',
  sampleIntervalMs: 'CPU sample interval',
  memoryLimitMb: 'Memory limit',
  seed: 'Seed',
};

/** "Worker counts (workers[0])" for an issue's field, keeping the engine's exact path visible. */
export function fieldTitle(field: string, order: readonly string[]): string {
  const key = fieldKeyOf(field, order);
  if (key.startsWith('param:') || key.startsWith('pyparam:')) {
    const [kind, workload, param] = key.split(':');
    return `${workload} ${kind === 'pyparam' ? 'Python ' : ''}${param} (${field})`;
  }
  const name = FIELD_NAMES[key];
  return name ? `${name} (${field})` : field;
}
