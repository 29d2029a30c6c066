/** Turns CLI flag strings into the experiment config input; every error names the flag. */
import { InvalidArgumentError } from 'commander';

/** `1,2,4` -> [1, 2, 4]; anything that is not a whole number is refused with the flag's name. */
export function intList(flag: string) {
  return (value: string): number[] => {
    const parts = value.split(',').map((s) => s.trim());
    return parts.map((p) => {
      if (!/^-?\d+$/.test(p)) throw new InvalidArgumentError(`${flag}: '${p}' is not a whole number`);
      return Number(p);
    });
  };
}

export function int(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()))
      throw new InvalidArgumentError(`${flag}: '${value}' is not a whole number`);
    return Number(value);
  };
}

export function float(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`${flag}: '${value}' is not a number`);
    return n;
  };
}

export function nameList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Repeatable `<flag> name=value` or `<flag> workload.name=value` (--param, --py-param). */
export function paramCollector(flag: string) {
  return (value: string, previous: ParamFlag[] = []): ParamFlag[] => {
    const m = /^(?:([a-z0-9-]+)\.)?([a-zA-Z][a-zA-Z0-9]*)=(.+)$/.exec(value.trim());
    if (!m)
      throw new InvalidArgumentError(`${flag}: '${value}' must look like name=value or workload.name=value`);
    const n = Number(m[3]);
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${flag}: '${m[3]}' for ${m[2]} is not a number`);
    return [...previous, { workload: m[1] ?? null, name: m[2] as string, value: n }];
  };
}

/** Repeatable `--param name=value` or `--param workload.name=value`. */
export const collectParam = paramCollector('--param');

export interface ParamFlag {
  readonly workload: string | null;
  readonly name: string;
  readonly value: number;
}

/** Applies --param flags: `workload.name` to that workload; a bare `name` to every chosen workload that has it. */
export function paramsFor(
  workload: string,
  known: readonly string[],
  flags: readonly ParamFlag[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of flags) {
    if (f.workload === workload || (f.workload === null && known.includes(f.name))) out[f.name] = f.value;
  }
  return out;
}
