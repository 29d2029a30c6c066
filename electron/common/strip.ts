/**
 * The strip plot of every cell's raw times, laid out once for the UI's chart (recharts) and the HTML
 * report's (inline SVG): one row per cell, one dot per measured run, the median marked. With 3 to 30 runs a
 * dot for each is more honest than a box or a violin, and a cell whose runs fall into two groups (a
 * background job during half of them, a CPU changing frequency) shows two clusters at a glance where a
 * median and a whisker hide it.
 */
import { isBaseline, MODELS, type Model } from './config';
import type { ResultEntry } from './report';

export interface StripPoint {
  readonly wallMs: number;
  /** -1..1: where in its row's height the dot sits, so equal times do not hide one another */
  readonly jitter: number;
  /** the modified z-score marks it an outlier (as the report's `outliers` say) */
  readonly outlier: boolean;
  /** 1-based, in run order */
  readonly run: number;
}

export interface StripRow {
  readonly model: Model;
  readonly workers: number;
  /** `threads × 2` */
  readonly label: string;
  readonly medianMs: number;
  /** the cell's measured runs; `points` holds them all up to STRIP_MAX_POINTS, else a sample (see below) */
  readonly runs: number;
  readonly points: readonly StripPoint[];
}

/**
 * Dots drawn per row at most. A 24-pixel row shows a few hundred dots as a band already, and a report may
 * hold 1,000 runs a cell in 1,500 cells: drawing them all made the HTML export of such a report peak near
 * 2 GiB (bench, report at the limits). Above this, every outlier is kept and the rest are taken evenly in
 * run order, so a drift or two clusters still show.
 */
export const STRIP_MAX_POINTS = 200;

/** Indices of the runs to draw: all of them up to the cap, else every outlier plus an even sample. */
function drawnRuns(count: number, outliers: ReadonlySet<number>): number[] {
  if (count <= STRIP_MAX_POINTS) return Array.from({ length: count }, (_, i) => i);
  const keep = new Set<number>(outliers);
  const step = count / STRIP_MAX_POINTS;
  for (let j = 0; j < STRIP_MAX_POINTS; j++) keep.add(Math.floor(j * step));
  return [...keep].filter((i) => i >= 0 && i < count).sort((a, b) => a - b);
}

const GOLDEN = 0.618_033_988_75;

/**
 * A run's vertical offset: the golden-ratio sequence spreads any number of runs evenly over the row without
 * a random generator, so the same report always draws the same picture (and its HTML snapshot holds).
 */
export function stripJitter(runIndex: number): number {
  return ((runIndex * GOLDEN) % 1) * 2 - 1;
}

/**
 * The rows of one workload's strip plot: the sequential baseline first, then each model in the usual order
 * by worker count; cells without a measured run are left out.
 */
export function stripRows(results: readonly ResultEntry[], workload: string): StripRow[] {
  const rank = (r: ResultEntry) => (isBaseline(r.model) ? -1 : MODELS.indexOf(r.model));
  return results
    .filter((r) => r.workload === workload && r.wallMs && r.wallMs.raw.length > 0)
    .sort((a, b) => rank(a) - rank(b) || a.workers - b.workers)
    .map((r) => {
      const raw = r.wallMs?.raw ?? [];
      const outliers = new Set(r.wallMs?.outliers ?? []);
      return {
        model: r.model,
        workers: r.workers,
        label: `${r.model} × ${r.workers}`,
        medianMs: r.wallMs?.median ?? 0,
        runs: raw.length,
        points: drawnRuns(raw.length, outliers).map((i) => ({
          wallMs: raw[i] ?? 0,
          jitter: stripJitter(i),
          outlier: outliers.has(i),
          run: i + 1,
        })),
      };
    });
}
