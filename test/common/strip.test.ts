/**
 * The strip plot's layout (shared by the UI chart and the HTML report) and the HTML report's drawing of it:
 * a cell whose runs fall into two clusters must show dots in both, far apart, each cluster tight.
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../electron/common/export/html';
import { stripChart } from '../../electron/common/export/strip-chart';
import { STRIP_MAX_POINTS, stripJitter, stripRows } from '../../electron/common/strip';
import {
  BIMODAL_CELL,
  bimodalReport,
  hostileReport,
  HOSTILE,
  loadSample,
} from '../fixtures/reports/fixtures';
import { expectTwoClusters } from '../support/clusters';

/** Dots of one row of an SVG strip chart, by their title's `<label>, run k:` prefix. */
function dotsOf(svg: string, label: string): { cx: number; cy: number }[] {
  const re = /<circle class="dot" cx="([\d.-]+)" cy="([\d.-]+)"[^>]*><title>([^<]*)<\/title>/g;
  return [...svg.matchAll(re)]
    .filter((m) => m[3]?.startsWith(`${label}, run `))
    .map((m) => ({ cx: Number(m[1]), cy: Number(m[2]) }));
}

describe('strip plot layout', () => {
  it('draws a sample of a cell with more runs than the cap: every outlier, the rest evenly in run order', () => {
    const report = loadSample();
    const cell = report.results.find((r) => r.workload === 'primes' && r.wallMs);
    if (!cell?.wallMs) throw new Error('the sample report has no measured primes cell');
    // 1,000 runs: a slow first half and a fast second half, with three outliers spread over it.
    const raw = Array.from({ length: 1000 }, (_, i) => (i < 500 ? 20 : 10) + (i % 7) / 10);
    raw[3] = 90;
    raw[501] = 95;
    raw[998] = 99;
    const big = { ...cell, wallMs: { ...cell.wallMs, raw, outliers: [3, 501, 998] } };
    const [row] = stripRows([big], cell.workload);
    expect(row?.runs).toBe(1000);
    expect(row?.points.length).toBeGreaterThanOrEqual(STRIP_MAX_POINTS);
    expect(row?.points.length).toBeLessThanOrEqual(STRIP_MAX_POINTS + 3);
    expect(row?.points.filter((p) => p.outlier).map((p) => p.run)).toEqual([4, 502, 999]);
    // Both halves stay visible, in proportion, and each point is the run it says it is.
    const slow = row?.points.filter((p) => p.wallMs >= 20 && p.wallMs < 90).length ?? 0;
    const fast = row?.points.filter((p) => p.wallMs < 20).length ?? 0;
    expect(Math.abs(slow - fast)).toBeLessThanOrEqual(5);
    for (const p of row?.points ?? []) expect(p.wallMs).toBe(raw[p.run - 1]);
    // The HTML chart says that it drew a sample.
    expect(stripChart(cell.workload, [big])).toContain(`of 1000 runs drawn`);
  });

  it('one row per measured cell, baseline first, every run a point with its outlier mark', () => {
    const report = loadSample();
    const rows = stripRows(report.results, 'primes');
    const cells = report.results.filter((r) => r.workload === 'primes' && r.wallMs);
    expect(rows).toHaveLength(cells.length);
    expect(rows[0]?.model).toBe('sequential');
    for (const row of rows) {
      const cell = cells.find((c) => c.model === row.model && c.workers === row.workers);
      expect(row.points.map((p) => p.wallMs)).toEqual(cell?.wallMs?.raw);
      expect(row.medianMs).toBe(cell?.wallMs?.median);
      expect(row.points.filter((p) => p.outlier).map((p) => p.run - 1)).toEqual(cell?.wallMs?.outliers);
    }
  });

  it('jitter is deterministic, within -1..1, and spreads neighbouring runs apart', () => {
    const j = Array.from({ length: 30 }, (_, i) => stripJitter(i));
    expect(j.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(stripJitter(7)).toBe(j[7]);
    for (let i = 1; i < j.length; i++) expect(Math.abs((j[i] ?? 0) - (j[i - 1] ?? 0))).toBeGreaterThan(0.2);
  });
});

describe('strip plot in the HTML report', () => {
  it('draws a bimodal cell as two tight clusters far apart', () => {
    const report = bimodalReport();
    const svg = stripChart('primes', report.results);
    if (!svg) throw new Error('no strip chart');
    const label = `${BIMODAL_CELL.model} × ${BIMODAL_CELL.workers}`;
    const dots = dotsOf(svg, label);
    expectTwoClusters(
      dots.map((d) => d.cx),
      50,
    );
    // dots of one row stay in that row's band
    expect(Math.max(...dots.map((d) => d.cy)) - Math.min(...dots.map((d) => d.cy))).toBeLessThanOrEqual(14);
    // the median bar sits between them, at the summary's median
    expect(svg).toContain(
      `${label}: median ${report.results.find((r) => r.model === 'threads' && r.workers === 2 && r.workload === 'primes')?.wallMs?.median.toFixed(2)} ms`,
    );
  });

  it('is one figure per workload in the HTML report, with a caption, and escapes hostile names', () => {
    const html = toHtml(loadSample());
    expect(html.match(/<svg class="chart strip"/g)).toHaveLength(2);
    expect(html).toContain('Each dot is one measured run');
    const hostile = toHtml(hostileReport());
    expect(hostile.match(/<svg class="chart strip"/g)).toHaveLength(2);
    expect(hostile).not.toContain(HOSTILE.workload);
    expect(hostile).not.toMatch(/<script/i);
  });

  it('draws nothing for a workload without a measured run', () => {
    expect(stripChart('nothing-here', loadSample().results)).toBeNull();
  });
});
