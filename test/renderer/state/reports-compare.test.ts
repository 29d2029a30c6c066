/** The compare view's overlay and table, shaped from the two real fixture runs. */
import { describe, expect, it } from 'vitest';
import { COMPARE_MIN_RUNS, compareReports, formatP } from '../../../electron/common/compare';
import type { Report } from '../../../electron/common/report';
import { summarize } from '../../../electron/common/stats';
import {
  cellRows,
  overlayAxis,
  overlayGroups,
  overlayRows,
  sideName,
  smallSampleNote,
} from '../../../renderer/state/reports-compare';
import { loadSample, loadSampleB } from '../../fixtures/reports/fixtures';

const titles = { primes: 'Prime counting', sleep: 'Timer sleep' };
const speedupOf = (r: Report, workload: string, model: string, workers: number) =>
  r.results.find((e) => e.workload === workload && e.model === model && e.workers === workers)?.speedup
    ?.median;

describe('the overlay of two real reports', () => {
  const a = loadSample();
  const b = loadSampleB();
  const cmp = compareReports(a, b);
  const groups = overlayGroups(cmp, titles);

  it('draws one chart per workload and parallel model, leaving out the sequential baseline', () => {
    expect(groups.map((g) => g.title)).toEqual(['Prime counting', 'Timer sleep']);
    for (const g of groups) expect(g.charts.map((c) => c.model)).toEqual(['threads', 'processes', 'gil']);
  });

  it('puts each report’s own speedups at each worker count', () => {
    for (const g of groups)
      for (const c of g.charts) {
        expect(c.rows.map((r) => r.workers)).toEqual([1, 2]);
        for (const row of c.rows) {
          expect(row.a).toBe(speedupOf(a, c.workload, c.model, row.workers));
          expect(row.b).toBe(speedupOf(b, c.workload, c.model, row.workers));
        }
        expect(c.summary).toContain('2 workers: A ');
      }
  });

  it('scales the y axis to the ideal line at the largest worker count', () => {
    const c = groups[0]?.charts[0];
    expect(c?.domain).toEqual([0, 2]);
    expect(c?.ticks).toEqual([0, 1, 2]);
    expect(overlayAxis([{ workers: 2, a: 11.2 }])).toEqual({
      domain: [0, 12],
      ticks: [0, 2, 4, 6, 8, 10, 12],
    });
  });

  it('leaves a gap where only one report measured a worker count', () => {
    const s = cmp.overlay.find((o) => o.model === 'threads' && o.workload === 'primes');
    if (!s) throw new Error('no threads series');
    const rows = overlayRows({ ...s, b: s.b.filter((p) => p.workers === 1) });
    expect(rows[1]).toEqual({ workers: 2, a: s.a[1]?.speedup });
  });

  it('lists every compared cell with both medians, the faster side and the p-value', () => {
    const rows = cellRows(cmp, titles);
    expect(rows).toHaveLength(cmp.cells.length);
    cmp.cells.forEach((cell, i) => {
      const row = rows[i];
      expect(row?.p).toBe(formatP(cell.mannWhitney?.p ?? 1));
      expect(row?.text).toBe(cell.text);
      if (cell.ratio > 1.01) expect(row?.ratio).toMatch(/^A [\d.]+× faster$/);
      if (cell.ratio < 0.99) expect(row?.ratio).toMatch(/^B [\d.]+× faster$/);
    });
    // 5 runs a side: enough for a confident verdict
    expect(smallSampleNote(cmp, COMPARE_MIN_RUNS)).toBeNull();
  });

  it('names both sides by label and date', () => {
    expect(sideName('A', cmp.a, { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      'A: fixture A (22 Nov 2026, 02:33)',
    );
  });
});

describe('small samples', () => {
  it('warns that too few runs cannot show a difference', () => {
    // The same real runs, keeping only the first three times of each cell.
    const trim = (r: Report): Report => ({
      ...r,
      results: r.results.map((e) => (e.wallMs ? { ...e, wallMs: summarize(e.wallMs.raw.slice(0, 3)) } : e)),
    });
    const cmp = compareReports(trim(loadSample()), trim(loadSampleB()));
    const note = smallSampleNote(cmp, COMPARE_MIN_RUNS);
    expect(note).toContain(`${cmp.cells.length} of ${cmp.cells.length} compared cells`);
    expect(note).toContain('not enough runs to tell');
    expect(cellRows(cmp).every((r) => r.smallSample)).toBe(true);
  });
});

describe('a cell that cannot be computed', () => {
  it('shows as not computable with the reason, and the other rows as usual', () => {
    const a = loadSample();
    const b = loadSampleB();
    const cell = (r: Report) =>
      r.results.find((e) => e.workload === 'primes' && e.model === 'gil' && e.workers === 2);
    const ea = cell(a);
    const eb = cell(b);
    if (ea?.wallMs) ea.wallMs = { ...ea.wallMs, median: 1e-300, raw: ea.wallMs.raw.map(() => 1e-300) };
    if (eb?.wallMs) eb.wallMs = { ...eb.wallMs, median: 1e308, raw: eb.wallMs.raw.map(() => 1e308) };
    const rows = cellRows(compareReports(a, b), titles);
    const bad = rows.filter((r) => r.verdict === 'not-computable');
    expect(bad.map((r) => [r.key, r.ratio])).toEqual([['primes/gil/2', 'not computable']]);
    expect(bad[0]?.text).toMatch(/not computable \(the ratio of the medians/);
    expect(rows.filter((r) => r.ratio === 'not computable')).toHaveLength(1);
  });
});
