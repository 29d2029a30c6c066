/**
 * The comparison of two reports as the Compare view draws it: compareReports does the statistics; this
 * shapes its overlay into chart rows and its cells into table rows, and names the two sides.
 */
import {
  formatP,
  type CompareCell,
  type Comparison,
  type OverlaySeries,
  type ReportSide,
} from '../../electron/common/compare';
import { MODEL_STYLE } from '../charts/palette';
import { formatMs, formatSpeedup } from '../../electron/common/format';
import { formatWhen, type DateFormat } from './reports';

/** One x position of an overlay chart: report A's and B's speedup at that worker count (absent: not run). */
export interface OverlayRow {
  readonly workers: number;
  readonly a?: number;
  readonly b?: number;
}

export interface OverlayChartData {
  readonly key: string;
  readonly workload: string;
  readonly model: OverlaySeries['model'];
  readonly title: string;
  readonly rows: readonly OverlayRow[];
  readonly domain: [number, number];
  readonly ticks: readonly number[];
  readonly workers: readonly number[];
  /** a spoken summary: both lines, point by point */
  readonly summary: string;
}

export interface OverlayGroup {
  readonly workload: string;
  readonly title: string;
  readonly charts: readonly OverlayChartData[];
}

/** "A: fixture A (22 Nov 2026, 02:33)". */
export function sideName(letter: 'A' | 'B', side: ReportSide, format: DateFormat = {}): string {
  return `${letter}: ${side.label.trim() || 'Untitled experiment'} (${formatWhen(side.createdAt, format)})`;
}

export function overlayRows(series: OverlaySeries): OverlayRow[] {
  const counts = [...new Set([...series.a, ...series.b].map((p) => p.workers))].sort((x, y) => x - y);
  return counts.map((workers) => {
    const a = series.a.find((p) => p.workers === workers)?.speedup;
    const b = series.b.find((p) => p.workers === workers)?.speedup;
    return { workers, ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) };
  });
}

/** The y axis: from 0 to at least the largest worker count (where ideal scaling would reach), whole ticks. */
export function overlayAxis(rows: readonly OverlayRow[]): { domain: [number, number]; ticks: number[] } {
  let top = 1;
  for (const r of rows) top = Math.max(top, r.workers, r.a ?? 0, r.b ?? 0);
  const step = top <= 8 ? 1 : top <= 16 ? 2 : Math.ceil(top / 8);
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { domain: [0, max], ticks };
}

function summaryOf(series: OverlaySeries, rows: readonly OverlayRow[]): string {
  const fmt = (v: number | undefined) => (v === undefined ? 'not run' : formatSpeedup(v));
  const points = rows.map((r) => `${r.workers} workers: A ${fmt(r.a)}, B ${fmt(r.b)}`).join('; ');
  return `Speedup of ${series.workload} with ${MODEL_STYLE[series.model].short}, report A against report B. ${points}.`;
}

/**
 * One chart per workload and parallel model, grouped by workload. The sequential baseline is left out: its
 * speedup is 1 by definition in both reports.
 */
export function overlayGroups(
  cmp: Comparison,
  titles: Readonly<Record<string, string>> = {},
): OverlayGroup[] {
  const groups = new Map<string, OverlayChartData[]>();
  for (const s of cmp.overlay) {
    if (s.model === 'sequential' || (s.a.length === 0 && s.b.length === 0)) continue;
    const rows = overlayRows(s);
    const axis = overlayAxis(rows);
    const chart: OverlayChartData = {
      key: `${s.workload}/${s.model}`,
      workload: s.workload,
      model: s.model,
      title: MODEL_STYLE[s.model].short,
      rows,
      domain: axis.domain,
      ticks: axis.ticks,
      workers: rows.map((r) => r.workers),
      summary: summaryOf(s, rows),
    };
    groups.set(s.workload, [...(groups.get(s.workload) ?? []), chart]);
  }
  return [...groups].map(([workload, charts]) => ({ workload, title: titles[workload] ?? workload, charts }));
}

export interface CellRow {
  readonly key: string;
  readonly workload: string;
  readonly model: string;
  readonly workers: number;
  readonly medianA: string;
  readonly medianB: string;
  /** "A 1.40× faster", "B 1.12× faster", "same", "not computable" */
  readonly ratio: string;
  readonly p: string;
  readonly verdict: CompareCell['verdict'];
  readonly text: string;
  readonly smallSample: boolean;
}

export function cellRows(cmp: Comparison, titles: Readonly<Record<string, string>> = {}): CellRow[] {
  return cmp.cells.map((c) => {
    // compareReports marks a cell whose ratio or test overflows as not computable; its text says why.
    const ratio =
      c.verdict === 'not-computable' || !Number.isFinite(c.ratio)
        ? 'not computable'
        : c.ratio >= 1.005
          ? `A ${formatSpeedup(c.ratio)} faster`
          : c.ratio <= 1 / 1.005
            ? `B ${formatSpeedup(1 / c.ratio)} faster`
            : 'same';
    return {
      key: `${c.workload}/${c.model}/${c.workers}`,
      workload: titles[c.workload] ?? c.workload,
      model: MODEL_STYLE[c.model].short,
      workers: c.workers,
      medianA: formatMs(c.medianA),
      medianB: formatMs(c.medianB),
      ratio,
      p: c.mannWhitney ? formatP(c.mannWhitney.p) : '–',
      verdict: c.verdict,
      text: c.text,
      smallSample: c.smallSample,
    };
  });
}

/** A warning when any verdict rests on fewer runs than a confident test needs. */
export function smallSampleNote(cmp: Comparison, minRuns: number): string | null {
  const small = cmp.cells.filter((c) => c.smallSample).length;
  if (!small) return null;
  return (
    `${small} of ${cmp.cells.length} compared cells have fewer than ${minRuns} runs on a side: ` +
    'their p-values cannot be small even for a real difference, so "no significant difference" there ' +
    'means "not enough runs to tell", not "the same".'
  );
}
