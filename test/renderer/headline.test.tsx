// @vitest-environment happy-dom
/**
 * The headline in the Lab section: with Python found it runs real CPython's baseline, threads and processes
 * beside the Node models; without, it runs as before and says Python was not found. Before it runs it shows
 * an estimate from this machine's history (a fake LabApi answers listHistory), not a fixed figure.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntrySummary, PythonInfo } from '../../electron/common/api';
import type { ExperimentConfigInput } from '../../electron/common/config';
import { MODELS } from '../../electron/common/config';
import type { RunTimings } from '../../electron/common/estimate';
import { LabContext } from '../../renderer/LabContext';
import { LabSection } from '../../renderer/sections/LabSection';
import { HEADLINE_MODELS, HEADLINE_PYTHON_MODELS } from '../../renderer/state/headline';
import { fakeLabApi, fakeLabInfo, PYTHON_FOUND, QUIET_PREFS } from '../support/fake-lab';

beforeAll(() => vi.stubGlobal('ResizeObserver', undefined));
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

const FOUND = PYTHON_FOUND;
const NONE: PythonInfo = {
  interpreters: [],
  reason: 'no Python 3 found: tried python3',
  unavailable: Object.fromEntries(MODELS.filter((m) => m.startsWith('py-')).map((m) => [m, 'no Python'])),
};

/** A past run of the quick headline's primes on this lab: 20 ms a unit in Node. */
const TIMINGS: RunTimings = {
  createdAt: '2026-12-01T10:00:00.000Z',
  units: [{ workload: 'primes', family: 'node', params: { units: 16, span: 20_000 }, unitMs: 20 }],
  spawn: [],
};

function fakeLab(history: HistoryEntrySummary[]) {
  const started: ExperimentConfigInput[] = [];
  const api = fakeLabApi({
    checkQuiet: () =>
      Promise.resolve({ otherCores: 0, thresholdCores: 0.2, quiet: true, top: [], windowMs: 1000 }),
    startExperiment: (config) => {
      started.push(config);
      return Promise.resolve({ runId: `r${started.length}` });
    },
    listHistory: () => Promise.resolve(history),
  });
  return { api, started };
}

const info = (python: PythonInfo | null) => fakeLabInfo(python, 2);
const prefs = QUIET_PREFS;

function renderSection(python: PythonInfo | null, history: HistoryEntrySummary[] = []) {
  const lab = fakeLab(history);
  render(
    <LabContext.Provider value={lab.api}>
      <LabSection info={info(python)} prefs={prefs} />
    </LabContext.Provider>,
  );
  return lab;
}

const entry = (timings: RunTimings): HistoryEntrySummary => ({
  id: 'run-1',
  source: 'run',
  importedFrom: null,
  status: 'complete',
  running: false,
  createdAt: timings.createdAt,
  finishedAt: timings.createdAt,
  label: '',
  machine: null,
  workloads: ['primes'],
  models: ['threads'],
  cells: 4,
  failedCells: 0,
  best: [],
  timings,
  error: null,
  modifiedAt: timings.createdAt,
  sizeBytes: 1000,
});

describe('the headline', () => {
  it('with Python found: runs the py-* models beside the Node ones, each family at its own size', async () => {
    const lab = renderSection(FOUND);
    expect(screen.queryByTestId('headline-python-note')).toBeNull();
    fireEvent.click(screen.getByTestId('headline-run'));
    await waitFor(() => expect(lab.started).toHaveLength(1));
    expect(lab.started[0]?.models).toEqual([...HEADLINE_MODELS, ...HEADLINE_PYTHON_MODELS]);
  });

  it('without Python: runs the Node models as before and says Python was not found', async () => {
    const lab = renderSection(NONE);
    expect(screen.getByTestId('headline-python-note').textContent).toMatch(/Python was not found/);
    fireEvent.click(screen.getByTestId('headline-run'));
    await waitFor(() => expect(lab.started).toHaveLength(1));
    expect(lab.started[0]?.models).toEqual([...HEADLINE_MODELS]);
  });

  it('estimates the run before it starts: rough with no history, from the last run with one', async () => {
    renderSection(FOUND);
    expect(screen.getByTestId('headline-estimate').textContent).toMatch(
      /^Estimated: about \d+ s, rough: no run of primes and sleep yet\.$/,
    );
    cleanup();
    renderSection(FOUND, [entry(TIMINGS)]);
    await waitFor(() =>
      expect(screen.getByTestId('headline-estimate').textContent).toMatch(
        /from your last run of primes; rough: no run of sleep yet/,
      ),
    );
    expect(screen.getByTestId('headline-estimate').getAttribute('title')).toMatch(
      /^primes \(Node: units=16, span=20000; Python: units=16, span=\d+\)/,
    );
  });
});
