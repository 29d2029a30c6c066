/**
 * Tests of the statistics module against values computed by hand (the arithmetic is in the comments) and,
 * for the p-values, against scipy 1.17 (scipy.stats.t.sf, ttest_ind(equal_var=False),
 * mannwhitneyu(method='asymptotic')).
 */
import { describe, expect, it } from 'vitest';
import {
  AmdahlFitSchema,
  SpeedupSchema,
  WallSummarySchema,
  WarningSchema,
} from '../../electron/common/report';
import type { WallSummary } from '../../electron/common/report';
import {
  bootstrapSpeedup,
  createRng,
  efficiency,
  fitAmdahl,
  mannWhitneyU,
  measurementWarnings,
  studentTTwoSidedP,
  summarize,
  welchT,
} from '../../electron/common/stats';

/** A summary with chosen statistics, for testing warning thresholds exactly. */
function fakeSummary(over: Partial<WallSummary>): WallSummary {
  return {
    median: 100,
    mean: 100,
    stddev: 1,
    min: 99,
    max: 101,
    mad: 1,
    raw: [99, 100, 101],
    outliers: [],
    ...over,
  };
}

function kinds(summary: WallSummary, minMedianMs?: number): string[] {
  return measurementWarnings(summary, minMedianMs === undefined ? {} : { minMedianMs }).map((w) => w.kind);
}

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

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const take = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('returns values in [0, 1) that are spread evenly', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 20_000 }, () => rng());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    // Uniform on [0,1): mean 0.5, and each tenth holds about 2000 values (sd of a bin ≈ 42).
    const avg = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(avg - 0.5)).toBeLessThan(0.01);
    const bins = new Array<number>(10).fill(0);
    for (const v of values) bins[Math.floor(v * 10)] = (bins[Math.floor(v * 10)] ?? 0) + 1;
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(250);
  });

  it('refuses a seed that is not a whole number', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(/whole number/);
  });
});

