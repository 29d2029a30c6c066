// @vitest-environment happy-dom
/**
 * The whole renderer against the real engine through the in-process LabApi: the engine's validation errors
 * land next to the field they name, a tiny experiment runs to its results, and Cancel stops a long one.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { App } from '../../renderer/App';
import { LabContext } from '../../renderer/LabContext';

let service: LabService;
beforeAll(() => {
  vi.stubGlobal('ResizeObserver', undefined);
  // Runs start without the quiet check: other suites keep this machine busy; the banner has its own test.
  service = createLabService({ sampleCpu: false, quietCheck: false });
});
afterAll(async () => {
  await service.close();
  vi.unstubAllGlobals();
});
afterEach(cleanup);

async function renderApp() {
  render(
    <LabContext.Provider value={service}>
      <App />
    </LabContext.Provider>,
  );
  await screen.findByTestId('headline-run');
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

/** A tiny experiment typed into the builder: primes only, 4 small units, 1 and 2 threads, one run. */
function enterTinyExperiment(repeat: string) {
  type('builder-param-primes-units', '4');
  type('builder-param-primes-span', '2000');
  type('builder-workers', '1, 2');
  type('builder-repeat', repeat);
  type('builder-warmup', '0');
}

describe('App on the in-process engine', () => {
  it('shows the machine and the one-click headline', async () => {
    await renderApp();
    const info = await service.getInfo();
    expect(screen.getByTestId('machine-chip').textContent).toContain(`${info.machine.logicalCores} cores`);
    expect(screen.getByTestId('headline-run').tagName).toBe('BUTTON');
  });

  it('puts the engine’s error next to the worker counts field and in the alert', async () => {
    await renderApp();
    type('builder-workers', '0, 2');
    fireEvent.click(screen.getByTestId('builder-start'));
    const alert = await screen.findByRole('alert');
    expect(alert.dataset.testid).toBe('error-alert');
    expect(alert.textContent).toContain('Worker counts (workers[0])');
    expect(alert.textContent).toContain('must be at least 1');
    const fieldError = screen.getByTestId('builder-workers-error');
    expect(fieldError.textContent).toContain('workers[0]');
    const input = screen.getByTestId('builder-workers');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(fieldError.id);
    expect(service.busy).toBe(false);
  });

  it('maps a workload parameter error back to that workload’s input', async () => {
    await renderApp();
    type('builder-param-primes-span', '5');
    fireEvent.click(screen.getByTestId('builder-start'));
    await screen.findByRole('alert');
    expect(screen.getByTestId('builder-param-primes-span-error').textContent).toContain(
      'must be at least 1000',
    );
  });

  it('catches text that is not a number before sending anything', async () => {
    await renderApp();
    type('builder-workers', '1, two');
    fireEvent.click(screen.getByTestId('builder-start'));
    expect(screen.getByRole('alert').textContent).toContain("'two' is not a number");
    expect(service.busy).toBe(false);
  });

  it('puts the engine’s adaptive-runs error next to Max runs', async () => {
    await renderApp();
    fireEvent.click(screen.getByTestId('builder-policy-adaptive'));
    expect(screen.getByTestId('builder-policy-meaning').textContent).toContain('95% interval of its median');
    expect(screen.queryByTestId('builder-repeat')).toBeNull();
    type('builder-min-runs', '6');
    type('builder-max-runs', '4');
    fireEvent.click(screen.getByTestId('builder-start'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Max runs (maxRuns)');
    expect(screen.getByTestId('builder-max-runs-error').textContent).toContain(
      'must be at least minRuns (6)',
    );
    expect(screen.getByTestId('builder-max-runs').getAttribute('aria-invalid')).toBe('true');
    expect(service.busy).toBe(false);
  });

  it('runs a tiny adaptive experiment, shows the runs per cell, and re-opens its settings in the builder', async () => {
    await renderApp();
    enterTinyExperiment('1');
    fireEvent.click(screen.getByTestId('builder-policy-adaptive'));
    type('builder-min-runs', '3');
    type('builder-max-runs', '6');
    type('builder-target-ci', '50');
    // calibration counts each cell's loops on its warm-up run: a job of about a ms repeats to last 50 ms
    type('builder-min-time', '50');
    type('builder-warmup', '1');
    fireEvent.click(screen.getByTestId('builder-start'));
    const results = await screen.findByTestId('results', undefined, { timeout: 30_000 });
    expect(within(results).getByTestId('results-summary').textContent).toContain(
      "3 to 6 measured runs (until the median's 95% interval is within ±50%), each repeating a shorter job until it lasts at least 50 ms",
    );
    // no verdict before the sixth run (the median's 95% interval needs six), and a ±50% target met there.
    // A run repeats its job of a few ms; a cell whose warm-up run alone took 50 ms (a busy machine) needs
    // no loops, so the jobs are asserted of the cells together, not of each.
    const runs = within(results)
      .getAllByTestId('results-row')
      .map((row) => /\b6(?: × (\d+) jobs)? ±\d+\.\d%/.exec(row.textContent ?? ''));
    expect(runs.every((m) => m !== null)).toBe(true);
    expect(runs.some((m) => Number(m?.[1]) >= 2)).toBe(true);
    // The form is changed before re-opening, so the re-opened values can only come from the report.
    type('builder-target-ci', '7');
    fireEvent.click(within(results).getByTestId('edit-in-builder'));
    await waitFor(() =>
      expect((screen.getByTestId('builder-target-ci') as HTMLInputElement).value).toBe('50'),
    );
    expect((screen.getByTestId('builder-policy-adaptive') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('builder-min-runs') as HTMLInputElement).value).toBe('3');
    expect((screen.getByTestId('builder-max-runs') as HTMLInputElement).value).toBe('6');
    expect((screen.getByTestId('builder-min-time') as HTMLInputElement).value).toBe('50');
    expect((screen.getByTestId('builder-workers') as HTMLInputElement).value).toBe('1, 2');
    expect(screen.getByTestId('builder').closest('details')?.open).toBe(true);
  });

  it('runs a tiny experiment to its results', async () => {
    await renderApp();
    enterTinyExperiment('1');
    fireEvent.click(screen.getByTestId('builder-start'));
    const results = await screen.findByTestId('results', undefined, { timeout: 30_000 });
    const chart = within(results).getByTestId('speedup-chart-cpu');
    // threads, processes and GIL-bound threads at 1 and 2 workers
    expect(Number(chart.dataset.points)).toBe(6);
    expect(screen.queryByTestId('status-banner')).toBeNull();
  });

  it('cancels a long experiment and keeps what was measured', async () => {
    await renderApp();
    enterTinyExperiment('500');
    fireEvent.click(screen.getByTestId('builder-start'));
    const cancel = await screen.findByTestId('cancel', undefined, { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('progress').textContent).toMatch(/\d+ of \d+ runs/), {
      timeout: 10_000,
    });
    await act(async () => {
      fireEvent.click(cancel);
    });
    const banner = await screen.findByTestId('status-banner', undefined, { timeout: 15_000 });
    expect(banner.textContent).toContain('cancelled');
    expect(service.busy).toBe(false);
  });
});
