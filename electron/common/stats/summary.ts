/** Robust summaries of repeated wall-clock times: median, MAD and modified z-score outliers. */
import {
  max,
  mean,
  median,
  medianAbsoluteDeviation,
  min,
  quantile,
  sampleStandardDeviation,
} from 'simple-statistics';
import type { WallSummary } from '../report';
import { checkTimes } from './checks';

/**
 * 0.6745 is the 0.75 quantile of the standard normal: dividing by MAD / 0.6745 makes the modified z-score
 * comparable to an ordinary z-score for normal data. 3.5 is the cut-off Iglewicz and Hoaglin recommend and
 * hyperfine uses.
 */
const MAD_TO_SIGMA = 0.6745;
const OUTLIER_Z = 3.5;

/**
 * Summarises repeated wall-clock times (ms, in run order): median, mean, sample standard deviation (0 for a
 * single value), min, max, unscaled median absolute deviation, a copy of the raw values, and the indices of
 * outliers by the modified z-score |0.6745 (x - median) / MAD| > 3.5 (Iglewicz & Hoaglin, as hyperfine).
 * When MAD is 0 (at least half the runs took exactly the median time) no value is called an outlier, because
 * the score is undefined.
 *
 * @throws Error when `raw` is empty or holds a non-finite or negative value.
 */
export function summarize(raw: readonly number[]): WallSummary {
  checkTimes('summarize', 'raw', raw);
  const med = median(raw);
  const mad = medianAbsoluteDeviation(raw);
  const outliers: number[] = [];
  if (mad > 0) {
    raw.forEach((x, i) => {
      if (Math.abs((MAD_TO_SIGMA * (x - med)) / mad) > OUTLIER_Z) outliers.push(i);
    });
  }
  return {
    median: med,
    mean: mean(raw),
    // The sample (n - 1) form estimates the spread of future runs; it is undefined for one run, where 0 is the
    // only honest answer that fits the schema.
    stddev: raw.length > 1 ? sampleStandardDeviation(raw) : 0,
    min: min(raw),
    max: max(raw),
    mad,
    raw: [...raw],
    outliers,
  };
}

/**
 * The spread of the middle half of `raw` relative to its median, (q3 - q1) / median: a measure of how much
 * repeated values differ that one wild value cannot move. 0 for a median of 0.
 *
 * @throws Error when `raw` is empty or holds a non-finite or negative value.
 */
export function middleHalfSpread(raw: readonly number[]): number {
  checkTimes('middleHalfSpread', 'raw', raw);
  const med = median(raw);
  return med > 0 ? (quantile(raw, 0.75) - quantile(raw, 0.25)) / med : 0;
}
