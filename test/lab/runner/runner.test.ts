/**
 * The runner's scheduling and bookkeeping on a fake executor: which executors it makes, in what order it
 * runs the cells, what it records, and how a failure, a timeout or a cancel ends one cell or the run. No
 * worker is started, so each test takes milliseconds; test/lab/runner/models.test.ts and faults.test.ts cover the
 * same runner on real workers.
 */
import { readdirSync } from 'node:fs';
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { LabError } from '../../../electron/common/errors';
import { cellKey, planCells, runOrder } from '../../../electron/lab/runner/plan';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { RunFailure } from '../../../electron/lab/runtime/pool';
import { onLinux } from '../../support/skip';
import {
  FAKE_SPAWN_MS,
  fakeExecutors,
  type FakeAnswer,
  type FakeCall,
  type FakeExecutors,
} from '../../support/fake-executor';

const CONFIG = {
  workloads: [
    { name: 'primes', params: { units: 4, span: 1000 } },
    { name: 'sleep', params: { units: 4, ms: 1 } },
  ],
  models: ['threads', 'processes'],
  workers: [1, 2],
  repeat: 3,
  warmup: 1,
  seed: 7,
};
/** cells of CONFIG: per workload the sequential baseline and two worker counts of two models */
const CELLS = 2 * (1 + 2 * 2);

function run(fake: FakeExecutors, extra: object = {}, onEvent?: (e: LabEvent) => void, signal?: AbortSignal) {
  return runExperiment(
    { ...CONFIG, ...extra },
    {
      executors: fake.factory,
      sampleCpu: false,
      ...(onEvent ? { onEvent } : {}),
      ...(signal ? { signal } : {}),
    },
  );
}

const keyOf = (c: FakeCall) => cellKey(c.workload, c.model, c.workers);
const is = (c: FakeCall, workload: string, model: string, workers: number) =>
  c.workload === workload && c.model === model && c.workers === workers;

function result(report: Awaited<ReturnType<typeof run>>, workload: string, model: string, workers: number) {
  const r = report.results.find((x) => x.workload === workload && x.model === model && x.workers === workers);
  if (!r) throw new Error(`no result for ${workload}/${model}/${workers}`);
  return r;
}

