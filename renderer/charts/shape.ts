/**
 * Chart data shaped from results, kept apart from React so it is tested in plain Node against a real
 * report. Each function takes ResultEntry lists (not a Report) so the live view can chart partial results.
 */
import { isBaseline, MODELS, type Model } from '../../electron/common/config';
import type { AmdahlFit, CpuSample, ResultEntry } from '../../electron/common/report';

/** The kinds of work a result can be about. */
export type WorkloadKindName = ResultEntry['kind'];

/** One measured point of a speedup line, with its 95% confidence interval. */
export interface SpeedupPoint {
  readonly workers: number;
  readonly speedup: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** [ciLow, ciHigh], for a range area */
  readonly band: readonly [number, number];
  /** distances below and above the median, for asymmetric error bars */
  readonly error: readonly [number, number];
}

export interface ModelSeries {
  readonly model: Model;
  readonly points: readonly SpeedupPoint[];
  /** worker counts whose cell failed (no point drawn) */
  readonly failed: readonly number[];
}

export interface XYPoint {
  readonly workers: number;
  readonly value: number;
}

const modelOrder = (m: Model) => MODELS.indexOf(m);

/** The workloads of a result list in first-seen order, with their kind. */
export function workloadsOf(results: readonly ResultEntry[]): { name: string; kind: WorkloadKindName }[] {
  const seen = new Map<string, WorkloadKindName>();
  for (const r of results) if (!seen.has(r.workload)) seen.set(r.workload, r.kind);
  return [...seen].map(([name, kind]) => ({ name, kind }));
}

/** Distinct worker counts measured for a workload (sequential included), ascending. */
export function workerCounts(results: readonly ResultEntry[], workload: string): number[] {
  return [...new Set(results.filter((r) => r.workload === workload).map((r) => r.workers))].sort(
    (a, b) => a - b,
  );
}

function byModel(results: readonly ResultEntry[], workload: string): Map<Model, ResultEntry[]> {
  const groups = new Map<Model, ResultEntry[]>();
  for (const r of results) {
    if (r.workload !== workload || isBaseline(r.model)) continue;
    groups.set(r.model, [...(groups.get(r.model) ?? []), r]);
  }
  for (const rows of groups.values()) rows.sort((a, b) => a.workers - b.workers);
  return new Map([...groups].sort(([a], [b]) => modelOrder(a) - modelOrder(b)));
}

/** A speedup line per parallel model (the sequential baseline is the reference, 1x by definition). */
export function speedupSeries(results: readonly ResultEntry[], workload: string): ModelSeries[] {
  return [...byModel(results, workload)].map(([model, rows]) => ({
    model,
    points: rows.flatMap((r): SpeedupPoint[] => {
      const s = r.speedup;
      if (!s || r.failure) return [];
      return [
        {
          workers: r.workers,
          speedup: s.median,
          ciLow: s.ciLow,
          ciHigh: s.ciHigh,
          band: [s.ciLow, s.ciHigh],
          error: [Math.max(0, s.median - s.ciLow), Math.max(0, s.ciHigh - s.median)],
        },
      ];
    }),
    failed: rows.filter((r) => r.failure).map((r) => r.workers),
  }));
}

/** Perfect scaling, speedup = workers, from 1 to the largest count. */
export function idealLine(maxWorkers: number): XYPoint[] {
  const max = Math.max(1, maxWorkers);
  return [
    { workers: 1, value: 1 },
    { workers: max, value: max },
  ];
}

/** Amdahl's law for serial fraction s: speedup(n) = 1 / (s + (1 - s) / n), sampled densely from 1 to max. */
export function amdahlCurve(serialFraction: number, maxWorkers: number, steps = 48): XYPoint[] {
  const s = Math.min(1, Math.max(0, serialFraction));
  const max = Math.max(1, maxWorkers);
  const out: XYPoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const n = 1 + ((max - 1) * i) / steps;
    out.push({ workers: n, value: 1 / (s + (1 - s) / n) });
  }
  return out;
}

export function fitFor(fits: readonly AmdahlFit[], workload: string, model: Model): AmdahlFit | null {
  return fits.find((f) => f.workload === workload && f.model === model) ?? null;
}

/** The y axis of a speedup chart: whole-number ticks from 0, room for the ideal line and every interval. */
export function speedupAxis(
  series: readonly ModelSeries[],
  maxWorkers: number,
): { domain: [number, number]; ticks: number[] } {
  let top = Math.max(1, maxWorkers);
  for (const s of series) for (const p of s.points) top = Math.max(top, p.ciHigh, p.speedup);
  const step = top <= 8 ? 1 : top <= 16 ? 2 : Math.ceil(top / 8);
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { domain: [0, max], ticks };
}

