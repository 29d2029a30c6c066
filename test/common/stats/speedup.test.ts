/** Bootstrap speedup and efficiency against values computed by hand (the arithmetic is in the comments). */
import { describe, expect, it } from 'vitest';
import { SpeedupSchema } from '../../../electron/common/report';
import { bootstrapSpeedup, efficiency } from '../../../electron/common/stats';

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
