import { describe, expect, it } from 'vitest';
import { fnv, fnvUnitBytes } from '../../workloads/kernels/fnv';
import { escapeTime, MANDELBROT_VIEW, mandelbrot } from '../../workloads/kernels/mandelbrot';
import {
  hashFloats,
  matmul,
  matmulRows,
  randomMatrix,
  rowBlock,
  SEED_A,
  SEED_B,
} from '../../workloads/kernels/matmul';
import { PRIMES_BASE, primes, primesChecksum, primesInRange } from '../../workloads/kernels/primes';
import { FNV_PRIME, fnv1a32, mix32 } from '../../workloads/kernels/util';
import { plainContext } from '../../workloads/local-context';

const ctx = plainContext();

/** Primes in [lo, hi) by a segmented sieve of Eratosthenes: a method independent of trial division. */
function sievePrimes(lo: number, hi: number): number[] {
  const limit = Math.floor(Math.sqrt(hi)) + 1;
  const small = new Uint8Array(limit + 1).fill(1);
  small[0] = small[1] = 0;
  for (let i = 2; i * i <= limit; i++) if (small[i]) for (let j = i * i; j <= limit; j += i) small[j] = 0;
  const seg = new Uint8Array(hi - lo).fill(1);
  for (let p = 2; p <= limit; p++) {
    if (!small[p]) continue;
    for (let m = Math.max(p * p, Math.ceil(lo / p) * p); m < hi; m += p) seg[m - lo] = 0;
  }
  const out: number[] = [];
  for (let n = Math.max(lo, 2); n < hi; n++) if (seg[n - lo]) out.push(n);
  return out;
}

describe('primes', () => {
  it('counts and sums the primes below 10 000 like a sieve (1229 primes)', () => {
    const ref = sievePrimes(0, 10_000);
    expect(ref.length).toBe(1229);
    expect(primesInRange(0, 10_000, ctx)).toEqual({ count: 1229, sum: ref.reduce((a, b) => a + b, 0) });
  });

  it('unit checksums match a sieve over each unit’s range', () => {
    const span = 1_000;
    for (const index of [0, 3]) {
      const lo = PRIMES_BASE + index * span;
      const ref = sievePrimes(lo, lo + span);
      const sum = ref.reduce((a, b) => (a + b) % 2 ** 32, 0);
      expect(primes.runUnit({ units: 4, span }, index, ctx)).toBe(primesChecksum(ref.length, sum));
    }
  });
});

describe('mandelbrot', () => {
  it('escape times agree with known points', () => {
    expect(escapeTime(0, 0, 100)).toBe(100); // the origin never escapes
    expect(escapeTime(-1, 0, 100)).toBe(100); // period-2 cycle
    expect(escapeTime(2, 2, 100)).toBe(1);
    expect(escapeTime(1, 0, 100)).toBe(3); // 0, 1, 2, 5
  });

  it('unit checksums match a naive render of the interleaved rows', () => {
    const size = 24;
    const maxIter = 50;
    const units = 5;
    const { reMin, reMax, imMin, imMax } = MANDELBROT_VIEW;
    const naive = (cr: number, ci: number) => {
      let zr = 0;
      let zi = 0;
      let n = 0;
      for (; n < maxIter; n++) {
        if (zr * zr + zi * zi > 4) break;
        const nzr = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = nzr;
      }
      return n;
    };
    const seen = new Set<number>();
    for (let index = 0; index < units; index++) {
      let ref = mix32(index);
      for (let y = index; y < size; y += units) {
        seen.add(y);
        const ci = imMin + ((imMax - imMin) * (y + 0.5)) / size;
        for (let x = 0; x < size; x++) {
          const cr = reMin + ((reMax - reMin) * (x + 0.5)) / size;
          ref = Math.imul(ref ^ naive(cr, ci), FNV_PRIME) >>> 0;
        }
      }
      expect(mandelbrot.runUnit({ units, size, maxIter }, index, ctx)).toBe(ref);
    }
    expect(seen.size).toBe(size);
  });

  it('never has more units than rows', () => {
    expect(mandelbrot.unitCount({ units: 100, size: 16, maxIter: 16 })).toBe(16);
  });
});

describe('matmul', () => {
  it('generates matrices with values in [-1, 1)', () => {
    const m = randomMatrix(10, SEED_A, ctx);
    for (const v of m) {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThan(1);
    }
    expect(randomMatrix(10, SEED_A, ctx)).toEqual(m);
    expect(randomMatrix(10, SEED_B, ctx)).not.toEqual(m);
  });

  it('row blocks cover every row exactly once and differ by at most one row', () => {
    const n = 37;
    const units = 8;
    const sizes: number[] = [];
    let next = 0;
    for (let i = 0; i < units; i++) {
      const [r0, r1] = rowBlock(n, units, i);
      expect(r0).toBe(next);
      next = r1;
      sizes.push(r1 - r0);
    }
    expect(next).toBe(n);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('unit results equal a naive triple-loop multiply', () => {
    const n = 13;
    const units = 3;
    const a = randomMatrix(n, SEED_A, ctx);
    const b = randomMatrix(n, SEED_B, ctx);
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (a[i * n + k] as number) * (b[k * n + j] as number);
        c[i * n + j] = s;
      }
    for (let index = 0; index < units; index++) {
      const [r0, r1] = rowBlock(n, units, index);
      const expected = c.slice(r0 * n, r1 * n);
      expect(matmulRows(n, r0, r1, ctx)).toEqual(expected);
      expect(matmul.runUnit({ units, n }, index, ctx)).toBe(hashFloats(expected, index));
    }
  });

  it('gives the same answer whichever size was cached before', () => {
    const first = matmul.runUnit({ units: 2, n: 9 }, 1, ctx);
    matmul.runUnit({ units: 2, n: 11 }, 0, ctx);
    expect(matmul.runUnit({ units: 2, n: 9 }, 1, ctx)).toBe(first);
  });
});

describe('fnv', () => {
  it('unit checksums equal FNV-1a over the unit’s generated bytes', () => {
    for (const index of [0, 1, 7]) {
      expect(fnv.runUnit({ units: 8, kib: 3 }, index, ctx)).toBe(fnv1a32(fnvUnitBytes(index, 3 * 1024)));
    }
  });
});
