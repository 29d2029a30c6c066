/**
 * The two-sample tests against scipy 1.17 (scipy.stats.t.sf, ttest_ind(equal_var=False),
 * mannwhitneyu(method='asymptotic')) and values computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { mannWhitneyU, studentTTwoSidedP, welchT } from '../../../electron/common/stats';

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
