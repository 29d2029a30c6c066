// @vitest-environment happy-dom
/**
 * The Python parts of the UI on a fake LabApi: the machine panel's interpreters (or the one reason there is
 * none), the builder's py-* models disabled with their reason, and "Run the Python" on a demo page; and on
 * the real engine, that leaving a demo page stops its snippet.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoPythonRun, LabApi, LabInfo, PythonInfo, SnippetResult } from '../../electron/common/api';
import { MODELS } from '../../electron/common/config';
import type { DemoId } from '../../electron/common/demos';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import type { ResultEntry } from '../../electron/common/report';
import { Builder } from '../../renderer/components/builder/Builder';
import { PythonRunPanel } from '../../renderer/components/demos/PythonRunPanel';
import { MachinePanel } from '../../renderer/components/results/MachinePanel';
import { PythonLanesSection } from '../../renderer/components/results/PythonLanes';
import { LabContext } from '../../renderer/LabContext';
import { canListChildren, childPids } from '../support/processes';
import { CPYTHON, fakeLabApi, PYTHON_FOUND } from '../support/fake-lab';
import { runsHere } from '../support/skip';

afterEach(cleanup);

const FOUND = PYTHON_FOUND;
const NO_REASON =
  'no Python 3 found: tried THREADLAB_PYTHON, python3 (THREADLAB_PYTHON: /x/py: no such file)';
const NONE: PythonInfo = {
  interpreters: [],
  reason: NO_REASON,
  unavailable: Object.fromEntries(MODELS.filter((m) => m.startsWith('py-')).map((m) => [m, NO_REASON])),
};

function info(python: PythonInfo): LabInfo {
  return {
    version: '1.0.0',
    machine: {
      cpuModel: 'Test CPU',
      physicalCores: 2,
      logicalCores: 2,
      os: { platform: 'linux', release: '6', arch: 'x64' },
      memoryBytes: 2 ** 30,
      node: 'v20',
      electron: null,
    },
    workloads: [],
    models: MODELS,
    transport: 'in-process',
    readOnly: false,
    running: null,
    runningDemo: null,
    python,
  };
}

describe('MachinePanel', () => {
  it('lists each interpreter with its version, implementation, GIL and executable', () => {
    render(<MachinePanel machine={info(FOUND).machine} python={FOUND} />);
    const rows = screen.getAllByTestId('machine-python');
    expect(rows.map((r) => r.textContent)).toEqual(['PythonCPython 3.11.2, GIL enabled: /usr/bin/python3']);
  });

  it('says once, with the reason, that no Python was found', () => {
    render(<MachinePanel machine={info(NONE).machine} python={NONE} />);
    const rows = screen.getAllByTestId('machine-python');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain(NO_REASON);
  });
});

describe('Builder with the py-* models', () => {
  const renderBuilder = (python: PythonInfo) =>
    render(
      // The builder's own-workload picker reads the engine from the context; nothing here calls it.
      <LabContext.Provider value={fakeLab({ ran: false, id: 'race', reason: 'not used' }, [])}>
        <Builder
          info={info(python)}
          disabled={false}
          startError={null}
          sentOrder={[]}
          timings={[]}
          onStart={() => undefined}
        />
      </LabContext.Provider>,
    );

  it('offers the Python models and disables the one with no interpreter, saying why', () => {
    renderBuilder(FOUND);
    const threads = screen.getByTestId<HTMLInputElement>('builder-model-py-threads');
    expect(threads.disabled).toBe(false);
    expect(screen.getByTestId<HTMLInputElement>('builder-model-py-ft-threads').disabled).toBe(true);
    expect(screen.getByTestId('builder-model-py-ft-threads-unavailable').textContent).toContain(
      'no free-threaded Python found',
    );
    expect(screen.queryByTestId('builder-model-py-threads-unavailable')).toBeNull();
  });

  it('without Python, every py-* model is disabled and points at the machine panel instead of repeating', () => {
    renderBuilder(NONE);
    for (const m of ['py-threads', 'py-processes', 'py-asyncio', 'py-ft-threads']) {
      expect(screen.getByTestId<HTMLInputElement>(`builder-model-${m}`).disabled).toBe(true);
      expect(screen.getByTestId(`builder-model-${m}-unavailable`).textContent).toBe(
        ' (unavailable: no Python found (see This machine))',
      );
    }
    expect(screen.getByTestId<HTMLInputElement>('builder-model-threads').disabled).toBe(false);
  });
});

function snippet(over: Partial<SnippetResult>): SnippetResult {
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    timeLimitMs: 30_000,
    wallMs: 120,
    stdout: '',
    stderr: '',
    truncated: false,
    summary: 'finished in 120 ms',
    ...over,
  };
}

function fakeLab(reply: DemoPythonRun, calls: string[]): LabApi {
  return fakeLabApi({
    runDemoPython: (id) => {
      calls.push(id);
      return Promise.resolve(reply);
    },
  });
}

describe('PythonRunPanel', () => {
  const renderPanel = (reply: DemoPythonRun, calls: string[], noPython: string | null = null) =>
    render(
      <LabContext.Provider value={fakeLab(reply, calls)}>
        <PythonRunPanel id={reply.id} readOnly={false} noPython={noPython} />
      </LabContext.Provider>,
    );

  it("runs the demo's Python and shows its output, how it ended and its time limit", async () => {
    const calls: string[] = [];
    const reply: DemoPythonRun = {
      ran: true,
      id: 'race',
      interpreter: CPYTHON,
      endsByTimeout: false,
      result: snippet({ stdout: '187342\n' }),
    };
    renderPanel(reply, calls);
    fireEvent.click(screen.getByTestId('demo-python-run-button'));
    expect((await screen.findByTestId('demo-python-stdout')).textContent).toBe('187342\n');
    expect(calls).toEqual(['race']);
    const summary = screen.getByTestId('demo-python-summary').textContent ?? '';
    expect(summary).toContain('CPython 3.11.2');
    expect(summary).toContain('finished in 120 ms. Time limit 30.0 s.');
    expect(screen.queryByTestId('demo-python-timeout')).toBeNull();
  });

  it('says that the deadlock ended by its timeout', async () => {
    const reply: DemoPythonRun = {
      ran: true,
      id: 'deadlock',
      interpreter: CPYTHON,
      endsByTimeout: true,
      result: snippet({
        timedOut: true,
        exitCode: null,
        signal: 'SIGKILL',
        timeLimitMs: 6_000,
        stdout: 'worker 1 holds A\n',
        summary: 'did not finish: stopped at its 6000 ms time limit',
      }),
    };
    renderPanel(reply, []);
    fireEvent.click(screen.getByTestId('demo-python-run-button'));
    expect((await screen.findByTestId('demo-python-timeout')).textContent).toContain(
      'ended by its 6.00 s timeout',
    );
  });

  it('without Python the button is disabled and the reason shown', () => {
    const calls: string[] = [];
    renderPanel({ ran: false, id: 'race', reason: NO_REASON }, calls, NO_REASON);
    expect(screen.getByTestId<HTMLButtonElement>('demo-python-run-button').disabled).toBe(true);
    expect(screen.getByTestId('demo-python-none').textContent).toContain(NO_REASON);
    expect(calls).toEqual([]);
  });
});

describe('PythonRunPanel on the real engine', () => {
  let service: LabService;
  beforeAll(async () => {
    service = createLabService({ sampleCpu: false });
    // The lab looks for Python in short-lived children after its first getInfo; the test counts children.
    for (const t0 = Date.now(); (await service.getInfo()).python === null;) {
      if (Date.now() - t0 > 60_000) throw new Error('the lab did not finish looking for Python in 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);
  afterAll(() => service.close());

  it.runIf(
    runsHere(canListChildren, 'test/renderer/python-ui (snippet stop)', 'no process table to read here'),
  )(
    'leaving the page (here: switching to another demo) stops the snippet: cancelled, no Python left',
    async () => {
      const before = childPids();
      const runs: Promise<DemoPythonRun>[] = [];
      const lab: LabApi = {
        ...service,
        runDemoPython: (id) => {
          const run = service.runDemoPython(id);
          runs.push(run);
          return run;
        },
      };
      const panel = (id: DemoId) => (
        <LabContext.Provider value={lab}>
          <PythonRunPanel key={id} id={id} readOnly={false} noPython={null} />
        </LabContext.Provider>
      );
      const { rerender } = render(panel('deadlock'));
      fireEvent.click(screen.getByTestId('demo-python-run-button'));
      // The deadlock's Python never ends by itself: it would run to its 6 s limit.
      await expect.poll(() => childPids().length > before.length, { timeout: 20_000 }).toBe(true);
      rerender(panel('race'));
      const left = await runs[0];
      if (!left?.ran) throw new Error(`no Python: ${left?.ran === false ? left.reason : 'no run'}`);
      expect(left.result.cancelled).toBe(true);
      expect(left.result.timedOut).toBe(false);
      expect(childPids()).toEqual(before);
      // The page now shown has nothing running, and a newer page's snippet is not stopped by the old one.
      expect(screen.getByTestId<HTMLButtonElement>('demo-python-run-button').disabled).toBe(false);
    },
    40_000,
  );
});

function pyThreadsCell(workers: number): ResultEntry {
  return {
    workload: 'primes',
    kind: 'cpu',
    model: 'py-threads',
    workers,
    units: 4,
    wallMs: null,
    speedup: null,
    efficiency: null,
    warnings: [],
    checksum: 1,
    checksumOk: true,
    memoryBytes: [],
    gil: null,
    failure: null,
    pythonLanes: {
      wallMs: 40,
      lanes: Array.from({ length: workers }, (_, t) => ({
        thread: t,
        cpuMs: 40 / workers,
        wallMs: 40,
        startMs: 0,
        units: [0, 1, 2, 3]
          .filter((u) => u % workers === t)
          .map((u) => ({ index: u, startMs: u * 10, endMs: u * 10 + 9 })),
      })),
    },
  };
}

describe('PythonLanesSection', () => {
  it('draws a lane per CPython thread with its units and its CPU time against wall time, labelled as such', () => {
    render(<PythonLanesSection results={[pyThreadsCell(1), pyThreadsCell(2)]} />);
    const lanes = screen.getAllByTestId('python-lane');
    expect(lanes).toHaveLength(2);
    expect(
      [...(lanes[1]?.querySelectorAll('rect[data-unit]') ?? [])].map((r) => r.getAttribute('data-unit')),
    ).toEqual(['1', '3']);
    expect(screen.getAllByTestId('python-lane-label')[0]?.textContent).toBe(
      'Thread 1: CPU 20.0 ms of 40.0 ms wall',
    );
    expect(screen.getByTestId('python-lanes-chart').textContent).toContain(
      'CPython thread: units it ran; CPU time from time.thread_time',
    );
  });

  it('draws nothing for a report without Python lanes (older reports)', () => {
    const { container } = render(
      <PythonLanesSection results={[{ ...pyThreadsCell(2), pythonLanes: undefined }]} />,
    );
    expect(container.textContent).toBe('');
  });
});
