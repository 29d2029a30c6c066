/**
 * The real executors' plans on real workers: threads and gil workers share one queue of units, processes get
 * fixed shares. Either way every unit runs exactly once, run after run on the same pool, which the run's
 * checksum (the order-free sum of its units' checksums) shows: it is the sequential answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Model } from '../../../electron/common/config';
import { defaultEntriesDir } from '../../../electron/lab/runtime/entries';
import { workerExecutors, type Executor, type RunRequest } from '../../../electron/lab/runtime/executor';
import { getWorkload } from '../../../workloads/registry';
import { runSequentially } from '../../../workloads/local-context';

const PARAMS = { units: 6, span: 2000 };
const WORKERS = 3;
const started: Executor[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function executor(model: Model): Promise<Executor> {
  const ex = workerExecutors(defaultEntriesDir())(model, {
    maxWorkers: WORKERS,
    memoryLimitMb: 256,
    switchIntervalMs: 5,
  });
  started.push(ex);
  await ex.start();
  return ex;
}

function request(runId: number, extra: Partial<RunRequest> = {}): RunRequest {
  return {
    runId,
    workload: 'primes',
    params: PARAMS,
    unitCount: PARAMS.units,
    workers: WORKERS,
    env: {},
    timeline: false,
    timeoutMs: 60_000,
    ...extra,
  };
}

describe.each<Model>(['threads', 'gil', 'processes'])('%s executor', (model) => {
  it('runs every unit exactly once, run after run on the same pool', async () => {
    const once = await runSequentially(getWorkload('primes'), PARAMS);
    const ex = await executor(model);
    // a fresh queue per run: the second and third runs must not find the first's queue used up
    for (const runId of [1, 2, 3]) expect((await ex.run(request(runId))).checksum).toBe(once);
    expect((await ex.run(request(4, { workers: 2 }))).checksum).toBe(once);
  });
});
