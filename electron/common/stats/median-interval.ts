/**
 * The confidence interval of a median from the order statistics of the runs themselves: exact and free of
 * any assumption about the distribution (runs independent and alike is all it needs), which matters at the
 * 5 to 15 runs adaptive runs take. A percentile bootstrap of the median is neither there: its resampled
 * medians can only take a handful of the raw values, and it covers less than it says at small n.
 */
import { binomialDistribution, median } from 'simple-statistics';
import { checkTimes } from './checks';

/** A median with the bounds of its confidence interval, in the unit of the values. */
export interface MedianInterval {
  readonly median: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/**
 * The largest k for which [x(k), x(n+1-k)] (1-based, sorted) covers the true median with probability at
 * least `confidence`: that interval misses it only when fewer than k runs fall on one side, so its coverage
 * is 1 - 2 P(Binomial(n, 1/2) < k). 0 when even [min, max] covers less (n < 6 at 95%: 1 - 2/2^5 = 93.75%).
 */
export function medianRankK(n: number, confidence: number): number {
  const tail = (1 - confidence) / 2;
  // simple-statistics cuts the distribution off once its sum is within 1e-4 of 1: the lower tail is whole.
  const pmf = binomialDistribution(n, 0.5) ?? [];
  let below = 0;
  let k = 0;
  // Rounding in the library's sums (a few 1e-17) must not decide a rank whose tail sits exactly on the bound.
  for (let j = 0; j < pmf.length && below + (pmf[j] ?? 0) <= tail + 1e-12; j++) {
    below += pmf[j] ?? 0;
    k = j + 1;
  }
  return Math.min(k, Math.floor((n + 1) / 2));
}

/**
 * The median of `raw` with its distribution-free `confidence` interval [x(k), x(n+1-k)] (see medianRankK),
 * or null when `raw` has too few values for any interval of that coverage (fewer than 6 at 95%). The true
 * coverage is at least `confidence` (96.5% at 15 runs and 95%), never less.
 *
 * @throws Error when `raw` is empty or holds a non-finite or negative value; RangeError for a confidence
 *   not strictly between 0 and 1.
 */
export function medianInterval(raw: readonly number[], confidence = 0.95): MedianInterval | null {
  checkTimes('medianInterval', 'raw', raw);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`medianInterval: confidence must be between 0 and 1, got ${confidence}.`);
  }
  const k = medianRankK(raw.length, confidence);
  if (k < 1) return null;
  const sorted = [...raw].sort((a, b) => a - b);
  return {
    median: median(raw),
    ciLow: sorted[k - 1] as number,
    ciHigh: sorted[raw.length - k] as number,
  };
}

/**
 * How tightly an interval pins its median: the larger distance from the median to either bound, in % of the
 * median (so +-5% means both bounds lie within 5% of it). Infinity for a median of 0, which no target meets.
 */
export function ciHalfWidthPct(interval: MedianInterval): number {
  if (interval.median <= 0) return Infinity;
  const halfWidth = Math.max(interval.median - interval.ciLow, interval.ciHigh - interval.median);
  return (100 * halfWidth) / interval.median;
}
