/** Amdahl's law fitted to speedups computed by hand (the arithmetic is in the comments). */
import { describe, expect, it } from 'vitest';
import { AmdahlFitSchema } from '../../../electron/common/report';
import { fitAmdahl } from '../../../electron/common/stats';

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
