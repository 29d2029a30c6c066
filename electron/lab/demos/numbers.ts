/** Percentiles and number formatting for demo sentences. */

/** Nearest-rank percentile (p in 0..100); 0 for no values. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  return sorted[rank] as number;
}

/** 1234567 -> '1,234,567' (whole numbers), for counts in sentences. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A duration in ms with sensible precision: 0.042 -> '0.042', 3.14159 -> '3.1', 1234.5 -> '1,235'. */
export function ms(n: number): string {
  if (n >= 100) return count(n);
  if (n >= 10) return n.toFixed(1);
  if (n >= 1) return n.toFixed(2);
  return n.toPrecision(2);
}

export function ratio(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(n >= 2 ? 1 : 2);
}
