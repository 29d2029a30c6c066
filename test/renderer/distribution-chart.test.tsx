// @vitest-environment happy-dom
/**
 * The UI's strip plot drawn by recharts: every run a dot in its cell's row, so a bimodal cell shows two
 * clusters far apart; one median bar per cell; nothing for a workload without runs.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stripRows } from '../../electron/common/strip';
import { DistributionChart } from '../../renderer/components/results/DistributionChart';
import { BIMODAL_CELL, bimodalReport } from '../fixtures/reports/fixtures';
import { expectTwoClusters } from '../support/clusters';

beforeAll(() => vi.stubGlobal('ResizeObserver', undefined));
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

describe('DistributionChart', () => {
  it('draws a bimodal cell as dots in two clusters, far apart, each tight', () => {
    const report = bimodalReport();
    render(<DistributionChart results={report.results} workload="primes" />);
    const chart = screen.getByTestId('distribution-chart');
    const rows = stripRows(report.results, 'primes');
    const runs = rows.reduce((n, r) => n + r.points.length, 0);
    expect(chart.querySelectorAll('circle.strip-dot')).toHaveLength(runs);
    expect(chart.querySelectorAll('line.strip-median')).toHaveLength(rows.length);
    expect(chart.querySelector('figcaption')?.textContent).toContain('Each dot is one measured run');

    const label = `${BIMODAL_CELL.model} × ${BIMODAL_CELL.workers}`;
    const dots = [...chart.querySelectorAll<SVGCircleElement>(`circle.strip-dot[data-cell="${label}"]`)];
    expectTwoClusters(
      dots.map((d) => Number(d.getAttribute('cx'))),
      40,
    );
    // every dot of the row within its own row's band, apart from the other rows' dots
    const cy = dots.map((d) => Number(d.getAttribute('cy')));
    const others = [...chart.querySelectorAll<SVGCircleElement>('circle.strip-dot')]
      .filter((d) => d.dataset.cell !== label)
      .map((d) => Number(d.getAttribute('cy')));
    const inBand = (y: number) => y >= Math.min(...cy) && y <= Math.max(...cy);
    expect(others.some(inBand)).toBe(false);
  });

  it('draws nothing for a workload that has no measured run', () => {
    render(<DistributionChart results={bimodalReport().results} workload="nothing-here" />);
    expect(screen.queryByTestId('distribution-chart')).toBeNull();
  });
});
