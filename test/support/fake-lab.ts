/**
 * What the renderer tests on a fake LabApi share: the API with every method refusing unless a test gives it,
 * and the Python an engine reports when it found CPython 3.11 (and no free-threaded build).
 */
import type { LabApi, LabEvent, LabInfo, PythonInfo, PythonInterpreterInfo } from '../../electron/common/api';
import { LAB_METHODS } from '../../electron/common/api';
import { MODELS } from '../../electron/common/config';
import type { Preferences } from '../../renderer/hooks/usePreferences';
import { workloadCatalog } from '../../workloads/registry';
import { loadSample } from '../fixtures/reports/fixtures';

/** A LabApi whose methods reject ("not used here") except those given; onEvent never fires by default. */
export function fakeLabApi(given: Partial<LabApi>): LabApi {
  const never = () => Promise.reject(new Error('not used here'));
  const methods = Object.fromEntries(LAB_METHODS.map((m) => [m, never]));
  return { ...methods, onEvent: () => () => undefined, ...given } as LabApi;
}

/** A fake LabApi (as fakeLabApi) whose events the test emits by hand, to every onEvent listener in order. */
export function emittingLabApi(given: Partial<LabApi>): { lab: LabApi; emit(event: LabEvent): void } {
  const listeners = new Set<(event: LabEvent) => void>();
  const lab = fakeLabApi({
    ...given,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  });
  return { lab, emit: (event) => [...listeners].forEach((l) => l(event)) };
}

/** A live run's events as a transport carries them (their payloads are not looked at on the way). */
export const progressEvent = (done: number): LabEvent => ({
  type: 'progress',
  runId: 'r',
  progress: { done, total: 10, phase: 'measuring' } as never,
});
export const sampleEvent = (atMs: number): LabEvent => ({
  type: 'cpu-sample',
  runId: 'r',
  sample: { atMs, loadPct: [10, 20] } as never,
});
export const resultEvent = (workers: number): LabEvent => ({
  type: 'result',
  runId: 'r',
  result: { workers } as never,
});
export const failedEvent: LabEvent = {
  type: 'experiment-failed',
  runId: 'r',
  error: { code: 'internal', message: 'x', issues: [] },
};

export const CPYTHON: PythonInterpreterInfo = {
  foundBy: 'python3',
  version: '3.11.2',
  implementation: 'CPython',
  executable: '/usr/bin/python3',
  gilEnabled: true,
  freeThreadedBuild: false,
};

export const PYTHON_FOUND: PythonInfo = {
  interpreters: [CPYTHON],
  reason: null,
  unavailable: { 'py-ft-threads': 'no free-threaded Python found (python3.13t, ...): only python3 3.11.2' },
};

/** Light theme, normal text, live charts off: preferences that draw as little as possible. */
export const QUIET_PREFS: Preferences = {
  theme: 'light',
  largeText: false,
  liveCharts: false,
  toggleTheme: () => undefined,
  toggleLargeText: () => undefined,
  toggleLiveCharts: () => undefined,
};

/** What an idle engine tells the page about itself: the sample report's machine, every shown workload, each model. */
export function fakeLabInfo(python: PythonInfo | null, logicalCores?: number): LabInfo {
  const machine = loadSample().machine;
  return {
    version: '0.0.0',
    machine: logicalCores === undefined ? machine : { ...machine, logicalCores },
    workloads: workloadCatalog().filter((w) => !w.hidden),
    models: MODELS,
    transport: 'fake',
    readOnly: false,
    running: null,
    runningDemo: null,
    python,
  };
}
