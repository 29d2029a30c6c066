/** Plain-language warnings about how far a measurement can be trusted, after hyperfine's and pyperf's. */
import type { MeasurementWarning, WallSummary } from '../report';

/** Relative standard deviation from which a measurement counts as noisy (as pyperf warns at 10%). */
const NOISY_RELATIVE_STDDEV = 0.1;

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
