/** summarize against values computed by hand (the arithmetic is in the comments). */
import { describe, expect, it } from 'vitest';
import { WallSummarySchema } from '../../../electron/common/report';
import { summarize } from '../../../electron/common/stats';

describe('summarize', () => {
  it('computes median, mean, MAD, extremes and the outlier of [10, 12, 11, 13, 50]', () => {
    // sorted 10 11 12 13 50 → median 12; mean 96 / 5 = 19.2
    // |x - 12| = 2 0 1 1 38 → sorted 0 1 1 2 38 → MAD 1
    // modified z of 50 = 0.6745 * 38 / 1 = 25.6 > 3.5; of 10 = 0.6745 * 2 = 1.35 (not an outlier)
    // deviations from 19.2: -9.2 -7.2 -8.2 -6.2 30.8 → squares sum 84.64+51.84+67.24+38.44+948.64 = 1190.8;
    // sample variance 1190.8 / 4 = 297.7 → stddev 17.254
    const s = summarize([10, 12, 11, 13, 50]);
    expect(s.median).toBe(12);
    expect(s.mean).toBeCloseTo(19.2, 12);
    expect(s.mad).toBe(1);
    expect(s.min).toBe(10);
    expect(s.max).toBe(50);
    expect(s.stddev).toBeCloseTo(17.254, 3);
    expect(s.outliers).toEqual([4]);
    expect(s.raw).toEqual([10, 12, 11, 13, 50]);
  });

  it('uses the sample (n - 1) standard deviation', () => {
    // mean of [2,4,4,4,5,5,7,9] is 5; squared deviations 9 1 1 1 0 0 4 16 = 32;
    // 32 / 7 = 4.5714 → 2.138 (the population form would give sqrt(32 / 8) = 2)
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9]).stddev).toBeCloseTo(2.138, 3);
  });

  it('gives stddev 0, MAD 0 and no outliers for a single value', () => {
    const s = summarize([7.5]);
    expect(s).toEqual({
      median: 7.5,
      mean: 7.5,
      stddev: 0,
      min: 7.5,
      max: 7.5,
      mad: 0,
      raw: [7.5],
      outliers: [],
    });
  });

  it('copies raw so later changes to the input do not leak into the summary', () => {
    const input = [3, 1, 2];
    const s = summarize(input);
    input[0] = 99;
    expect(s.raw).toEqual([3, 1, 2]);
    expect(s.median).toBe(2);
  });

  it('marks no outliers when MAD is 0, however far a value is', () => {
    // median 5, |x - 5| = 0 0 0 0 95 → MAD 0: the modified z-score is undefined
    const s = summarize([5, 5, 5, 5, 100]);
    expect(s.mad).toBe(0);
    expect(s.outliers).toEqual([]);
  });

  it('applies the 0.6745 factor and the 3.5 cut-off exactly', () => {
    // [9..14, X] with X > 12: median 12; |x - 12| = 3 2 1 0 1 2 → MAD 2 for X ≥ 15.
    // outlier when 0.6745 * (X - 12) / 2 > 3.5, i.e. X - 12 > 10.378:
    // X = 22 → z = 0.6745 * 10 / 2 = 3.37 (kept); X = 23 → z = 0.6745 * 11 / 2 = 3.71 (outlier)
    expect(summarize([9, 10, 11, 12, 13, 14, 22]).outliers).toEqual([]);
    expect(summarize([9, 10, 11, 12, 13, 14, 23]).outliers).toEqual([6]);
    // closer to the cut-off: X = 22.3 → z = 0.6745 * 10.3 / 2 = 3.474 (kept; a factor 0.7 would give 3.61);
    // X = 22.4 → z = 0.6745 * 10.4 / 2 = 3.507 (outlier)
    expect(summarize([9, 10, 11, 12, 13, 14, 22.3]).outliers).toEqual([]);
    expect(summarize([9, 10, 11, 12, 13, 14, 22.4]).outliers).toEqual([6]);
  });

  it('also marks outliers below the median', () => {
    // sorted 1 100 101 102 103 → median 101; |x - 101| = 1 0 1 2 100 → MAD 1; z of 1 = 0.6745 * 100 = 67
    expect(summarize([100, 101, 102, 103, 1]).outliers).toEqual([4]);
  });

  it('produces a summary the report schema accepts', () => {
    expect(WallSummarySchema.safeParse(summarize([10, 12, 11, 13, 50])).success).toBe(true);
  });

  it('throws a clear error for empty, non-finite or negative input', () => {
    expect(() => summarize([])).toThrow(/empty/);
    expect(() => summarize([1, Number.NaN])).toThrow(/raw\[1\] is NaN/);
    expect(() => summarize([Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => summarize([1, 2, -0.5])).toThrow(/raw\[2\] is -0.5 ms/);
  });
});
