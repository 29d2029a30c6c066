// @vitest-environment happy-dom
/**
 * What the live view redraws while a run streams, counted render by render (each chart renders its
 * ChartFrame once per redraw): a delivery of events from the transport shows at once, with no second wait in
 * the page, and redraws only the charts whose figures it changed. Every redraw skipped is CPU left to the
 * workers being measured; this is what holds on any machine, where the CPU figure itself (npm run bench)
 * would not.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import type * as Recharts from 'recharts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../electron/common/api';
import type { ResultEntry } from '../../electron/common/report';
import type * as ChartFrameModule from '../../renderer/components/common/ChartFrame';
import { LabContext } from '../../renderer/LabContext';
import { LabSection } from '../../renderer/sections/LabSection';
import { loadSample } from '../fixtures/reports/fixtures';
import { emittingLabApi, fakeLabInfo, PYTHON_FOUND, QUIET_PREFS } from '../support/fake-lab';

/** Renders of each chart's frame, by workload (speedup charts) or test id (the CPU chart). */
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('../../renderer/components/common/ChartFrame', async (importOriginal) => {
  const real = await importOriginal<typeof ChartFrameModule>();
  return {
    ChartFrame(props: Parameters<typeof real.ChartFrame>[0]) {
      const key = String(props.extra?.['data-workload'] ?? props.testId);
      renders.set(key, (renders.get(key) ?? 0) + 1);
      return real.ChartFrame(props);
    },
  };
});

/** Markers drawn (recharts' Symbols builds each one's path when it renders). */
const symbols = vi.hoisted(() => ({ drawn: 0 }));
vi.mock('recharts', async (importOriginal) => {
  const real = await importOriginal<typeof Recharts>();
  return {
    ...real,
    Symbols(props: Parameters<typeof real.Symbols>[0]) {
      symbols.drawn++;
      return <real.Symbols {...props} />;
    },
  };
});

beforeAll(() => vi.stubGlobal('ResizeObserver', undefined));
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  renders.clear();
});

const sample = loadSample();
const info = fakeLabInfo(PYTHON_FOUND, 2);
const runId = 'run-1';
const cell = (workload: string, model: string, workers: number): ResultEntry => {
  const r = sample.results.find((x) => x.workload === workload && x.model === model && x.workers === workers);
  if (!r) throw new Error(`no ${workload}/${model}/${workers} in the sample`);
  return r;
};
const result = (r: ResultEntry): LabEvent => ({ type: 'result', runId, result: r });
let t = 0;
const cpuSample = (): LabEvent => ({
  type: 'cpu-sample',
  runId,
  sample: { tMs: (t += 500), loadPct: [90, 40] },
});
const progress = (done: number): LabEvent => ({
  type: 'progress',
  runId,
  progress: { done, total: 70, phase: 'measuring', etaMs: 60_000 } as never,
});

function streaming() {
  const { lab, emit } = emittingLabApi({ listHistory: () => Promise.resolve([]) });
  render(
    <LabContext.Provider value={lab}>
      <LabSection info={info} prefs={{ ...QUIET_PREFS, liveCharts: true }} />
    </LabContext.Provider>,
  );
  /** One transport message: its events handed on one after another in one task, as both transports do. */
  const deliver = (...events: LabEvent[]) => act(() => events.forEach(emit));
  const counts = () => ({
    cpu: renders.get('cpu-chart') ?? 0,
    primes: renders.get('primes') ?? 0,
    sleep: renders.get('sleep') ?? 0,
  });
  return { deliver, counts };
}

describe('the live view while a run streams', () => {
  it('shows a delivery at once, redrawing once for all its events', () => {
    const { deliver, counts } = streaming();
    deliver({ type: 'experiment-started', runId, config: sample.config });
    const before = counts();
    // no timer is advanced: what the transport delivered is drawn now, not a batching interval later
    deliver(progress(3), cpuSample(), cpuSample(), cpuSample(), result(cell('primes', 'sequential', 1)));
    expect(screen.getByTestId('cpu-chart').getAttribute('data-samples')).toBe('3');
    expect(screen.getByTestId('progress').textContent).toContain('3 of 70 runs');
    const after = counts();
    expect(after.cpu - before.cpu).toBe(1);
    expect(after.primes - before.primes).toBe(1);
  });

  it('redraws only the charts whose figures changed', () => {
    const { deliver, counts } = streaming();
    deliver({ type: 'experiment-started', runId, config: sample.config });
    deliver(cpuSample(), result(cell('primes', 'sequential', 1)), result(cell('sleep', 'sequential', 1)));

    // samples and progress only: the CPU chart redraws, no speedup chart does
    let before = counts();
    deliver(progress(5), cpuSample());
    let after = counts();
    expect(after.cpu - before.cpu).toBe(1);
    expect(after.primes - before.primes).toBe(0);
    expect(after.sleep - before.sleep).toBe(0);

    // a result for one workload: its chart redraws, the other workload's and the CPU chart do not
    before = counts();
    deliver(result(cell('primes', 'threads', 2)));
    after = counts();
    expect(after.primes - before.primes).toBe(1);
    expect(after.sleep - before.sleep).toBe(0);
    expect(after.cpu - before.cpu).toBe(0);
    expect(screen.getAllByTestId('speedup-chart-cpu')[0]?.getAttribute('data-points')).not.toBe('0');

    // the same cell measured again (a new median): its chart redraws, but no marker or legend swatch is
    // drawn again, the marker only moves
    const again = cell('primes', 'threads', 2);
    const wallMs = again.wallMs;
    if (!wallMs) throw new Error('the sample cell has no times');
    before = counts();
    const drawn = symbols.drawn;
    // as a partial result comes: no speedup yet, the page works it out from the medians
    deliver(result({ ...again, speedup: null, wallMs: { ...wallMs, median: wallMs.median * 0.9 } }));
    expect(counts().primes - before.primes).toBe(1);
    expect(symbols.drawn).toBe(drawn);

    // progress alone redraws no chart at all
    before = counts();
    deliver(progress(6));
    expect(counts()).toEqual(before);
  });
});