describe('bootstrapSpeedup', () => {
  const baseline = [100, 102, 98, 101, 99, 105, 97, 100, 103, 96];
  const threads = [26, 25, 27, 25.5, 24, 30, 26, 25, 24.5, 28];

  it('takes the ratio of medians as the point estimate', () => {
    // baseline sorted 98 99 100 101 102 → median 100; raw sorted 24 25 25 26 27 → median 25; 100 / 25 = 4
    const s = bootstrapSpeedup([100, 102, 98, 101, 99], [25, 26, 24, 25, 27], { seed: 1 });
    expect(s.median).toBe(4);
  });

  it('is deterministic for a seed', () => {
    expect(bootstrapSpeedup(baseline, threads, { seed: 123 })).toEqual(
      bootstrapSpeedup(baseline, threads, { seed: 123 }),
    );
    // Different seeds draw different resamples; with a discrete distribution two seeds may coincide, five not.
    const bounds = new Set(
      [1, 2, 3, 4, 5].map((seed) => JSON.stringify(bootstrapSpeedup(baseline, threads, { seed }))),
    );
    expect(bounds.size).toBeGreaterThan(1);
  });

  it('gives an ordered interval that contains the point estimate and stays within the possible ratios', () => {
    // baseline medians 100.0, threads median (25.5 + 26) / 2 = 25.75 → 3.883
    const s = bootstrapSpeedup(baseline, threads, { seed: 9 });
    expect(s.median).toBeCloseTo(100 / 25.75, 12);
    expect(s.ciLow).toBeLessThanOrEqual(s.median);
    expect(s.median).toBeLessThanOrEqual(s.ciHigh);
    expect(s.ciLow).toBeLessThan(s.ciHigh);
    // A resampled median lies between the sample's min and max: ratio in [96 / 30, 105 / 24].
    expect(s.ciLow).toBeGreaterThanOrEqual(96 / 30);
    expect(s.ciHigh).toBeLessThanOrEqual(105 / 24);
    expect(SpeedupSchema.safeParse(s).success).toBe(true);
  });

  it('gives a narrower interval for a lower confidence', () => {
    // Same seed → the same resampled ratios; only the percentiles read from them change.
    const wide = bootstrapSpeedup(baseline, threads, { seed: 5, confidence: 0.99 });
    const narrow = bootstrapSpeedup(baseline, threads, { seed: 5, confidence: 0.5 });
    expect(narrow.ciLow).toBeGreaterThan(wide.ciLow);
    expect(narrow.ciHigh).toBeLessThan(wide.ciHigh);
  });

  it('reads the central percentiles of the bootstrap distribution', () => {
    // baseline [100] is fixed; a resample of raw [1, 2] has median 1 (p = 1/4), 1.5 (p = 1/2) or 2 (p = 1/4),
    // so the ratio is 100 (1/4), 66.67 (1/2) or 50 (1/4); with 2000 resamples a share varies by about ±0.01.
    // confidence 0.6 → percentiles 20 and 80 → they fall in the outer atoms: [50, 100];
    // confidence 0.4 → percentiles 30 and 70 → both in the middle atom: [66.67, 66.67].
    expect(bootstrapSpeedup([100], [1, 2], { seed: 11, confidence: 0.6 })).toEqual({
      median: 100 / 1.5,
      ciLow: 50,
      ciHigh: 100,
    });
    expect(bootstrapSpeedup([100], [1, 2], { seed: 11, confidence: 0.4 })).toEqual({
      median: 100 / 1.5,
      ciLow: 100 / 1.5,
      ciHigh: 100 / 1.5,
    });
  });

  it('collapses the interval to the point estimate with one value on each side', () => {
    expect(bootstrapSpeedup([100], [25], { seed: 3 })).toEqual({ median: 4, ciLow: 4, ciHigh: 4 });
  });

  it('throws for empty input, a zero divisor and bad options', () => {
    expect(() => bootstrapSpeedup([], [1], { seed: 1 })).toThrow(/baselineRaw is empty/);
    expect(() => bootstrapSpeedup([1], [], { seed: 1 })).toThrow(/raw is empty/);
    expect(() => bootstrapSpeedup([1, 2], [1, 0], { seed: 1 })).toThrow(/raw\[1\] is 0 ms/);
    expect(() => bootstrapSpeedup([1], [1], { seed: 1, resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapSpeedup([1], [1], { seed: 1, confidence: 1 })).toThrow(/confidence/);
    expect(() => bootstrapSpeedup([1], [1], { seed: 0.5 })).toThrow(/seed/);
  });
});

describe('efficiency', () => {
  it('is speedup per worker', () => {
    expect(efficiency(3.2, 4)).toBeCloseTo(0.8, 12);
    expect(efficiency(1, 1)).toBe(1);
  });

  it('throws for a worker count below 1 or a negative speedup', () => {
    expect(() => efficiency(1, 0)).toThrow(/workers/);
    expect(() => efficiency(-1, 2)).toThrow(/speedup/);
  });
});

describe('fitAmdahl', () => {
  const ns = [1, 2, 4, 8];

  it('finds s = 0 for perfect speedups', () => {
    // S = n → y = 1/n - 1/n = 0 for every point → s = 0
    expect(fitAmdahl(ns.map((n) => ({ workers: n, speedup: n })))).toEqual({ serialFraction: 0, rmse: 0 });
  });

  it('finds s = 1 for a constant speedup of 1', () => {
    // S = 1 → y = 1 - 1/n = x → s = Σx² / Σx² = 1; the prediction 1 / (1 + 0) = 1 fits exactly
    expect(fitAmdahl(ns.map((n) => ({ workers: n, speedup: 1 })))).toEqual({ serialFraction: 1, rmse: 0 });
  });

  it('recovers s = 0.2 from synthetic data', () => {
    // S(2) = 1 / 0.6 = 1.667, S(4) = 1 / 0.4 = 2.5, S(8) = 1 / 0.3 = 3.333, S(16) = 1 / 0.25 = 4
    const fit = fitAmdahl([...ns, 16].map((n) => ({ workers: n, speedup: 1 / (0.2 + 0.8 / n) })));
    expect(fit).not.toBeNull();
    expect(Math.abs((fit?.serialFraction ?? -1) - 0.2)).toBeLessThan(1e-9);
    expect(fit?.rmse).toBeLessThan(1e-9);
  });

  it('computes the least-squares s and the rmse of a noisy fit', () => {
    // (n=2, S=1.6): x = 0.5, y = 0.625 - 0.5 = 0.125; (n=4, S=2): x = 0.75, y = 0.5 - 0.25 = 0.25
    // Σxy = 0.0625 + 0.1875 = 0.25; Σx² = 0.25 + 0.5625 = 0.8125 → s = 0.25 / 0.8125 = 4/13 = 0.307692
    // predicted: S(2) = 1 / (4/13 + 9/26) = 26/17 = 1.529412; S(4) = 1 / (4/13 + 9/52) = 52/25 = 2.08
    // residuals 0.070588 and -0.08 → rmse = sqrt((0.0049827 + 0.0064) / 2) = 0.075441
    const fit = fitAmdahl([
      { workers: 2, speedup: 1.6 },
      { workers: 4, speedup: 2 },
    ]);
    expect(fit?.serialFraction).toBeCloseTo(4 / 13, 12);
    expect(fit?.rmse).toBeCloseTo(0.075441, 6);
  });

  it('includes n = 1 points in the rmse and clamps s to [0, 1]', () => {
    // superlinear: (2, 2.5), (4, 5) → y = 0.4 - 0.5 < 0 and 0.2 - 0.25 < 0 → s < 0 → clamped to 0;
    // predictions 1, 2, 4 → residuals 0, 0.5, 1 → rmse = sqrt((0 + 0.25 + 1) / 3) = 0.645497
    const fast = fitAmdahl([
      { workers: 1, speedup: 1 },
      { workers: 2, speedup: 2.5 },
      { workers: 4, speedup: 5 },
    ]);
    expect(fast?.serialFraction).toBe(0);
    expect(fast?.rmse).toBeCloseTo(Math.sqrt(1.25 / 3), 12);
    // slowdown: (2, 0.5) → x = 0.5, y = 2 - 0.5 = 1.5 → s = 3 → clamped to 1; prediction 1 for both points
    // → residuals 0 and -0.5 → rmse = sqrt(0.25 / 2) = 0.353553
    const slow = fitAmdahl([
      { workers: 1, speedup: 1 },
      { workers: 2, speedup: 0.5 },
    ]);
    expect(slow?.serialFraction).toBe(1);
    expect(slow?.rmse).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(AmdahlFitSchema.safeParse({ workload: 'w', model: 'threads', ...slow }).success).toBe(true);
  });

  it('returns null when no point has more than one worker', () => {
    expect(fitAmdahl([])).toBeNull();
    expect(fitAmdahl([{ workers: 1, speedup: 1 }])).toBeNull();
  });

  it('throws for a non-positive speedup or a worker count below 1', () => {
    expect(() => fitAmdahl([{ workers: 2, speedup: 0 }])).toThrow(/points\[0\]\.speedup/);
    expect(() => fitAmdahl([{ workers: 0, speedup: 1 }])).toThrow(/points\[0\]\.workers/);
  });
});

describe('measurementWarnings', () => {
  it('gives no warning for a steady, long enough measurement', () => {
    // mean 100, stddev 1.41 (1.4%); |x - 100| = 0 1 1 0 2 2 → MAD 1, largest z 0.6745 * 2 = 1.35
    expect(measurementWarnings(summarize([100, 101, 99, 100, 102, 98]))).toEqual([]);
  });

  it("warns 'too-short' below minMedianMs and names both times", () => {
    // median 1 ms < 5 ms; stddev 0.0707 (7% of the mean 1); |x - 1| = 0 .1 .1 0 0 → MAD 0 → no outliers
    const s = summarize([1, 1.1, 0.9, 1, 1]);
    const w = measurementWarnings(s);
    expect(w.map((x) => x.kind)).toEqual(['too-short']);
    expect(w[0]?.message).toContain('1.00 ms');
    expect(w[0]?.message).toContain('5.00 ms');
    expect(kinds(s, 0.5)).toEqual([]);
  });

  it("warns 'noisy' from a standard deviation of 10% of the mean", () => {
    expect(kinds(fakeSummary({ stddev: 10 }))).toEqual(['noisy']);
    expect(kinds(fakeSummary({ stddev: 9.99 }))).toEqual([]);
    // [100,130,80,120,90,110]: mean 105; squared deviations 25 625 625 225 225 25 = 1750; 1750/5 = 350 →
    // stddev 18.71 = 18% of 105. median 105, |x - 105| = 5 25 25 15 15 5 → MAD 15, largest z 1.12 → no outliers
    const w = measurementWarnings(summarize([100, 130, 80, 120, 90, 110]));
    expect(w.map((x) => x.kind)).toEqual(['noisy']);
    expect(w[0]?.message).toContain('18%');
    expect(w[0]?.message).toContain('18.7 ms');
    expect(w[0]?.message).toContain('105 ms');
  });

  it("warns 'first-run-slower' (and not 'outliers' for the same run) when run 0 is a slow outlier", () => {
    // [50,10,12,11,13]: median 12, |x - 12| = 38 2 0 1 1 → MAD 1 → run 0 (z = 25.6) is the only outlier
    const w = measurementWarnings(summarize([50, 10, 12, 11, 13]));
    expect(w.map((x) => x.kind)).toEqual(['noisy', 'first-run-slower']);
    const first = w.find((x) => x.kind === 'first-run-slower');
    expect(first?.message).toContain('50.0 ms');
    expect(first?.message).toContain('12.0 ms');
    expect(first?.message).toMatch(/warmup/);
  });

  it("warns 'outliers' with the count when a later run is an outlier", () => {
    const w = measurementWarnings(summarize([10, 12, 11, 13, 50]));
    expect(w.map((x) => x.kind)).toEqual(['noisy', 'outliers']);
    expect(w[1]?.message).toContain('1 of 5 runs was an outlier');
    expect(w[1]?.message).toMatch(/close other programs/i);
  });

  it('counts the other outliers when the first run is also slow', () => {
    // [50,10,12,11,13,10.5,11.5,12.5,40]: sorted 10 10.5 11 11.5 12 12.5 13 40 50 → median 12;
    // |x - 12| sorted 0 .5 .5 1 1 1.5 2 28 38 → MAD 1; outliers: 50 (z 25.6) at 0 and 40 (z 18.9) at 8
    const w = measurementWarnings(summarize([50, 10, 12, 11, 13, 10.5, 11.5, 12.5, 40]));
    expect(w.map((x) => x.kind)).toContain('first-run-slower');
    expect(w.find((x) => x.kind === 'outliers')?.message).toContain('1 of 9 runs was an outlier');
    expect(w.every((x) => WarningSchema.safeParse(x).success)).toBe(true);
  });

  it("does not call a fast first run 'first-run-slower'", () => {
    // [1,100,101,102,103]: median 101, MAD 1 → run 0 is an outlier, but below the median
    expect(kinds(summarize([1, 100, 101, 102, 103]))).not.toContain('first-run-slower');
    expect(kinds(summarize([1, 100, 101, 102, 103]))).toContain('outliers');
  });

  it('throws for a negative minMedianMs', () => {
    expect(() => measurementWarnings(fakeSummary({}), { minMedianMs: -1 })).toThrow(/minMedianMs/);
  });
});

describe('mannWhitneyU', () => {
  const low = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const high = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

  it('finds clearly separated samples different', () => {
    // no value of low exceeds one of high → U = 0; mean n1 n2 / 2 = 50; variance 10·10/12 · 21 = 175;
    // z = -(50 - 0.5) / sqrt(175) = -3.7418; p = 2 Φ(-3.7418) = 1.8267e-4 (scipy: 0.00018267)
    const r = mannWhitneyU(low, high);
    expect(r.u).toBe(0);
    expect(r.z).toBeCloseTo(-3.7418, 4);
    expect(r.p).toBeLessThan(0.01);
    expect(r.p).toBeCloseTo(1.8267e-4, 6);
  });

  it('is symmetric: swapping the samples mirrors U and z and keeps p', () => {
    const a = mannWhitneyU(low, high);
    const b = mannWhitneyU(high, low);
    expect(b.u).toBe(100 - a.u);
    expect(b.z).toBeCloseTo(-a.z, 12);
    expect(b.p).toBeCloseTo(a.p, 12);
  });

  it('gives p = 1 for identical samples', () => {
    // every pair is either a tie (3 pairs, ½ each) or one way round (3 pairs each): U = 3 + 1.5 = 4.5 = n1 n2 / 2
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3])).toEqual({ u: 4.5, z: 0, p: 1 });
    expect(mannWhitneyU([5, 5], [5, 5, 5])).toEqual({ u: 3, z: 0, p: 1 });
  });

  it('applies the tie correction', () => {
    // a = [1,2,2,3,4,5], b = [2,3,3,6,7,8,9]. U (a > b, ties ½): 0 + .5 + .5 + 2 + 3 + 3 = 9.
    // pooled ties: three 2s and three 3s → Σ(t³ - t) = 24 + 24 = 48; N = 13;
    // variance = 6·7/12 · (14 - 48 / 156) = 3.5 · 13.6923 = 47.923; z = -(21 - 9 - 0.5) / 6.9227 = -1.6612;
    // p = 0.096671 (scipy: 0.0966705)
    const r = mannWhitneyU([1, 2, 2, 3, 4, 5], [2, 3, 3, 6, 7, 8, 9]);
    expect(r.u).toBe(9);
    expect(r.z).toBeCloseTo(-1.6612, 4);
    expect(r.p).toBeCloseTo(0.096671, 5);
  });

  it('throws for an empty or non-finite sample', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/a is empty/);
    expect(() => mannWhitneyU([1], [Number.NaN])).toThrow(/b\[0\] is NaN/);
  });
});

