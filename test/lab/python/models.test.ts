/**
 * The py-* models as models of the runner, on a real interpreter: the behaviour suite the Node models pass
 * (same answer as sequential code, nothing left running), the fault rules (each fault fails only its cell,
 * with its reason), the free-threaded model where no such build exists, and the no-Python path.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { familyOf, PYTHON_MODELS, type Model } from '../../../electron/common/config';
import { ReportSchema, type Report } from '../../../electron/common/report';
import { defaultEntriesDir } from '../../../electron/lab/runtime/entries';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { getWorkload, WORKLOADS } from '../../../workloads/registry';
import { combineChecksums } from '../../../workloads/types';
import { fakeExecutors } from '../../support/fake-executor';
import { SMALL } from '../../support/lab';
import { childPids, cmdline, isAlive } from '../../support/processes';
import { eventually, PYTHON } from './python-helpers';
import { skipBecause } from '../../support/skip';

const visible = WORKLOADS.filter((w) => !w.hidden).map((w) => w.name);
const GIL_MODELS: Model[] = ['py-sequential', 'py-threads', 'py-processes', 'py-asyncio'];
const FAULT = { throw: 1, exit: 2, hang: 3 } as const;

const pythonOptions = { sampleCpu: false, python: { explicitPath: PYTHON.executable } };

function cell(report: Report, workload: string, model: Model) {
  const r = report.results.find((x) => x.workload === workload && x.model === model);
  if (!r) throw new Error(`no result for ${workload}/${model}`);
  return r;
}

const FAULT_MODELS = ['py-threads', 'py-processes', 'py-asyncio'] as const;

async function withFault(
  mode: number,
  extra: object = {},
  signal?: AbortSignal,
  models: readonly Model[] = FAULT_MODELS,
): Promise<Report> {
  return runExperiment(
    {
      workloads: [
        { name: 'fault', params: { units: 4, at: 1, mode } },
        { name: 'primes', params: SMALL.primes },
      ],
      models: [...models],
      workers: [2],
      repeat: 2,
      warmup: 0,
      ...extra,
    },
    { ...pythonOptions, signal },
  );
}

function expectOnlyFaultFailed(
  report: Report,
  reason: string,
  message: RegExp,
  models: readonly Model[] = FAULT_MODELS,
): void {
  for (const model of models) {
    const f = cell(report, 'fault', model).failure;
    expect(f?.reason, model).toBe(reason);
    expect(f?.message, model).toMatch(message);
    expect(cell(report, 'primes', model).failure, model).toBeNull();
    expect(cell(report, 'primes', model).wallMs?.raw, model).toHaveLength(2);
  }
}

describe('the py-* models on a real interpreter', () => {
  for (const batch of [visible.slice(0, 5), visible.slice(5)])
    it(`${batch.join(', ')} on ${GIL_MODELS.join(', ')} compute the Node answer`, async () => {
      const report = await runExperiment(
        {
          // Both families at one size, so the Python cells can be compared with the Node cells directly.
          workloads: batch.map((name) => ({ name, params: SMALL[name], pythonParams: SMALL[name] })),
          models: ['sequential', ...GIL_MODELS],
          workers: [3],
          repeat: 1,
          warmup: 0,
        },
        pythonOptions,
      );
      expect(() => ReportSchema.parse(report)).not.toThrow();
      expect(report.status).toBe('complete');
      for (const r of report.results) {
        const where = `${r.workload}/${r.model}/${r.workers}`;
        expect(r.failure, where).toBeNull();
        expect(r.checksumOk, where).toBe(true);
        expect(r.wallMs?.raw, where).toHaveLength(1);
        // Every model says what memory it used: each worker process's, or the one interpreter's resident set.
        expect(r.memoryBytes.length, where).toBeGreaterThan(0);
        for (const bytes of r.memoryBytes) expect(bytes, where).toBeGreaterThan(1024 * 1024);
      }
      for (const name of batch) {
        // The same units, the same answer: the Python kernels are checked against the TypeScript ones.
        expect(cell(report, name, 'py-sequential').checksum, name).toBe(
          cell(report, name, 'sequential').checksum,
        );
        expect(cell(report, name, 'py-threads').speedup, name).not.toBeNull();
        // Each of the 3 CPython threads with the units dealt to it, and its CPU time from time.thread_time.
        const lanes = cell(report, name, 'py-threads').pythonLanes?.lanes ?? [];
        expect(
          lanes.map((l) => l.thread),
          name,
        ).toEqual([0, 1, 2]);
        const units = lanes.flatMap((l) => l.units.map((u) => u.index)).sort((a, b) => a - b);
        expect(units, name).toEqual(
          Array.from({ length: cell(report, name, 'py-threads').units }, (_, i) => i),
        );
        for (const l of lanes)
          expect(
            l.units.every((u) => u.endMs >= u.startMs),
            name,
          ).toBe(true);
        expect(cell(report, name, 'py-processes').pythonLanes, name).toBeUndefined();
      }
      const [interpreter] = report.python?.interpreters ?? [];
      expect(interpreter?.implementation).toBe('CPython');
      expect(interpreter?.models.sort()).toEqual([...GIL_MODELS].sort());
      expect(interpreter?.gilEnabled).toBe(true);
      expect(report.spawn.map((s) => s.model)).toEqual(expect.arrayContaining(GIL_MODELS));
      expect(childPids(process.pid)).toEqual([]);
    });

  it('each family runs its own size, checked against the TypeScript kernel at that size', async () => {
    const report = await runExperiment(
      {
        workloads: [
          { name: 'primes', params: { units: 4, span: 40_000 } },
          { name: 'matmul', params: { units: 4, n: 64 }, pythonParams: { n: 20 } },
          { name: 'sleep', params: SMALL.sleep },
        ],
        models: ['threads', 'py-threads'],
        workers: [2],
        repeat: 1,
        warmup: 0,
      },
      pythonOptions,
    );
    expect(report.status).toBe('complete');
    const slowdown = getWorkload('primes').size?.pythonSlowdown ?? 1;
    const sizes = Object.fromEntries(report.config.workloads.map((w) => [w.name, w.pythonParams]));
    expect(sizes).toEqual({
      primes: { units: 4, span: Math.round(40_000 / slowdown) },
      matmul: { units: 4, n: 20 },
      sleep: SMALL.sleep,
    });
    for (const w of report.config.workloads) {
      const def = getWorkload(w.name);
      for (const [family, params] of [
        ['node', w.params],
        ['python', w.pythonParams ?? {}],
      ] as const) {
        // The TypeScript kernel's answer at the parameters this family ran, computed here.
        const ctx = {
          check: () => undefined,
          native: <T>(fn: () => T) => fn(),
          io: <T>(fn: () => Promise<T>) => fn(),
          env: {},
        };
        const units = Array.from({ length: def.unitCount(params) }, (_, i) => i);
        const expected = combineChecksums(
          await Promise.all(units.map(async (i) => def.runUnit(params, i, ctx))),
        );
        for (const r of report.results.filter((x) => x.workload === w.name && familyOf(x.model) === family)) {
          const where = `${r.workload}/${r.model}/${r.workers}`;
          expect(r.failure, where).toBeNull();
          expect(r.checksum, where).toBe(expected);
          expect(r.checksumOk, where).toBe(true);
        }
      }
    }
    // Speedups stay within each family: Python's against py-sequential at Python's size.
    expect(cell(report, 'primes', 'py-threads').speedup).not.toBeNull();
    expect(cell(report, 'primes', 'py-sequential').units).toBe(4);
    expect(childPids(process.pid)).toEqual([]);
  });

  it("computes the TypeScript answer at Python's size on a worker of its own, not the baseline's", async () => {
    // Fake Node workers record which executor served each run; the reference is the run with id 0.
    const fake = fakeExecutors();
    await runExperiment(
      {
        workloads: [
          { name: 'primes', params: { units: 2, span: 20_000 }, pythonParams: { units: 2, span: 1000 } },
        ],
        models: ['threads', 'py-sequential'],
        workers: [2],
        repeat: 1,
        warmup: 0,
      },
      { ...pythonOptions, executors: fake.factory },
    );
    const sequential = fake.calls.filter((c) => c.model === 'sequential');
    const reference = sequential.find((c) => c.runId === 0);
    const measured = sequential.filter((c) => c.runId > 0);
    expect(reference).toBeDefined();
    expect(measured).not.toHaveLength(0);
    // Without a warmup, a reference run on the baseline's own worker would have warmed its JIT for it alone.
    for (const c of measured) expect(c.generation).not.toBe(reference?.generation);
    expect(fake.open()).toBe(0);
    expect(childPids(process.pid)).toEqual([]);
  });

  it('a kernel exception fails only its cells, with the error', async () => {
    const report = await withFault(FAULT.throw);
    expectOnlyFaultFailed(report, 'error', /fault: kernel threw on unit 1/);
    expect(childPids(process.pid)).toEqual([]);
  });

  it('an interpreter that dies fails only its cells, and the next cell gets a fresh one', async () => {
    const report = await withFault(FAULT.exit);
    expectOnlyFaultFailed(report, 'exit', /python interpreter exited|worker process \d \(pid \d+\) exited/);
    expect(childPids(process.pid)).toEqual([]);
  });

  it('a hung kernel fails its cells by the timeout and leaves no Python behind', async () => {
    // py-threads (with its py-sequential baseline) only: each timeout costs its whole length plus a fresh
    // interpreter, and the kill path is the same for every model (the interpreter's process group).
    const report = await withFault(FAULT.hang, { timeoutMs: 4000 }, undefined, ['py-threads']);
    expectOnlyFaultFailed(report, 'timeout', /4000 ms timeout/, ['py-sequential', 'py-threads']);
    expect(childPids(process.pid)).toEqual([]);
  }, 120_000);

  it('cancel ends the run with a partial report and no Python left', async () => {
    const abort = new AbortController();
    const pending = withFault(FAULT.hang, { timeoutMs: 60_000 }, abort.signal);
    // Once a Python interpreter runs the hung unit, cancel.
    expect(await eventually(() => childPids(process.pid).length > 0, 20_000)).toBe(true);
    setTimeout(() => abort.abort(), 1000);
    const report = await pending;
    expect(report.status).toBe('cancelled');
    expect(await eventually(() => childPids(process.pid).length === 0, 5_000)).toBe(true);
  });

  it('py-ft-threads is unavailable with its reason where no free-threaded build exists', async (ctx) => {
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: SMALL.primes }],
        models: ['py-ft-threads', 'threads'],
        workers: [2],
        repeat: 1,
        warmup: 0,
      },
      pythonOptions,
    );
    const freeThreaded = report.python?.interpreters.find((p) => p.freeThreadedBuild);
    if (freeThreaded) {
      // Where one is installed the model runs on it, without the GIL.
      expect(cell(report, 'primes', 'py-ft-threads').failure).toBeNull();
      expect(freeThreaded.gilEnabled).toBe(false);
      skipBecause(
        ctx,
        'test/lab/python/models (py-ft-threads unavailable)',
        'a free-threaded Python is installed: its unavailable path cannot be seen here',
      );
    }
    const f = cell(report, 'primes', 'py-ft-threads').failure;
    expect(f?.reason).toBe('unavailable');
    expect(f?.message).toMatch(/no free-threaded Python found/);
    expect(report.python?.unavailable).toEqual([{ models: ['py-ft-threads'], reason: f?.message }]);
    expect(cell(report, 'primes', 'threads').failure).toBeNull();
  });
});

describe('without Python', () => {
  it('THREADLAB_PYTHON naming a missing file: the py-* models are unavailable, said once; the rest runs', async () => {
    const missing = path.join(defaultEntriesDir(), 'no-such-python');
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: SMALL.primes }],
        models: [...PYTHON_MODELS, 'threads'],
        workers: [2],
        repeat: 1,
        warmup: 0,
      },
      { sampleCpu: false, python: { env: { ...process.env, THREADLAB_PYTHON: missing } } },
    );
    expect(() => ReportSchema.parse(report)).not.toThrow();
    expect(report.status).toBe('complete');
    for (const model of PYTHON_MODELS) {
      const f = cell(report, 'primes', model).failure;
      expect(f?.reason, model).toBe('unavailable');
    }
    expect(cell(report, 'primes', 'py-threads').failure?.message).toContain(`${missing}: no such file`);
    expect(report.python?.interpreters.filter((p) => !p.freeThreadedBuild)).toEqual([]);
    expect(report.python?.unavailable.flatMap((u) => u.models).sort()).toEqual(
      report.results
        .filter((r) => r.failure?.reason === 'unavailable')
        .map((r) => r.model)
        .sort(),
    );
    expect(cell(report, 'primes', 'threads').failure).toBeNull();
    expect(cell(report, 'primes', 'threads').checksumOk).toBe(true);
    expect(report.spawn.some((s) => s.model.startsWith('py-'))).toBe(false);
  });
});

describe('the CLI', () => {
  it('leaves no Python process when it is SIGKILLed mid-run', async () => {
    const cli = spawn(
      process.execPath,
      [
        path.join(defaultEntriesDir(), 'cli.js'),
        'run',
        ...['-w', 'fault', '-p', 'mode=3', '-p', 'at=0', '-m', 'py-threads', '-n', '2'],
        ...['--repeat', '1', '--warmup', '0', '--timeout', '60000', '--no-history', '-q'],
        ...['--python', PYTHON.executable],
      ],
      { stdio: 'ignore' },
    );
    const pid = cli.pid as number;
    // The drivers (not the short-lived discovery probes) and anything they started.
    const drivers = () =>
      childPids(pid).filter((c) => {
        const cmd = cmdline(c);
        return cmd.includes('driver.py') && !cmd.includes('--probe');
      });
    expect(await eventually(() => drivers().length > 0, 30_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const pythons = drivers().flatMap((d) => [d, ...childPids(d)]);
    cli.kill('SIGKILL');
    expect(await eventually(() => pythons.every((p) => !isAlive(p)), 10_000)).toBe(true);
  });
});
