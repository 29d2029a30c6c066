/**
 * Faults end one cell with a clear reason; the rest of the experiment goes on and nothing is left running.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { childPids } from '../../support/processes';

const FAULT = { throw: 1, exit: 2, hang: 3, oom: 4 } as const;

async function withFault(
  mode: number,
  models: ('threads' | 'processes' | 'gil' | 'async')[],
  extra: object = {},
) {
  return runExperiment(
    {
      workloads: [
        { name: 'fault', params: { units: 4, at: 1, mode } },
        { name: 'primes', params: { units: 4, span: 1000 } },
      ],
      models,
      workers: [2],
      repeat: 2,
      warmup: 0,
      ...extra,
    },
    { sampleCpu: false },
  );
}

function cell(report: Awaited<ReturnType<typeof withFault>>, workload: string, model: string) {
  const r = report.results.find(
    (x) => x.workload === workload && x.model === model && (model === 'sequential' || x.workers === 2),
  );
  if (!r) throw new Error(`no result for ${workload}/${model}`);
  return r;
}

describe('faults', () => {
  it('a kernel that throws fails its cell with the error, and the other workload still runs', async () => {
    const report = await withFault(FAULT.throw, ['threads', 'processes', 'gil']);
    for (const model of ['sequential', 'threads', 'processes', 'gil']) {
      const f = cell(report, 'fault', model).failure;
      expect(f?.reason).toBe('error');
      expect(f?.message).toMatch(/fault: kernel threw on unit 1/);
      expect(cell(report, 'primes', model).failure).toBeNull();
      expect(cell(report, 'primes', model).wallMs?.raw).toHaveLength(2);
    }
    expect(childPids(process.pid)).toEqual([]);
  });

  it('a worker or process that exits fails its cell as an exit, with the code', async () => {
    const report = await withFault(FAULT.exit, ['threads', 'processes']);
    for (const model of ['threads', 'processes']) {
      const f = cell(report, 'fault', model).failure;
      expect(f?.reason).toBe('exit');
      expect(f?.message).toMatch(/exit code 3/);
      // the pool was replaced: the healthy workload on the same model still measured every run
      expect(cell(report, 'primes', model).wallMs?.raw).toHaveLength(2);
    }
    expect(childPids(process.pid)).toEqual([]);
  });

  it('a run that hangs hits the per-run timeout and its workers are ended', async () => {
    const t0 = performance.now();
    const report = await withFault(FAULT.hang, ['threads', 'processes', 'gil', 'async'], { timeoutMs: 400 });
    for (const model of ['threads', 'processes', 'gil', 'async']) {
      const f = cell(report, 'fault', model).failure;
      expect(f?.reason).toBe('timeout');
      expect(f?.message).toMatch(/400 ms/);
    }
    // each hanging cell costs one timeout, not one per repetition
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(childPids(process.pid)).toEqual([]);
  });

  it('a worker out of memory fails as out-of-memory (threads via resourceLimits, processes via --max-old-space-size)', async () => {
    const report = await withFault(FAULT.oom, ['threads', 'processes'], {
      memoryLimitMb: 32,
      timeoutMs: 60_000,
    });
    for (const model of ['threads', 'processes']) {
      const f = cell(report, 'fault', model).failure;
      expect(f?.reason, f?.message).toBe('out-of-memory');
    }
    expect(cell(report, 'primes', 'threads').failure).toBeNull();
    expect(childPids(process.pid)).toEqual([]);
  });

  it('cancelling ends every worker and process at once and keeps a partial report', async () => {
    const abort = new AbortController();
    let started = 0;
    const pending = runExperiment(
      {
        workloads: [{ name: 'sleep', params: { units: 40, ms: 100 } }],
        models: ['threads', 'processes'],
        workers: [2, 4],
        repeat: 5,
        warmup: 0,
      },
      {
        sampleCpu: false,
        signal: abort.signal,
        onEvent: (e) => {
          if (e.type === 'progress' && e.progress.phase === 'measuring' && !started) {
            started = performance.now();
            setTimeout(() => abort.abort(), 300);
          }
        },
      },
    );
    const report = await pending;
    expect(report.status).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(childPids(process.pid)).toEqual([]);
  });
});
