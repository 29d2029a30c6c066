/** The bootstrap confidence interval of a speedup, and parallel efficiency. */
import { median, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { createRng } from '../random';
import type { Speedup } from '../report';
import { checkTimes } from './checks';

/** Options of {@link bootstrapSpeedup}. */
export interface BootstrapOptions {
  /** seed of the resampling generator; the same seed and data always give the same interval */
  readonly seed: number;
  /** number of bootstrap resamples, a whole number from 1 to 1,000,000 (default 2000) */
  readonly resamples?: number;
  /** coverage of the interval, strictly between 0 and 1 (default 0.95) */
  readonly confidence?: number;
}

/**
 * Speedup of `raw` over `baselineRaw` as the ratio of median times, with a percentile bootstrap confidence
 * interval: each side is resampled with replacement independently (the runs of two cells are not paired),
 * the ratio of the resampled medians is taken `resamples` times, and the interval is the central `confidence`
 * share of those ratios. Medians, not means, so that one disturbed run does not move the estimate.
 *
 * Deterministic for a given seed. With one value on each side every resample is the same, so the interval
 * collapses to the point estimate. A percentile interval usually, but not provably always, contains the
 * point estimate; with very few runs it is coarse because a median can only take a few values.
 *
 * @throws Error when either array is empty or holds a non-finite or negative value, when a value of `raw`
 *   is 0 (a resample could then divide by 0), or when an option is out of range.
 */
export function bootstrapSpeedup(
  baselineRaw: readonly number[],
  raw: readonly number[],
  opts: BootstrapOptions,
): Speedup {
  checkTimes('bootstrapSpeedup', 'baselineRaw', baselineRaw);
  checkTimes('bootstrapSpeedup', 'raw', raw, true);
  const base = [...baselineRaw];
  const cur = [...raw];
  const [ciLow, ciHigh] = percentileInterval(opts, 'bootstrapSpeedup', (rng) => {
    const b = median(sampleWithReplacement(base, base.length, rng));
    return b / median(sampleWithReplacement(cur, cur.length, rng));
  });
  return { median: median(baselineRaw) / median(raw), ciLow, ciHigh };
}

/** The central `confidence` share of `resamples` values of a resampled statistic, deterministic per seed. */
function percentileInterval(
  opts: BootstrapOptions,
  fn: string,
  statistic: (rng: () => number) => number,
): [number, number] {
  const resamples = opts.resamples ?? 2000;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000) {
    throw new RangeError(`${fn}: resamples must be a whole number from 1 to 1000000, got ${resamples}.`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${fn}: confidence must be between 0 and 1, got ${confidence}.`);
  }
  const rng = createRng(opts.seed);
  const values: number[] = [];
  for (let i = 0; i < resamples; i++) values.push(statistic(rng));
  values.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return [quantileSorted(values, tail), quantileSorted(values, 1 - tail)];
}

/**
 * Parallel efficiency: speedup per worker (1 = every worker fully useful, 0.5 = half of the added workers'
 * time is lost to overhead, waiting or serial work).
 *
 * @throws RangeError when `speedup` is negative or not finite, or `workers` is not a whole number ≥ 1.
 */
export function efficiency(speedup: number, workers: number): number {
  if (!Number.isFinite(speedup) || speedup < 0) {
    throw new RangeError(`efficiency: speedup must be a finite number ≥ 0, got ${speedup}.`);
  }
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`efficiency: workers must be a whole number ≥ 1, got ${workers}.`);
  }
  return speedup / workers;
}