/**
 * While a run is going, the engine can only compute a speedup for a cell once the sequential baseline has
 * been measured, and it does not re-send cells measured before that. Fill those in as the ratio of the
 * medians measured so far (the same definition the engine uses), with no interval: the confidence interval
 * comes with the final report.
 */
export function withLiveSpeedups(results: readonly ResultEntry[]): ResultEntry[] {
  const base = new Map<string, number>();
  for (const r of results) if (r.model === 'sequential' && r.wallMs) base.set(r.workload, r.wallMs.median);
  return results.map((r) => {
    const b = base.get(r.workload);
    if (r.speedup || !r.wallMs || b === undefined || r.wallMs.median <= 0) return r;
    const median = b / r.wallMs.median;
    return { ...r, speedup: { median, ciLow: median, ciHigh: median }, efficiency: median / r.workers };
  });
}

/** Efficiency (speedup / workers) as a percentage per model. */
/** One figure per cell of a workload, as a line per model; cells without it (or failed) are left out. */
function figureSeries(
  results: readonly ResultEntry[],
  workload: string,
  figure: (r: ResultEntry) => number | null,
): { model: Model; points: XYPoint[] }[] {
  return [...byModel(results, workload)].map(([model, rows]) => ({
    model,
    points: rows.flatMap((r) => {
      const value = r.failure ? null : figure(r);
      return value === null ? [] : [{ workers: r.workers, value }];
    }),
  }));
}

export function efficiencySeries(
  results: readonly ResultEntry[],
  workload: string,
): { model: Model; points: XYPoint[] }[] {
  return figureSeries(results, workload, (r) => (r.efficiency === null ? null : r.efficiency * 100));
}

/** Median cores kept busy (CPU time / wall time) per cell; empty for a version-1 report, which has none. */
export function coresBusySeries(
  results: readonly ResultEntry[],
  workload: string,
): { model: Model; points: XYPoint[] }[] {
  return figureSeries(results, workload, (r) => r.coresBusy?.median ?? null);
}

/** Median wall time with the fastest and slowest run, per model. */
export interface WallPoint {
  readonly workers: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly spread: readonly [number, number];
}

export function wallSeries(
  results: readonly ResultEntry[],
  workload: string,
): { model: Model; points: WallPoint[] }[] {
  return [...byModel(results, workload)].map(([model, rows]) => ({
    model,
    points: rows.flatMap((r): WallPoint[] => {
      const w = r.wallMs;
      if (!w) return [];
      return [
        {
          workers: r.workers,
          median: w.median,
          min: w.min,
          max: w.max,
          spread: [w.median - w.min, w.max - w.median],
        },
      ];
    }),
  }));
}

/** The sequential baseline's median time for a workload, or null before it has been measured. */
export function baselineMs(results: readonly ResultEntry[], workload: string): number | null {
  return results.find((r) => r.workload === workload && r.model === 'sequential')?.wallMs?.median ?? null;
}

/** The width of the live CPU chart's drawing box; its height is 100, one unit per percent of load. */
export const CPU_BOX_WIDTH = 1000;

/** The live CPU chart as drawn: one polyline per core over the window the samples cover. */
export interface CpuLines {
  /** SVG `points` per core, in a CPU_BOX_WIDTH x 100 box: x across the window, y = 100 - load % */
  readonly lines: readonly string[];
  /** the window's ends, in seconds since the run started */
  readonly fromS: number;
  readonly toS: number;
}

/**
 * CPU samples as one line per core, at least `cores` of them (a core without samples draws nothing): plain
 * strings, so a redraw changes a few attributes of one small SVG rather than going through a chart library.
 */
export function cpuLines(samples: readonly CpuSample[], cores: number): CpuLines {
  const n = samples.reduce((m, s) => Math.max(m, s.loadPct.length), Math.max(0, Math.floor(cores)));
  const fromS = (samples[0]?.tMs ?? 0) / 1000;
  const toS = (samples[samples.length - 1]?.tMs ?? 0) / 1000;
  const spanS = toS - fromS;
  const xs = samples.map((s) =>
    (spanS > 0 ? ((s.tMs / 1000 - fromS) / spanS) * CPU_BOX_WIDTH : 0).toFixed(1),
  );
  // Built by appending to one string per core: this runs on every live redraw, and arrays of pieces per
  // point were a good part of the garbage the live view left behind.
  const lines: string[] = [];
  for (let core = 0; core < n; core++) {
    let line = '';
    for (let i = 0; i < samples.length; i++) {
      const pct = samples[i]?.loadPct[core];
      if (pct === undefined || !Number.isFinite(pct)) continue;
      line += `${line ? ' ' : ''}${xs[i] ?? '0.0'},${(100 - Math.min(100, Math.max(0, pct))).toFixed(1)}`;
    }
    lines.push(line);
  }
  return { lines, fromS, toS };
}
