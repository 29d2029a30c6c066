import { describe, expect, it } from 'vitest';
import { createRng } from '../../electron/common/random';

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
