/**
 * Two-sample tests for comparing two reports: Mann-Whitney U and Welch's t. simple-statistics supplies the
 * rank sum and the gamma function; the Student t tail is written here because the library lacks it.
 */
import { errorFunction, gammaln, mean, sampleVariance, wilcoxonRankSum } from 'simple-statistics';
import { checkFinite } from './checks';

/** Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z| / √2). */
function normalTwoSidedP(z: number): number {
  if (z === 0) return 1;
  // simple-statistics' erf is erfc's Chebyshev fit (fractional error < 1.2e-7) written as 1 - erfc, so 1 - erf
  // gives erfc back up to rounding: p-values below about 1e-15 come out as about 0.
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (x from a, y from b) with x > y, plus half the pairs with x = y */
  readonly u: number;
  /** standardised U with continuity correction; positive when `a` tends to be larger than `b` */
  readonly z: number;
  /** two-sided p-value */
  readonly p: number;
}

/**
 * Mann-Whitney U test (Wilcoxon rank-sum), two-sided: do values of `a` tend to be larger or smaller than
 * values of `b`? It uses ranks only, so it suits skewed timing data where a t-test's normality is doubtful.
 *
 * The p-value uses the normal approximation with the tie correction of the variance and a continuity
 * correction of 0.5 (as scipy's `mannwhitneyu(method='asymptotic')`). With very small samples (either under
 * about 8 values) the exact distribution is coarse and the p-value is only approximate. When every value is
 * tied, z = 0 and p = 1.
 *
 * @throws Error when either sample is empty or holds a non-finite value.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  checkFinite('mannWhitneyU', 'a', a);
  checkFinite('mannWhitneyU', 'b', b);
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  // Rank sum of a with tied values given their average rank.
  const u = wilcoxonRankSum(a, b) - (n1 * (n1 + 1)) / 2;

  // Tie correction: each group of t equal values lowers the variance by t³ - t.
  const pooled = [...a, ...b].sort((x, y) => x - y);
  let ties = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && pooled[j] === pooled[i]) j++;
    const t = j - i;
    ties += t * t * t - t;
    i = j;
  }
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, p: 1 };

  const d = u - (n1 * n2) / 2;
  const corrected = Math.max(0, Math.abs(d) - 0.5);
  const z = corrected === 0 ? 0 : (Math.sign(d) * corrected) / Math.sqrt(variance);
  return { u, z, p: normalTwoSidedP(z) };
}

/**
 * Continued fraction of the incomplete beta function (modified Lentz), converging for x < (a + 1) / (a + b + 2).
 * After Numerical Recipes' betacf.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const EPS = 1e-15;
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  // Not reached for the arguments the t distribution produces; fail loudly rather than return a wrong p.
  throw new Error(`incomplete beta: no convergence for x=${x}, a=${a}, b=${b}.`);
}

/**
 * Regularized incomplete beta I_x(a, b). `y` is 1 - x passed separately so that callers who know it exactly
 * (the t distribution does) avoid the cancellation of computing 1 - x near x = 1.
 */
function regularizedIncompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(y);
  // The continued fraction converges fast only on one side of the mean; use the symmetry
  // I_x(a, b) = 1 - I_{1-x}(b, a) on the other.
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
}

/**
 * Two-sided p-value of Student's t distribution: P(|T| ≥ |t|) for `df` degrees of freedom (df may be
 * fractional, as Welch's is), computed as I_{df/(df+t²)}(df/2, 1/2). E.g. t = 2, df = 10 gives 0.0734.
 *
 * @throws RangeError when `t` is NaN or `df` is not a finite number > 0.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) throw new RangeError('studentTTwoSidedP: t is NaN.');
  if (!Number.isFinite(df) || df <= 0) {
    throw new RangeError(`studentTTwoSidedP: df must be a finite number > 0, got ${df}.`);
  }
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  const p = regularizedIncompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
  return Math.min(1, Math.max(0, p));
}

/** Result of {@link welchT}. */
export interface WelchResult {
  /** t statistic of mean(a) - mean(b); positive when `a` has the larger mean */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom (usually fractional) */
  readonly df: number;
  /** two-sided p-value */
  readonly p: number;
}

/**
 * Welch's t-test, two-sided: do `a` and `b` have different means, without assuming equal variances (timings
 * of different models rarely have them). The p-value is from Student's t distribution with the
 * Welch–Satterthwaite degrees of freedom.
 *
 * When both samples have zero variance the statistic is undefined; then t = 0 and p = 1 if the means are
 * equal, else t = ±Infinity and p = 0, with df = n_a + n_b - 2.
 *
 * @throws Error when either sample has fewer than two values or holds a non-finite value.
 */
export function welchT(a: readonly number[], b: readonly number[]): WelchResult {
  checkFinite('welchT', 'a', a);
  checkFinite('welchT', 'b', b);
  if (a.length < 2 || b.length < 2) {
    throw new Error(
      `welchT: each sample needs at least two values to estimate its variance (got ${a.length} and ${b.length}).`,
    );
  }
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const se2 = va + vb;
  const diff = mean(a) - mean(b);
  if (se2 === 0) {
    const df = a.length + b.length - 2;
    return diff === 0 ? { t: 0, df, p: 1 } : { t: Math.sign(diff) * Infinity, df, p: 0 };
  }
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return { t, df, p: studentTTwoSidedP(t, df) };
}
