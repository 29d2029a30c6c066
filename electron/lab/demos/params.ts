/** Checks a caller's parameter overrides against the catalog; every problem names its field. */
import type { DemoMeta } from '../../common/demos';
import { LabError, type FieldIssue } from '../../common/errors';

export function resolveParams(meta: DemoMeta, given: unknown): Record<string, number> {
  const issues: FieldIssue[] = [];
  const out: Record<string, number> = {};
  for (const spec of meta.params) out[spec.name] = spec.default;
  if (given === undefined || given === null) return out;
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw LabError.invalid([{ field: 'params', message: 'must be an object of name: number' }]);
  }
  for (const [name, value] of Object.entries(given)) {
    const field = `params.${name}`;
    const spec = meta.params.find((s) => s.name === name);
    if (!spec) {
      const known = meta.params.map((s) => s.name).join(', ') || 'none';
      issues.push({ field, message: `is not a parameter of demo '${meta.id}' (known: ${known})` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value))
      issues.push({ field, message: 'must be a finite number' });
    else if (spec.integer && !Number.isInteger(value))
      issues.push({ field, message: 'must be a whole number' });
    else if (value < spec.min) issues.push({ field, message: `must be at least ${spec.min}` });
    else if (value > spec.max) issues.push({ field, message: `must be at most ${spec.max}` });
    else out[name] = value;
  }
  if (issues.length) throw LabError.invalid(issues);
  return out;
}