describe('studentTTwoSidedP', () => {
  it('matches known values of the t distribution', () => {
    // tables / scipy: 2 * t.sf(2, 10) = 0.0733880
    expect(studentTTwoSidedP(2, 10)).toBeCloseTo(0.073388, 6);
    expect(studentTTwoSidedP(-2, 10)).toBeCloseTo(0.073388, 6);
    // df = 1 is the Cauchy distribution: P(|T| ≥ 1) = 1 - (2/π) atan(1) = 1 - 0.5 = 0.5
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    // df = 2 has a closed form: P(|T| ≥ t) = 1 - t / sqrt(2 + t²) → t = 2: 1 - 2 / sqrt(6) = 0.1835034
    expect(studentTTwoSidedP(2, 2)).toBeCloseTo(1 - 2 / Math.sqrt(6), 12);
    // fractional df, large t (scipy: 2 * t.sf(5, 7.5) = 0.00127622; 2 * t.sf(30, 4) = 7.3529e-6)
    expect(studentTTwoSidedP(5, 7.5)).toBeCloseTo(0.00127622, 8);
    expect(studentTTwoSidedP(30, 4) / 7.352856e-6).toBeCloseTo(1, 6);
    // large df approaches the normal: 2 * t.sf(1.5, 1000) = 0.133930 (normal: 0.133614)
    expect(studentTTwoSidedP(1.5, 1000)).toBeCloseTo(0.13393, 5);
  });

  it('gives 1 at t = 0 and 0 at infinite t', () => {
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 5)).toBe(0);
  });

  it('throws for df ≤ 0', () => {
    expect(() => studentTTwoSidedP(1, 0)).toThrow(/df/);
  });
});

