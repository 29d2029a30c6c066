/**
 * Parameters of workloads and demos: the one ParamSpec builder and the one validator of a caller's values,
 * so an experiment's `workloads[0].params.span` and a demo's `params.threads` are checked by the same rules
 * and refused with the same words.
 */
import type { ParamSpec } from './workload';
import { LabError, type FieldIssue } from './errors';

/** A parameter spec; whole numbers unless `integer: false`. */
export function param(
  name: string,
  description: string,
  bounds: { min: number; max: number; default: number; integer?: boolean; unit?: string },
): ParamSpec {
  const { min, max, integer = true, unit } = bounds;
  return { name, description, min, max, default: bounds.default, integer, ...(unit ? { unit } : {}) };
}

/** Checks one parameter value against its spec; returns a message or null. */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (spec.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < spec.min) return `must be at least ${spec.min}`;
  if (value > spec.max) return `must be at most ${spec.max}`;
  return null;
}

/** Where the values come from, for the messages: `field` prefixes each name, `owner` names who has them. */
export interface ParamsPlace {
  /** e.g. 'workloads[0].params' or 'params' */
  readonly field: string;
  /** e.g. 'primes' or "demo 'race'" */
  readonly owner: string;
}

/**
 * Every spec's value (the caller's, else the default) and every problem: names that are not parameters
 * (listed first, in the caller's order), then values out of range (in the specs' order). `given` may be
 * left out (all defaults); anything but an object of numbers is refused.
 */
export function collectParams(
  specs: readonly ParamSpec[],
  given: unknown,
  place: ParamsPlace,
): { params: Record<string, number>; issues: FieldIssue[] } {
  const params: Record<string, number> = {};
  const issues: FieldIssue[] = [];
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    issues.push({ field: place.field, message: 'must be an object of name: number' });
    return { params, issues };
  }
  const values: Readonly<Record<string, unknown>> = (given as Record<string, unknown> | null) ?? {};
  for (const name of Object.keys(values)) {
    if (!specs.some((s) => s.name === name)) {
      const known = specs.map((s) => s.name).join(', ') || 'none';
      issues.push({
        field: `${place.field}.${name}`,
        message: `is not a parameter of ${place.owner} (known: ${known})`,
      });
    }
  }
  for (const spec of specs) {
    const value = values[spec.name] ?? spec.default;
    const problem = checkParam(spec, value);
    if (problem) issues.push({ field: `${place.field}.${spec.name}`, message: problem });
    else params[spec.name] = value as number;
  }
  return { params, issues };
}

/** As collectParams, but throws a LabError('invalid-config') listing every problem. */
export function resolveParams(
  specs: readonly ParamSpec[],
  given: unknown,
  place: ParamsPlace,
): Record<string, number> {
  const { params, issues } = collectParams(specs, given, place);
  if (issues.length) throw LabError.invalid(issues);
  return params;
}

/** A demo's parameters, with fields named as startDemo's options hold them: `params.threads`. */
export function demoParams(
  demo: { readonly id: string; readonly params: readonly ParamSpec[] },
  given: unknown,
): Record<string, number> {
  return resolveParams(demo.params, given, { field: 'params', owner: `demo '${demo.id}'` });
}
