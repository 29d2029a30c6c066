/**
 * Statistics of repeated wall-clock measurements, after hyperfine and pyperf: robust summaries (median, MAD,
 * modified z-score outliers), a bootstrap confidence interval for speedup, Amdahl's law fitted to speedups,
 * plain-language measurement warnings, and two-sample tests for comparing two reports.
 *
 * Pure TypeScript: the runner (Node), the CLI and the renderer all import it. Basic statistics come from
 * simple-statistics so that only what the library lacks (ranking ties, the Student t tail) is written here.
 */
import {
  errorFunction,
  gammaln,
  max,
  mean,
  median,
  medianAbsoluteDeviation,
  min,
  quantileSorted,
  rootMeanSquare,
  sampleStandardDeviation,
  sampleVariance,
  sampleWithReplacement,
  wilcoxonRankSum,
} from 'simple-statistics';
import type { MeasurementWarning, Speedup, WallSummary } from './report';
import { createRng } from './random';

/** Re-exported so callers that resample get the same generator the bootstrap uses. See ./random. */
export { createRng };

/**
 * 0.6745 is the 0.75 quantile of the standard normal: dividing by MAD / 0.6745 makes the modified z-score
 * comparable to an ordinary z-score for normal data. 3.5 is the cut-off Iglewicz and Hoaglin recommend and
 * hyperfine uses.
 */
const MAD_TO_SIGMA = 0.6745;
const OUTLIER_Z = 3.5;

/** Relative standard deviation from which a measurement counts as noisy (as pyperf warns at 10%). */
const NOISY_RELATIVE_STDDEV = 0.1;

// ---------------------------------------------------------------------------------------------------------
// Input checks. Measured times come from other processes and saved files; a NaN would otherwise flow through
// every formula silently and end up as a meaningless chart, so every entry point rejects bad input loudly.
// ---------------------------------------------------------------------------------------------------------

function checkNonEmpty(fn: string, name: string, values: readonly number[]): void {
  if (values.length === 0) {
    throw new Error(`${fn}: ${name} is empty; at least one measured value is needed.`);
  }
}

function checkFinite(fn: string, name: string, values: readonly number[]): void {
  checkNonEmpty(fn, name, values);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      throw new Error(`${fn}: ${name}[${i}] is ${String(v)}; values must be finite numbers.`);
    }
  });
}

