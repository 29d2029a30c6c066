/**
 * Statistics of repeated wall-clock measurements, after hyperfine and pyperf: robust summaries (median, MAD,
 * modified z-score outliers), a bootstrap confidence interval for speedup, the exact order-statistic interval
 * of a median, Amdahl's law fitted to speedups, plain-language measurement warnings, and two-sample tests for
 * comparing two reports. One file per concern.
 *
 * Pure TypeScript: the runner (Node), the CLI and the renderer all import it. Basic statistics come from
 * simple-statistics so that only what the library lacks (ranking ties, the Student t tail) is written here.
 */
import { createRng } from '../random';

/** Re-exported so callers that resample get the same generator the bootstrap uses. See ../random. */
export { createRng };
/** The one median (of an even count, the mean of the two middle values); throws for no values. */
export { median } from 'simple-statistics';
export { middleHalfSpread, summarize } from './summary';
export { bootstrapSpeedup, efficiency, type BootstrapOptions } from './speedup';
export { ciHalfWidthPct, medianInterval, medianRankK, type MedianInterval } from './median-interval';
export { fitAmdahl, type AmdahlPoint, type AmdahlResult } from './amdahl';
export { measurementWarnings, type WarningOptions } from './warnings';
export {
  mannWhitneyU,
  studentTTwoSidedP,
  welchT,
  type MannWhitneyResult,
  type WelchResult,
} from './significance';