describe('runner on a fake executor', () => {
  it('makes one executor per model, sized for its largest worker count, and records each spawn time', async () => {
    const fake = fakeExecutors();
    const report = await run(fake, { memoryLimitMb: 64, switchIntervalMs: 2 });
    expect(fake.created).toEqual([
      { model: 'sequential', options: { maxWorkers: 1, memoryLimitMb: 64, switchIntervalMs: 2 } },
      { model: 'threads', options: { maxWorkers: 2, memoryLimitMb: 64, switchIntervalMs: 2 } },
      { model: 'processes', options: { maxWorkers: 2, memoryLimitMb: 64, switchIntervalMs: 2 } },
    ]);
    expect(report.spawn).toEqual([
      { model: 'sequential', workers: 1, perWorkerMs: FAKE_SPAWN_MS(0), totalMs: FAKE_SPAWN_MS(0) },
      {
        model: 'threads',
        workers: 2,
        perWorkerMs: median([FAKE_SPAWN_MS(0), FAKE_SPAWN_MS(1)]),
        totalMs: FAKE_SPAWN_MS(1),
      },
      {
        model: 'processes',
        workers: 2,
        perWorkerMs: median([FAKE_SPAWN_MS(0), FAKE_SPAWN_MS(1)]),
        totalMs: FAKE_SPAWN_MS(1),
      },
    ]);
    expect(report.status).toBe('complete');
    expect(report.results).toHaveLength(CELLS);
    for (const r of report.results) {
      expect(r.failure).toBeNull();
      expect(r.checksumOk).toBe(true);
      expect(r.wallMs?.raw).toEqual([100, 100, 100]);
    }
    expect(fake.open()).toBe(0);
  });

  it('runs the warmup pass first, then one seeded shuffle per repetition, the same for the same seed', async () => {
    const fake = fakeExecutors();
    const report = await run(fake);
    const expected = runOrder(planCells(report.config), 1, 3, 7).map((o) => o.cell.key);
    expect(fake.calls.map(keyOf)).toEqual(expected);
    expect(fake.calls.map((c) => c.runId)).toEqual(expected.map((_, i) => i + 1));

    const again = fakeExecutors();
    await run(again);
    expect(again.calls.map(keyOf)).toEqual(expected);
    const other = fakeExecutors();
    await run(other, { seed: 8 });
    expect(other.calls.map(keyOf)).not.toEqual(expected);
    expect(other.calls.slice(0, CELLS).map(keyOf)).toEqual(expected.slice(0, CELLS));
  });

  it('keeps warmup runs out of the results and reports progress phase by phase', async () => {
    const events: LabEvent[] = [];
    const fake = fakeExecutors((c): FakeAnswer =>
      c.runId <= CELLS ? { wallMs: 9999 } : { wallMs: c.runId },
    );
    const report = await run(fake, {}, (e) => events.push(e));
    for (const r of report.results) {
      expect(r.wallMs?.raw).toHaveLength(3);
      expect(r.wallMs?.raw).not.toContain(9999);
    }
    const phases = events.flatMap((e) => (e.type === 'progress' ? [e.progress.phase] : []));
    expect(phases).toEqual([
      'spawning',
      ...Array<string>(CELLS).fill('warmup'),
      ...Array<string>(3 * CELLS).fill('measuring'),
      'finishing',
    ]);
    const last = events.findLast((e) => e.type === 'progress');
    expect(last?.type === 'progress' && last.progress.done).toBe(4 * CELLS);
    // one partial result per measured run, none per warmup
    expect(events.filter((e) => e.type === 'result')).toHaveLength(3 * CELLS);
    expect(events[0]?.type).toBe('experiment-started');
    expect(events.at(-1)?.type).toBe('experiment-finished');
  });

  it('a failing cell records its reason and is not run again; a fresh executor serves the rest of its model', async () => {
    const fake = fakeExecutors((c): FakeAnswer =>
      is(c, 'primes', 'threads', 2)
        ? { fail: new RunFailure('exit', 'worker 1 exited (exit code 3)') }
        : is(c, 'sleep', 'processes', 1)
          ? { fail: new Error('fault: kernel threw on unit 1') }
          : {},
    );
    const report = await run(fake);
    expect(report.status).toBe('complete');
    expect(result(report, 'primes', 'threads', 2).failure).toEqual({
      reason: 'exit',
      message: 'worker 1 exited (exit code 3)',
    });
    expect(result(report, 'primes', 'threads', 2).wallMs).toBeNull();
    expect(result(report, 'sleep', 'processes', 1).failure).toEqual({
      reason: 'error',
      message: 'fault: kernel threw on unit 1',
    });
    // each failing cell costs one run, not one per repetition
    expect(fake.calls.filter((c) => is(c, 'primes', 'threads', 2))).toHaveLength(1);
    expect(fake.calls.filter((c) => is(c, 'sleep', 'processes', 1))).toHaveLength(1);
    // the broken executor was replaced and the healthy cells of the same model measured every repetition
    expect(fake.created.map((c) => c.model)).toEqual([
      'sequential',
      'threads',
      'processes',
      'threads',
      'processes',
    ]);
    expect(result(report, 'sleep', 'threads', 2).wallMs?.raw).toHaveLength(3);
    expect(result(report, 'primes', 'processes', 1).wallMs?.raw).toHaveLength(3);
    const failed = report.results.filter((r) => r.failure);
    expect(failed).toHaveLength(2);
    expect(fake.open()).toBe(0);
  });

  it('a run that hangs fails its cell as a timeout, once, and the others still measure', async () => {
    const fake = fakeExecutors((c): FakeAnswer => (is(c, 'sleep', 'processes', 2) ? { hang: true } : {}));
    const report = await run(fake, { timeoutMs: 100 });
    expect(result(report, 'sleep', 'processes', 2).failure).toEqual({
      reason: 'timeout',
      message: 'the run did not finish within its 100 ms timeout',
    });
    expect(fake.calls.filter((c) => is(c, 'sleep', 'processes', 2))).toHaveLength(1);
    expect(report.results.filter((r) => r.failure)).toHaveLength(1);
    expect(result(report, 'primes', 'processes', 2).wallMs?.raw).toHaveLength(3);
    expect(fake.open()).toBe(0);
  });

  it('a replacement executor that cannot start fails the next cell of its model; the one after gets another', async () => {
    const fake = fakeExecutors(
      (c): FakeAnswer =>
        is(c, 'primes', 'threads', 1) ? { fail: new RunFailure('exit', 'worker 0 exited') } : {},
      (model, generation) => model === 'threads' && generation === 1,
    );
    const report = await run(fake);
    const threadCells = report.results.filter((r) => r.model === 'threads');
    const cannotStart = threadCells.filter((r) => r.failure?.message.startsWith('workers could not start'));
    expect(cannotStart).toHaveLength(1);
    expect(cannotStart[0]?.failure).toEqual({
      reason: 'exit',
      message: 'workers could not start: fake threads worker 0 exited (exit code 1)',
    });
    expect(threadCells.filter((r) => r.failure)).toHaveLength(2);
    expect(fake.created.filter((c) => c.model === 'threads')).toHaveLength(3);
    expect(fake.open()).toBe(0);
  });

  it('an executor that cannot start at spawn time fails the experiment and closes the others', async () => {
    const fake = fakeExecutors(undefined, (model) => model === 'processes');
    await expect(run(fake)).rejects.toThrow(/fake processes worker 0 exited/);
    expect(fake.calls).toEqual([]);
    expect(fake.open()).toBe(0);
  });

  it.runIf(onLinux('test/lab/runner/runner (sampler thread ends)', 'threads counted in /proc/self/task'))(
    "an experiment that fails still ends the CPU sampler's thread",
    async () => {
      const threads = () => readdirSync('/proc/self/task').length;
      // one experiment first, so that threads Node starts once and keeps (libuv's pool) are there already
      await runExperiment(CONFIG, { executors: fakeExecutors().factory });
      const before = threads();
      const fake = fakeExecutors(undefined, (model) => model === 'processes');
      await expect(runExperiment(CONFIG, { executors: fake.factory })).rejects.toThrow(/exited/);
      expect(threads()).toBeLessThanOrEqual(before);
    },
  );

  it('a checksum that differs from the baseline fails the cell as a checksum mismatch', async () => {
    const fake = fakeExecutors((c): FakeAnswer =>
      is(c, 'primes', 'processes', 2) && c.runId > CELLS ? { checksum: 7 } : {},
    );
    const report = await run(fake);
    const r = result(report, 'primes', 'processes', 2);
    expect(r.checksumOk).toBe(false);
    expect(r.failure?.reason).toBe('checksum');
    expect(r.failure?.message).toMatch(/checksum 7 differs from the sequential baseline's 42/);
  });

  it('cancelling between runs stops at once and keeps the partial report', async () => {
    const abort = new AbortController();
    const fake = fakeExecutors();
    let results = 0;
    const report = await run(
      fake,
      {},
      (e) => {
        if (e.type === 'result' && ++results === 3) abort.abort();
      },
      abort.signal,
    );
    expect(report.status).toBe('cancelled');
    expect(fake.calls).toHaveLength(CELLS + 3);
    expect(report.results.reduce((n, r) => n + (r.wallMs?.raw.length ?? 0), 0)).toBe(3);
    expect(report.results.every((r) => r.failure === null)).toBe(true);
    expect(fake.open()).toBe(0);
  });

  it('cancelling during a run ends it without calling it a failure', async () => {
    const abort = new AbortController();
    const fake = fakeExecutors((c): FakeAnswer => (is(c, 'sleep', 'threads', 2) ? { hang: true } : {}));
    const t0 = performance.now();
    const report = await run(
      fake,
      { timeoutMs: 3_600_000 },
      (e) => {
        if (
          e.type === 'progress' &&
          e.progress.current?.workload === 'sleep' &&
          e.progress.current.model === 'threads'
        )
          if (e.progress.current.workers === 2) setTimeout(() => abort.abort(), 1);
      },
      abort.signal,
    );
    expect(report.status).toBe('cancelled');
    expect(result(report, 'sleep', 'threads', 2).failure).toBeNull();
    expect(fake.calls.at(-1) && is(fake.calls.at(-1) as FakeCall, 'sleep', 'threads', 2)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(fake.open()).toBe(0);
  });

  it('cancelled before it starts: no executor is made', async () => {
    const abort = new AbortController();
    abort.abort();
    const fake = fakeExecutors();
    const report = await run(fake, {}, undefined, abort.signal);
    expect(report.status).toBe('cancelled');
    expect(fake.created).toEqual([]);
  });

  it('refuses an invalid experiment, naming the field, before any executor is made', async () => {
    const fake = fakeExecutors();
    const err = await run(fake, { workers: [0] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).issues.map((i) => i.field)).toEqual(['workers[0]']);
    expect(fake.created).toEqual([]);
  });
});
