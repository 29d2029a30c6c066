/** Amdahl's law fitted to measured speedups. */
import { rootMeanSquare } from 'simple-statistics';

/** One measured speedup of a workload and model at a worker count. */
export interface AmdahlPoint {
  readonly workers: number;
  readonly speedup: number;
}

/** Result of {@link fitAmdahl}. */
export interface AmdahlResult {
  /** fitted serial fraction s, clamped to [0, 1] */
  readonly serialFraction: number;
  /** root-mean-square error of the fit over all points, in speedup units */
  readonly rmse: number;
}

/** Speedup that Amdahl's law predicts for serial fraction `s` on `n` workers. */
function amdahl(s: number, n: number): number {
  return 1 / (s + (1 - s) / n);
}

/**
 * Fits Amdahl's law, speedup(n) = 1 / (s + (1 - s) / n), to measured speedups by least squares for s.
 *
 * The law is linear in s after a change of variables: 1/S - 1/n = s (1 - 1/n). With x = 1 - 1/n and
 * y = 1/S - 1/n over the points with n > 1, s = Σxy / Σx² (a line through the origin). Points with n = 1 carry
 * no information about s (x = 0) but are included in the rmse. The least squares is in the 1/S scale, so it
 * is not exactly the s that minimises the rmse in speedup units; it has a closed form and is the usual
 * textbook fit. s is clamped to [0, 1]: superlinear speedups (caches) would give s < 0, and slowdowns
 * (overhead, a lock) s > 1, neither of which is a serial fraction.
 *
 * @returns null when no point has more than one worker (there is nothing to fit).
 * @throws RangeError when a point has workers < 1 or a speedup that is not a finite number > 0.
 */
export function fitAmdahl(points: readonly AmdahlPoint[]): AmdahlResult | null {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.workers) || p.workers < 1) {
      throw new RangeError(`fitAmdahl: points[${i}].workers must be ≥ 1, got ${p.workers}.`);
    }
    // 1/S must exist: a speedup of 0 would mean a run that never finishes.
    if (!Number.isFinite(p.speedup) || p.speedup <= 0) {
      throw new RangeError(`fitAmdahl: points[${i}].speedup must be a finite number > 0, got ${p.speedup}.`);
    }
  });
  let sxy = 0;
  let sxx = 0;
  for (const { workers: n, speedup } of points) {
    if (n <= 1) continue;
    const x = 1 - 1 / n;
    const y = 1 / speedup - 1 / n;
    sxy += x * y;
    sxx += x * x;
  }
  if (sxx === 0) return null;
  const s = Math.min(1, Math.max(0, sxy / sxx));
  const residuals = points.map((p) => p.speedup - amdahl(s, p.workers));
  return { serialFraction: s, rmse: rootMeanSquare(residuals) };
}
