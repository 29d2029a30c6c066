import { describe, expect, it } from 'vitest';
import { ciHalfWidthPct, medianInterval, medianRankK } from '../../../electron/common/stats';

describe('medianRankK', () => {
  // The ranks of the exact distribution-free 95% interval, as tabulated (e.g. Conover, Practical
  // Nonparametric Statistics, table A3): [x(k), x(n+1-k)].
  it.each([
    [5, 0],
    [6, 1],
    [8, 1],
    [9, 2],
    [11, 2],
    [12, 3],
    [14, 3],
    [15, 4],
    [17, 5],
    [20, 6],
    [30, 10],
  ])('n = %i gives k = %i', (n, k) => {
    expect(medianRankK(n, 0.95)).toBe(k);
  });

  it('has coverage of at least the confidence asked, and the next rank would have less', () => {
    const below = (n: number, k: number) => {
      let p = 0;
      let c = 1;
      for (let j = 0; j < k; j++) {
        p += c / 2 ** n;
        c = (c * (n - j)) / (j + 1);
      }
      return p;
    };
    for (let n = 6; n <= 60; n++) {
      const k = medianRankK(n, 0.95);
      expect(1 - 2 * below(n, k)).toBeGreaterThanOrEqual(0.95);
      expect(1 - 2 * below(n, k + 1)).toBeLessThan(0.95);
    }
  });

  it('reaches the largest run counts the config allows', () => {
    expect(medianRankK(1000, 0.95)).toBe(469);
  });
});

describe('medianInterval', () => {
  it('is null below 6 runs at 95%: even [min, max] covers only 93.75% of medians at 5', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toBeNull();
    expect(medianInterval([1, 2, 3, 4, 5], 0.9)).toEqual({ median: 3, ciLow: 1, ciHigh: 5 });
  });

  it('takes the order statistics x(4) and x(12) at 15 runs, whatever their order', () => {
    const raw = [15, 3, 9, 1, 12, 7, 5, 14, 2, 11, 4, 13, 6, 10, 8];
    expect(medianInterval(raw)).toEqual({ median: 8, ciLow: 4, ciHigh: 12 });
  });

  it('ignores one wild run on each side, as a median should', () => {
    const raw = [100, 100, 400, 100, 100, 100, 100, 1, 100];
    const interval = medianInterval(raw);
    expect(interval).toEqual({ median: 100, ciLow: 100, ciHigh: 100 });
    expect(interval && ciHalfWidthPct(interval)).toBe(0);
  });

  it('names the field of a bad value and refuses a confidence outside (0, 1)', () => {
    expect(() => medianInterval([1, Number.NaN, 3, 4, 5, 6])).toThrow(/raw/);
    expect(() => medianInterval([1, 2, 3, 4, 5, 6], 1)).toThrow(RangeError);
  });
});

describe('ciHalfWidthPct', () => {
  it('is the larger distance to a bound in % of the median, Infinity for a median of 0', () => {
    expect(ciHalfWidthPct({ median: 100, ciLow: 97, ciHigh: 108 })).toBeCloseTo(8);
    expect(ciHalfWidthPct({ median: 0, ciLow: 0, ciHigh: 1 })).toBe(Infinity);
  });
});
