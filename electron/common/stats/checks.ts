/**
 * Input checks. Measured times come from other processes and saved files; a NaN would otherwise flow through
 * every formula silently and end up as a meaningless chart, so every entry point rejects bad input loudly.
 */

export function checkNonEmpty(fn: string, name: string, values: readonly number[]): void {
  if (values.length === 0) {
    throw new Error(`${fn}: ${name} is empty; at least one measured value is needed.`);
  }
}

export function checkFinite(fn: string, name: string, values: readonly number[]): void {
  checkNonEmpty(fn, name, values);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      throw new Error(`${fn}: ${name}[${i}] is ${String(v)}; values must be finite numbers.`);
    }
  });
}

/** Times in ms: finite and not negative; `positive` also refuses 0 (for values that are divided by). */
export function checkTimes(fn: string, name: string, values: readonly number[], positive = false): void {
  checkFinite(fn, name, values);
  values.forEach((v, i) => {
    if (v < 0 || (positive && v === 0)) {
      const rule = positive ? 'greater than 0 (they are divided by)' : 'at least 0';
      throw new Error(`${fn}: ${name}[${i}] is ${v} ms; times must be ${rule}.`);
    }
  });
}
