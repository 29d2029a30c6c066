/** Measurement warnings at their exact thresholds (the arithmetic is in the comments). */
import { describe, expect, it } from 'vitest';
import { WarningSchema } from '../../../electron/common/report';
import type { WallSummary } from '../../../electron/common/report';
import { measurementWarnings, summarize } from '../../../electron/common/stats';

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
