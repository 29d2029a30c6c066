// @vitest-environment happy-dom
/**
 * "Open your own workload…" in the builder, on the real in-process engine: a Python file opened through the
 * file input is described, chosen with the Python models and run to its result rows; a broken file's error
 * names it beside the control; a file too large is refused before it is read; a builder mounted again (a
 * reload) restores the file the engine holds; a watcher gets the reason and no picker. (The same with a JavaScript file in real Chromium: test/e2e/own-workload.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { LabApi } from '../../electron/common/api';
import { USER_WORKLOAD_LIMITS } from '../../electron/common/user-workload';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { App } from '../../renderer/App';
import { Builder } from '../../renderer/components/builder/Builder';
import { LabContext } from '../../renderer/LabContext';
import { GOOD } from '../support/user-workloads';

let service: LabService;
beforeAll(() => {
  vi.stubGlobal('ResizeObserver', undefined);
  service = createLabService({ sampleCpu: false, quietCheck: false });
});
afterAll(async () => {
  await service.close();
  vi.unstubAllGlobals();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderApp(lab: LabApi = service) {
  render(
    <LabContext.Provider value={lab}>
      <App />
    </LabContext.Provider>,
  );
  await screen.findByTestId('headline-run');
}

function choose(file: File) {
  fireEvent.change(screen.getByTestId('own-workload-input'), { target: { files: [file] } });
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

const checked = (testId: string) => screen.getByTestId<HTMLInputElement>(testId).checked;

describe('Open your own workload', () => {
  it('opens a .py file, describes it, chooses it with the Python models and runs it to its rows', async () => {
    await renderApp();
    choose(new File([readFileSync(GOOD.python, 'utf8')], 'my_kernel.py'));
    const summary = await screen.findByTestId('own-workload-summary', undefined, { timeout: 30_000 });
    expect(summary.dataset.language).toBe('python');
    expect(summary.textContent).toContain('my-kernel from my_kernel.py: Python, CPU-bound, 8 units.');
    expect(within(summary).getByTestId('own-workload-params').textContent).toBe(
      'n 1–10000000, default 20000: numbers per unit',
    );
    // Offered like any workload, chosen alone, on the Python models; Node's models do not fit it.
    expect(checked('builder-workload-my-kernel')).toBe(true);
    expect(checked('builder-workload-primes')).toBe(false);
    expect(checked('builder-model-py-threads')).toBe(true);
    expect(checked('builder-model-threads')).toBe(false);
    expect(screen.getByTestId<HTMLInputElement>('builder-model-threads').disabled).toBe(true);
    expect(screen.getByTestId('builder-model-threads-unavailable').textContent).toContain(
      'my_kernel.py is Python: it runs on py-sequential',
    );

    type('builder-param-my-kernel-n', '2000');
    fireEvent.click(screen.getByTestId('builder-model-py-processes'));
    type('builder-workers', '2');
    type('builder-repeat', '1');
    type('builder-warmup', '0');
    fireEvent.click(screen.getByTestId('builder-start'));
    const results = await screen.findByTestId('results', undefined, { timeout: 60_000 });
    const rows = within(results)
      .getAllByTestId('results-row')
      .map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent));
    expect(rows).toEqual([
      ['my-kernel', 'Python, one thread (CPython baseline)', '1'],
      ['my-kernel', 'Python threading (real GIL)', '2'],
    ]);
    expect(results.querySelectorAll('.row-failed')).toHaveLength(0);
  }, 120_000);

  it('restores the file the engine holds when the builder mounts again (a reload), without asking twice', async () => {
    // The first test left my_kernel.py open in the engine; this is a fresh page on the same engine.
    const list = vi.spyOn(service, 'listWorkloadFiles');
    const open = vi.spyOn(service, 'openWorkloadFile');
    await renderApp();
    const summary = await screen.findByTestId('own-workload-summary');
    expect(summary.textContent).toContain('my-kernel from my_kernel.py: Python, CPU-bound, 8 units.');
    expect(checked('builder-workload-my-kernel')).toBe(true);
    expect(checked('builder-model-py-threads')).toBe(true);
    expect(list).toHaveBeenCalledTimes(1);
    expect(open).not.toHaveBeenCalled();
  });

  it("shows the engine's error beside the control, naming the file, and keeps the builder usable", async () => {
    // An engine that holds no file yet, so nothing is restored beside the error.
    const fresh = createLabService({ sampleCpu: false, quietCheck: false });
    onTestFinished(() => fresh.close());
    await renderApp(fresh);
    choose(new File(['export const meta = { name: "broken", kind: "gpu", units: 2 };'], 'broken.mjs'));
    const error = await screen.findByTestId('own-workload-error', undefined, { timeout: 30_000 });
    expect(error.textContent).toMatch(/^broken\.mjs: /);
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('own-workload-open').getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.queryByTestId('own-workload-summary')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('builder-start').disabled).toBe(false);
  }, 60_000);

  it('refuses a file too large before reading it, and a file of another type, without asking the engine', async () => {
    const open = vi.spyOn(service, 'openWorkloadFile');
    await renderApp();
    choose(new File(['#'.repeat(USER_WORKLOAD_LIMITS.fileBytes + 1)], 'huge.py'));
    expect((await screen.findByTestId('own-workload-error')).textContent).toBe(
      'huge.py: is 1048577 bytes; a workload file may have at most 1048576 (1 MiB)',
    );
    choose(new File(['x'], 'kernel.ts'));
    await waitFor(() =>
      expect(screen.getByTestId('own-workload-error').textContent).toMatch(/^kernel\.ts: .*\.mjs .* or \.py/),
    );
    expect(open).not.toHaveBeenCalled();
  });
});

describe('a watcher', () => {
  it('gets the one-line reason and no file input, and the engine is not asked what it holds', async () => {
    const list = vi.spyOn(service, 'listWorkloadFiles');
    const info = { ...(await service.getInfo()), readOnly: true };
    render(
      <LabContext.Provider value={service}>
        <Builder
          info={info}
          disabled
          startError={null}
          sentOrder={[]}
          timings={[]}
          onStart={() => undefined}
        />
      </LabContext.Provider>,
    );
    expect(screen.getByTestId('own-workload-watcher').textContent).toBe(
      'Only the person at the machine can run their own code.',
    );
    expect(screen.queryByTestId('own-workload-input')).toBeNull();
    expect(screen.queryByTestId('own-workload-open')).toBeNull();
    expect(list).not.toHaveBeenCalled();
  });
});
