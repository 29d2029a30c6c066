// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ResultEntry } from '../../electron/common/report';
import type { SpeedupPoint } from '../../renderer/charts/shape';
import {
  LiveSpeedupChart,
  LiveSpeedupGrid,
  type LiveSpeedupProps,
} from '../../renderer/components/live/LiveSpeedupChart';
import { realRun } from '../support/real-report';

let report: Report;
beforeAll(async () => {
  ({ report } = await realRun());
});
afterEach(cleanup);

const workloads = [
  { name: 'primes', kind: 'cpu' as const },
  { name: 'sleep', kind: 'io' as const },
];
const titles = { primes: 'Prime counting', sleep: 'Timer sleep' };

/** What the page holds mid-run: cells measured before the baseline carry no speedup of their own yet. */
function midRun(): ResultEntry[] {
  return report.results.map((r) => ({ ...r, speedup: null }));
}

describe('LiveSpeedupGrid', () => {
  it('charts each workload from the medians so far, with the finished chart’s labels and a live caption', () => {
    const cores = report.machine.logicalCores;
    render(<LiveSpeedupGrid results={midRun()} workloads={workloads} cores={cores} titles={titles} />);
    const cpu = screen.getByTestId('speedup-chart-cpu');
    expect(cpu.dataset.workload).toBe('primes');
    // 4 parallel models x 2 worker counts, each a ratio of medians now that the baseline is in
    expect(Number(cpu.dataset.points)).toBe(8);
    expect(within(cpu).getByRole('heading').textContent).toBe('CPU-bound: Prime counting');
    expect(cpu.querySelector('figcaption')?.textContent).toContain('Live: medians so far');
    expect(within(cpu).getByRole('img').getAttribute('aria-label')).toContain('Speedup of primes');
    // one line per model, the ideal line, the core count labelled
    expect(cpu.querySelectorAll('svg polyline').length).toBe(4);
    expect(cpu.querySelector('.live-cores-label')?.textContent).toBe(
      `${cores} ${cores === 1 ? 'core' : 'cores'}`,
    );
    expect([...cpu.querySelectorAll('svg text')].map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['0×', '1×', 'workers']),
    );
    expect(screen.getByTestId('speedup-chart-io').dataset.workload).toBe('sleep');
  });

  it('shows no point before the baseline is measured, and says the results are coming', () => {
    const noBaseline = midRun().filter((r) => r.model !== 'sequential');
    render(<LiveSpeedupGrid results={noBaseline} workloads={workloads} cores={2} titles={titles} />);
    expect(Number(screen.getByTestId('speedup-chart-cpu').dataset.points)).toBe(0);
    cleanup();
    render(<LiveSpeedupGrid results={[]} workloads={[]} cores={2} titles={titles} />);
    expect(screen.getByText(/first results will appear here/)).toBeTruthy();
  });

  it('moves a marker on a redraw rather than drawing it again', () => {
    // a live point: the median so far, no interval yet
    const point = (workers: number, speedup: number): SpeedupPoint => ({
      workers,
      speedup,
      ciLow: speedup,
      ciHigh: speedup,
      band: [speedup, speedup],
      error: [0, 0],
    });
    const chart = (speedup: number): LiveSpeedupProps => ({
      workload: 'primes',
      kind: 'cpu',
      title: 'Prime counting',
      cores: 2,
      series: [
        {
          model: 'threads',
          points: [point(1, 1), point(2, speedup)],
          failed: [],
        },
      ],
      xTicks: [1, 2],
      maxWorkers: 2,
      yTop: 2,
      yTicks: [0, 1, 2],
    });
    const { rerender } = render(<LiveSpeedupChart {...chart(1.5)} />);
    const markers = () => [...document.querySelectorAll('g[data-model="threads"] path.recharts-symbols')];
    const [first, second] = markers();
    const before = { d: second?.getAttribute('d'), at: second?.parentElement?.getAttribute('transform') };
    rerender(<LiveSpeedupChart {...chart(1.9)} />);
    const after = markers();
    // the same elements, the same shapes: only the moved point's group says where it is now
    expect(after[0]).toBe(first);
    expect(after[1]).toBe(second);
    expect(second?.getAttribute('d')).toBe(before.d);
    expect(second?.parentElement?.getAttribute('transform')).not.toBe(before.at);
    expect(first?.parentElement?.getAttribute('transform')).toMatch(/^translate\(/);
  });
});
