// @vitest-environment happy-dom
/**
 * The Reports section on the real in-process engine with a temporary history: a hostile file's error names
 * the field and nothing in it becomes markup, imports are listed as imported, two reports compare to a
 * verdict, an open report exports through a Blob download, delete asks first, a finished run appears, and
 * the File menu's commands reach the section from any tab.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { App } from '../../renderer/App';
import { LabContext } from '../../renderer/LabContext';
import { HOSTILE, hostileReport, loadSample, SAMPLE_B_FILE, SAMPLE_FILE } from '../fixtures/reports/fixtures';

let dir: string;
let service: LabService;
const menuListeners = new Set<(command: string) => void>();
/** A click in the shell's File or View menu. */
const menu = (command: string) => {
  for (const listener of menuListeners) listener(command);
};

beforeAll(() => {
  vi.stubGlobal('ResizeObserver', undefined);
  dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-reports-ui-'));
  service = createLabService({ historyDir: dir, sampleCpu: false });
  // The desktop shell's menu, as the preload offers it on window.lab.
  vi.stubGlobal('lab', {
    onMenuCommand: (listener: (command: string) => void) => {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
  vi.unstubAllGlobals();
});
afterEach(cleanup);

async function openReports() {
  render(
    <LabContext.Provider value={service}>
      <App />
    </LabContext.Provider>,
  );
  fireEvent.click(await screen.findByTestId('tab-reports'));
  await screen.findByTestId('reports');
  await waitFor(() => expect(screen.queryByText('Reading the history…')).toBeNull());
}

function chooseFiles(files: File[]) {
  fireEvent.change(screen.getByTestId('import-input'), { target: { files } });
}

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

async function clearHistory() {
  for (const e of await service.listHistory()) await service.deleteReport(e.id);
}

describe('Reports section', () => {
  afterEach(clearHistory);

  it('names the bad field of a hostile file and renders nothing from it as markup', async () => {
    await openReports();
    const bad = structuredClone(loadSample()) as unknown as {
      config: { label: string };
      results: { wallMs: { median: number } }[];
    };
    bad.config.label = '<script>window.__pwned=1</script>';
    const first = bad.results[0];
    if (first) first.wallMs.median = -1;
    const name = '<img src=x onerror="window.__pwned=1">.json';
    chooseFiles([file(name, JSON.stringify(bad))]);
    const alert = await screen.findByTestId('import-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(within(alert).getByTestId('import-issue').textContent).toBe(
      'results[0].wallMs.median: must not be negative',
    );
    expect(alert.textContent).toContain(`${name} could not be imported.`);
    expect(document.querySelector('#root script, [data-testid="reports"] script')).toBeNull();
    expect(document.querySelector('[data-testid="reports"] img')).toBeNull();
    expect(await service.listHistory()).toEqual([]);
    expect(screen.getByTestId('history-empty')).toBeTruthy();
  });

  it('lists a valid report with hostile text as imported, its label as plain text', async () => {
    await openReports();
    chooseFiles([file('hostile.json', JSON.stringify(hostileReport()))]);
    const item = await screen.findByTestId('history-item');
    expect(item.dataset.source).toBe('imported');
    expect(within(item).getByRole('heading').textContent).toBe(HOSTILE.label);
    expect(within(item).getByTestId('history-origin').textContent).toBe('Imported from hostile.json');
    expect(item.textContent).toContain(HOSTILE.cpu);
    const reports = screen.getByTestId('reports');
    expect(reports.querySelector('script, img, svg[onload]')).toBeNull();
  });

  it('imports two files at once and compares them to verdicts with p-values', async () => {
    await openReports();
    chooseFiles([
      file('sample.json', readFileSync(SAMPLE_FILE, 'utf8')),
      file('b.json', readFileSync(SAMPLE_B_FILE, 'utf8')),
    ]);
    await waitFor(() => expect(screen.getAllByTestId('history-item')).toHaveLength(2));
    expect(screen.getAllByTestId('import-ok')).toHaveLength(2);
    const picks = screen.getAllByTestId('history-pick');
    for (const p of picks) fireEvent.click(p);
    fireEvent.click(screen.getByTestId('compare-start'));
    const overall = await screen.findByTestId('compare-overall', undefined, { timeout: 10_000 });
    expect(overall.textContent).toMatch(/cells/);
    const verdicts = screen.getAllByTestId('compare-verdict').map((v) => v.textContent ?? '');
    expect(verdicts).toHaveLength(4); // sequential, threads, processes, gil
    // the fixtures differ significantly in one cell (primes / threads × 2, p = 0.012): named with its p-value
    expect(screen.getByTestId('compare-significant').textContent).toMatch(
      /primes \/ threads × 2 on [AB] are [\d.]+x faster than on [AB] \(p = 0\.012\)/,
    );
    expect(screen.getAllByTestId('compare-row').some((r) => /p [<=] /.test(r.textContent ?? ''))).toBe(true);
    expect(screen.getAllByTestId('overlay-chart')).toHaveLength(6);
    expect(document.activeElement?.id).toBe('reports-heading');
  });

  it('opens a report with the results view and exports it as a Blob download', async () => {
    await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
    await openReports();
    fireEvent.click(await screen.findByTestId('history-open'));
    const results = await screen.findByTestId('results', undefined, { timeout: 10_000 });
    expect(within(results).getByTestId('speedup-chart-cpu')).toBeTruthy();
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    try {
      // Keyboard: the menu opens on the button, arrows move, Escape closes and returns focus.
      const button = screen.getByTestId('export-button');
      fireEvent.click(button);
      const menuList = screen.getByRole('menu', { hidden: true });
      expect(menuList.hidden).toBe(false);
      expect(button.getAttribute('aria-expanded')).toBe('true');
      expect(document.activeElement).toBe(screen.getByTestId('export-html'));
      fireEvent.keyDown(menuList, { key: 'ArrowDown' });
      expect(document.activeElement).toBe(screen.getByTestId('export-pdf'));
      fireEvent.keyDown(menuList, { key: 'ArrowUp' });
      fireEvent.keyDown(menuList, { key: 'ArrowUp' });
      expect(document.activeElement).toBe(screen.getByTestId('export-trace'));
      fireEvent.keyDown(menuList, { key: 'Escape' });
      expect(menuList.hidden).toBe(true);
      expect(document.activeElement).toBe(button);
      fireEvent.click(button);
      await act(async () => {
        fireEvent.click(screen.getByTestId('export-csv'));
      });
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(clicked[0]).toMatch(/^threadlab-fixture-a-2026-11-22\.csv$/);
      expect((await blobs[0]?.text())?.split('\n')[0]).toMatch(/^workload,kind,model,workers/);
      expect(screen.getByTestId('export-status').textContent).toBe(`Saved ${clicked[0]}`);
      // No browser engine in this lab: PDF fails with the engine's reason in an alert.
      fireEvent.click(screen.getByTestId('export-button'));
      await act(async () => {
        fireEvent.click(screen.getByTestId('export-pdf'));
      });
      // The engine looks for a browser first, which takes more than findByText's default 1 s on a busy machine.
      const alert = await screen.findByText(/The PDF document export failed/, {}, { timeout: 15_000 });
      expect(alert.closest('[role="alert"]')?.textContent).toContain('needs a browser engine');
    } finally {
      create.mockRestore();
      click.mockRestore();
    }
  });

  it('deletes only after the confirmation dialog says so', async () => {
    await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
    await openReports();
    fireEvent.click(await screen.findByTestId('history-delete'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('confirm-cancel'));
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(await service.listHistory()).toHaveLength(1);
    fireEvent.click(screen.getByTestId('history-delete'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('confirm-ok'));
    });
    await screen.findByTestId('history-empty');
    expect(await service.listHistory()).toEqual([]);
  });

  it('lists a run as soon as it finishes, with its figures', async () => {
    await openReports();
    await act(async () => {
      await service.startExperiment({
        label: 'finished while watching',
        workloads: [{ name: 'primes', params: { units: 4, span: 2000 } }],
        models: ['threads'],
        workers: [1, 2],
        repeat: 1,
        warmup: 0,
      });
    });
    await waitFor(
      () => {
        const item = screen.getByTestId('history-item');
        expect(item.dataset.status).toBe('complete');
        expect(within(item).getByTestId('history-best').textContent).toMatch(/^Threads [\d.]+× \(/);
      },
      { timeout: 20_000 },
    );
  });

  it('opens the file picker from the File menu, even from another tab', async () => {
    const picker = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      render(
        <LabContext.Provider value={service}>
          <App />
        </LabContext.Provider>,
      );
      await screen.findByTestId('headline-run');
      act(() => menu('import-report'));
      await screen.findByTestId('reports');
      expect(screen.getByTestId('tab-reports').getAttribute('aria-selected')).toBe('true');
      expect(picker).toHaveBeenCalledTimes(1);
      expect(document.activeElement).toBe(screen.getByTestId('import-button'));
      act(() => menu('export-report'));
      expect(screen.getByTestId('reports-notice').textContent).toContain('Open a report first');
    } finally {
      picker.mockRestore();
    }
  });
});