describe('welchT', () => {
  it('matches a hand-computed example', () => {
    // a = 1..5: mean 3, variance 2.5; b = 2,4,..,10: mean 6, variance 10.
    // se² = 2.5/5 + 10/5 = 2.5 → t = (3 - 6) / sqrt(2.5) = -1.897367
    // df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 = 5.882353; p = 0.107531 (scipy ttest_ind(equal_var=False))
    const r = welchT([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.t).toBeCloseTo(-3 / Math.sqrt(2.5), 12);
    expect(r.df).toBeCloseTo(100 / 17, 12);
    expect(r.p).toBeCloseTo(0.107531, 6);
  });

  it('reaches df = 10 for two samples of 6 with equal variances and is symmetric', () => {
    // equal variances v and n = 6: df = (2v/6)² / (2 (v/6)² / 5) = 10
    const a = [1, 2, 3, 4, 5, 6];
    const b = a.map((x) => x + 3);
    const r = welchT(a, b);
    expect(r.df).toBeCloseTo(10, 12);
    // t = -3 / sqrt(2 · 3.5 / 6) = -2.777460
    expect(r.t).toBeCloseTo(-3 / Math.sqrt(7 / 6), 12);
    const s = welchT(b, a);
    expect(s.t).toBeCloseTo(-r.t, 12);
    expect(s.p).toBeCloseTo(r.p, 12);
    expect(r.p).toBeCloseTo(studentTTwoSidedP(r.t, 10), 12);
  });

  it('handles samples without variance', () => {
    expect(welchT([2, 2], [2, 2, 2])).toEqual({ t: 0, df: 3, p: 1 });
    expect(welchT([2, 2], [3, 3])).toEqual({ t: Number.NEGATIVE_INFINITY, df: 2, p: 0 });
  });

  it('throws for fewer than two values or empty input', () => {
    expect(() => welchT([1], [1, 2])).toThrow(/at least two/);
    expect(() => welchT([], [1, 2])).toThrow(/a is empty/);
  });
});
