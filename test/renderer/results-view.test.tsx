// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatBytes } from '../../electron/common/format';
import type { Report } from '../../electron/common/report';
import { ResultsTable } from '../../renderer/components/results/ResultsTable';
import { ResultsView } from '../../renderer/components/results/ResultsView';
import { realRun } from '../support/real-report';

let report: Report;
beforeAll(async () => {
  // happy-dom does no layout, so every measured box is 0x0; without ResizeObserver recharts keeps the
  // charts' initial size and draws them.
  vi.stubGlobal('ResizeObserver', undefined);
  ({ report } = await realRun());
});
afterAll(() => vi.unstubAllGlobals());

const titles = { primes: 'Prime counting', sleep: 'Timer sleep' };

describe('ResultsView rendering a real report', () => {
  // One render serves the read-only checks: recharts in happy-dom takes a second or two per render.
  beforeAll(() => {
    render(<ResultsView report={report} titles={titles} />);
  });
  afterAll(cleanup);

  it('draws the CPU-bound and I/O-bound speedup charts side by side with a plain-words caption', () => {
    const cpu = screen.getByTestId('speedup-chart-cpu');
    const io = screen.getByTestId('speedup-chart-io');
    expect(cpu.dataset.workload).toBe('primes');
    expect(io.dataset.workload).toBe('sleep');
    // 4 models x 2 worker counts, every cell measured.
    expect(Number(cpu.dataset.points)).toBe(8);
    expect(Number(io.dataset.points)).toBe(8);
    expect(within(cpu).getByRole('heading').textContent).toBe('CPU-bound: Prime counting');
    expect(cpu.querySelector('figcaption')?.textContent).toContain(`${report.machine.logicalCores} cores`);
    expect(within(cpu).getByRole('img').getAttribute('aria-label')).toContain('Speedup of primes');
    // recharts drew an SVG with one path per model line at least
    expect(cpu.querySelectorAll('svg .recharts-line').length).toBeGreaterThanOrEqual(4);
  });

  it('charts the cores each model kept busy, from the CPU time the engine measured', () => {
    const chart = screen.getByTestId('cores-busy-chart');
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toMatch(
      /Cores kept busy by primes\. .*Threads \+ emulated GIL \d+\.\d\d at 2 workers/,
    );
    expect(chart.querySelectorAll('svg .recharts-line').length).toBeGreaterThanOrEqual(4);
    // the core count, across and up
    expect(chart.querySelectorAll('svg .recharts-reference-line')).toHaveLength(2);
    expect(
      screen.getByTestId('efficiency-chart').querySelectorAll('svg .recharts-reference-line'),
    ).toHaveLength(2);
  });

  it('lists every cell in the table, with warnings as text', () => {
    expect(screen.getAllByTestId('results-row')).toHaveLength(report.results.length);
    // The memory column: threads' heaps and processes' resident memory, all workers of the cell together.
    const rows = screen.getAllByTestId('results-row');
    for (const model of ['threads', 'processes'] as const) {
      const i = report.results.findIndex((r) => r.model === model && r.workers === 2);
      const cell = report.results[i];
      expect(cell?.memoryBytes.every((b) => b > 0)).toBe(true);
      const total = cell?.memoryBytes.reduce((a, b) => a + b, 0) ?? 0;
      expect(rows[i]?.textContent).toContain(formatBytes(total));
    }
    const warned = report.results.find((r) => r.warnings.length > 0);
    if (warned)
      expect(screen.getByTestId('results-table').textContent).toContain(warned.warnings[0]?.message);
  });

  it('shows the GIL timeline with a lane per thread, the switch interval and per-thread stats', () => {
    const timeline = screen.getByTestId('gil-timeline');
    expect(within(timeline).getAllByTestId('gil-lane')).toHaveLength(2);
    expect(timeline.textContent).toContain(`switch interval ${report.config.switchIntervalMs} ms`);
    expect(timeline.textContent).toContain('Waiting for the GIL');
    const stats = screen.getByTestId('gil-stats');
    expect(within(stats).getAllByRole('row')).toHaveLength(3);
    // Switching to the I/O-bound run redraws the lanes.
    fireEvent.change(screen.getByTestId('gil-run-picker'), { target: { value: 'sleep/2' } });
    expect(screen.getByTestId('gil-timeline').querySelector('h3')?.textContent).toContain('sleep');
  });

  it('shows the machine and the spawn cost of threads against processes', () => {
    expect(screen.getByTestId('machine-panel').textContent).toContain(report.machine.cpuModel);
    // The conditions the engine read at the start, each a value or "unknown", never missing in a new report.
    for (const label of ['CPU clock', 'Governor', 'Power', 'Load average at start', 'Virtual machine'])
      expect(screen.getByTestId('machine-panel').textContent).toContain(label);
    expect(screen.getByTestId('spawn-chart').querySelector('figcaption')?.textContent).toMatch(
      /process took .*× as long/,
    );
  });
});

describe('ResultsView edge cases', () => {
  afterEach(cleanup);

  it('renders text from the report as text, never as markup', () => {
    const hostile = { ...report, config: { ...report.config, label: '<img src=x onerror="alert(1)">' } };
    const { container } = render(<ResultsView report={hostile} titles={titles} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
  });

  it('says so when the report was cancelled', () => {
    render(<ResultsView report={{ ...report, status: 'cancelled' }} titles={titles} />);
    expect(screen.getByTestId('status-banner').textContent).toContain('cancelled');
  });
});

describe('ResultsTable of adaptive runs', () => {
  afterEach(cleanup);

  it('says the adaptive rule and shows the runs each cell took with how tight its median got', () => {
    const adaptive: Report = {
      ...report,
      config: { ...report.config, minRuns: 5, maxRuns: 15, targetCiPct: 5 },
      results: report.results.map((r, i) => ({
        ...r,
        adaptive: { runs: i === 0 ? 15 : 5, medianCiPct: i === 0 ? 7.25 : 1, reached: i !== 0 },
      })),
    };
    render(<ResultsTable results={adaptive.results} config={adaptive.config} />);
    expect(screen.getByTestId('results-summary').textContent).toContain(
      "5 to 15 measured runs (until the median's 95% interval is within ±5%) each",
    );
    const first = screen.getAllByTestId('results-row')[0];
    expect(first?.textContent).toContain('15 ±7.3% (not reached)');
    expect(screen.getAllByTestId('results-row')[1]?.textContent).toContain('5 ±1.0%');
    expect(screen.getByTestId('results-table').querySelector('thead')?.textContent).toContain('Runs');
  });

  it('has no runs column for a fixed number of runs', () => {
    render(<ResultsTable results={report.results} config={report.config} />);
    expect(screen.getByTestId('results-table').querySelector('thead')?.textContent).not.toContain('Runs');
  });
});