/** Times in ms: finite and not negative; `positive` also refuses 0 (for values that are divided by). */
function checkTimes(fn: string, name: string, values: readonly number[], positive = false): void {
  checkFinite(fn, name, values);
  values.forEach((v, i) => {
    if (v < 0 || (positive && v === 0)) {
      const rule = positive ? 'greater than 0 (they are divided by)' : 'at least 0';
      throw new Error(`${fn}: ${name}[${i}] is ${v} ms; times must be ${rule}.`);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------------------

/**
 * Summarises repeated wall-clock times (ms, in run order): median, mean, sample standard deviation (0 for a
 * single value), min, max, unscaled median absolute deviation, a copy of the raw values, and the indices of
 * outliers by the modified z-score |0.6745 (x - median) / MAD| > 3.5 (Iglewicz & Hoaglin, as hyperfine).
 * When MAD is 0 (at least half the runs took exactly the median time) no value is called an outlier, because
 * the score is undefined.
 *
 * @throws Error when `raw` is empty or holds a non-finite or negative value.
 */
export function summarize(raw: readonly number[]): WallSummary {
  checkTimes('summarize', 'raw', raw);
  const med = median(raw);
  const mad = medianAbsoluteDeviation(raw);
  const outliers: number[] = [];
  if (mad > 0) {
    raw.forEach((x, i) => {
      if (Math.abs((MAD_TO_SIGMA * (x - med)) / mad) > OUTLIER_Z) outliers.push(i);
    });
  }
  return {
    median: med,
    mean: mean(raw),
    // The sample (n - 1) form estimates the spread of future runs; it is undefined for one run, where 0 is the
    // only honest answer that fits the schema.
    stddev: raw.length > 1 ? sampleStandardDeviation(raw) : 0,
    min: min(raw),
    max: max(raw),
    mad,
    raw: [...raw],
    outliers,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Speedup
// ---------------------------------------------------------------------------------------------------------

/** Options of {@link bootstrapSpeedup}. */
export interface BootstrapOptions {
  /** seed of the resampling generator; the same seed and data always give the same interval */
  readonly seed: number;
  /** number of bootstrap resamples, a whole number from 1 to 1,000,000 (default 2000) */
  readonly resamples?: number;
  /** coverage of the interval, strictly between 0 and 1 (default 0.95) */
  readonly confidence?: number;
}

/**
 * Speedup of `raw` over `baselineRaw` as the ratio of median times, with a percentile bootstrap confidence
 * interval: each side is resampled with replacement independently (the runs of two cells are not paired),
 * the ratio of the resampled medians is taken `resamples` times, and the interval is the central `confidence`
 * share of those ratios. Medians, not means, so that one disturbed run does not move the estimate.
 *
 * Deterministic for a given seed. With one value on each side every resample is the same, so the interval
 * collapses to the point estimate. A percentile interval usually, but not provably always, contains the
 * point estimate; with very few runs it is coarse because a median can only take a few values.
 *
 * @throws Error when either array is empty or holds a non-finite or negative value, when a value of `raw`
 *   is 0 (a resample could then divide by 0), or when an option is out of range.
 */
export function bootstrapSpeedup(
  baselineRaw: readonly number[],
  raw: readonly number[],
  opts: BootstrapOptions,
): Speedup {
  checkTimes('bootstrapSpeedup', 'baselineRaw', baselineRaw);
  checkTimes('bootstrapSpeedup', 'raw', raw, true);
  const resamples = opts.resamples ?? 2000;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000) {
    throw new RangeError(
      `bootstrapSpeedup: resamples must be a whole number from 1 to 1000000, got ${resamples}.`,
    );
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrapSpeedup: confidence must be between 0 and 1, got ${confidence}.`);
  }
  const rng = createRng(opts.seed);
  // sampleWithReplacement wants mutable arrays; copy once rather than per resample.
  const base = [...baselineRaw];
  const cur = [...raw];
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const b = median(sampleWithReplacement(base, base.length, rng));
    const c = median(sampleWithReplacement(cur, cur.length, rng));
    ratios.push(b / c);
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    median: median(baselineRaw) / median(raw),
    ciLow: quantileSorted(ratios, tail),
    ciHigh: quantileSorted(ratios, 1 - tail),
  };
}

/**
 * Parallel efficiency: speedup per worker (1 = every worker fully useful, 0.5 = half of the added workers'
 * time is lost to overhead, waiting or serial work).
 *
 * @throws RangeError when `speedup` is negative or not finite, or `workers` is not a whole number ≥ 1.
 */
export function efficiency(speedup: number, workers: number): number {
  if (!Number.isFinite(speedup) || speedup < 0) {
    throw new RangeError(`efficiency: speedup must be a finite number ≥ 0, got ${speedup}.`);
  }
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`efficiency: workers must be a whole number ≥ 1, got ${workers}.`);
  }
  return speedup / workers;
}

// ---------------------------------------------------------------------------------------------------------
// Amdahl's law
// ---------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------
// Measurement warnings
// ---------------------------------------------------------------------------------------------------------

/** Options of {@link measurementWarnings}. */
export interface WarningOptions {
  /** median run time in ms under which a measurement is called too short (default 5) */
  readonly minMedianMs?: number;
}

/** A time for a message: whole ms from 100 ms, else three significant digits. */
function formatMs(ms: number): string {
  return `${ms >= 100 ? Math.round(ms).toString() : ms.toPrecision(3)} ms`;
}

function runs(k: number): string {
  return k === 1 ? '1 run' : `${k} runs`;
}

/**
 * Warnings about how far a summary can be trusted, in plain words for a student, each naming its numbers
 * (after hyperfine's and pyperf's):
 * - 'too-short': the median is under `minMedianMs`, so timer resolution and dispatch overhead dominate;
 * - 'noisy': the standard deviation is at least 10% of the mean;
 * - 'first-run-slower': the first run is an outlier above the median (cold caches, JIT warm-up);
 * - 'outliers': other runs are outliers. As in hyperfine, a slow first run is not counted again here: it
 *   already has its own warning with a different remedy (more warmup rather than closing other programs).
 *
 * 'few-cores' is about the machine, not one summary, and is left to the runner.
 *
 * @throws RangeError when `minMedianMs` is negative or not finite.
 */
export function measurementWarnings(summary: WallSummary, opts: WarningOptions = {}): MeasurementWarning[] {
  const minMedianMs = opts.minMedianMs ?? 5;
  if (!Number.isFinite(minMedianMs) || minMedianMs < 0) {
    throw new RangeError(`measurementWarnings: minMedianMs must be a finite number ≥ 0, got ${minMedianMs}.`);
  }
  const warnings: MeasurementWarning[] = [];
  const { median: med, mean: avg, stddev, raw, outliers } = summary;

  if (med < minMedianMs) {
    warnings.push({
      kind: 'too-short',
      message:
        `A run took only ${formatMs(med)} (median), less than ${formatMs(minMedianMs)}. At this length the ` +
        `timer's resolution and the cost of handing work to threads or processes weigh more than the work ` +
        `itself, so speedups are not meaningful. Use a larger problem size.`,
    });
  }

  if (avg > 0 && stddev >= NOISY_RELATIVE_STDDEV * avg) {
    const pct = Math.round((100 * stddev) / avg);
    warnings.push({
      kind: 'noisy',
      message:
        `The times vary a lot from run to run: the standard deviation (${formatMs(stddev)}) is ${pct}% of the ` +
        `mean (${formatMs(avg)}). Close other programs, keep the computer plugged in, or do more runs.`,
    });
  }

  const first = raw[0];
  const firstSlow = first !== undefined && first > med && outliers.includes(0);
  if (firstSlow) {
    warnings.push({
      kind: 'first-run-slower',
      message:
        `The first run took ${formatMs(first)}, much longer than the median of ${formatMs(med)}. The first run ` +
        `often pays for cold caches and for the JavaScript engine compiling the code. Add warmup runs so that ` +
        `this start-up cost is not measured.`,
    });
  }

  const others = outliers.filter((i) => !(firstSlow && i === 0)).length;
  if (others > 0) {
    warnings.push({
      kind: 'outliers',
      message:
        `${others} of ${runs(raw.length)} ${others === 1 ? 'was an outlier' : 'were outliers'}: far slower or ` +
        `faster than the median of ${formatMs(med)}. Another program was probably using the processor at the ` +
        `time. Close other programs and run again.`,
    });
  }

  return warnings;
}

// ---------------------------------------------------------------------------------------------------------
// Two-sample tests (comparing two reports)
// ---------------------------------------------------------------------------------------------------------

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
