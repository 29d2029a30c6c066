/**
 * The worker side of a shared queue (threads and gil runs): workers of one run take units from one count in
 * shared memory, so every unit runs exactly once, whichever worker is free takes the next, and the run's
 * answer is the same as dealing the units out.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../workloads/entries/run-job';
import { plainContext, runSequentially } from '../../../workloads/local-context';
import { combineChecksums } from '../../../workloads/types';
import { getWorkload } from '../../../workloads/registry';
import type { RunJob } from '../../../workloads/protocol';
import { sharedQueue } from '../../../electron/lab/runtime/executor';

function jobs(
  workload: string,
  params: Record<string, number>,
  unitCount: number,
  workers: number,
): RunJob[] {
  return sharedQueue(unitCount, workers).map((p) => ({
    runId: 1,
    workload,
    params,
    ...p,
    env: {},
    timeline: false,
    originMs: 0,
  }));
}

describe('runJob with a shared queue', () => {
  it('runs every unit once across workers that overlap, and each free worker takes the next', async () => {
    // Sleep units yield to the event loop, so two "workers" here take turns as two threads would.
    const params = { units: 8, ms: 2 };
    const done = await Promise.all(
      jobs('sleep', params, 8, 2).map((j) => runJob(j, plainContext(), () => 0, null)),
    );
    expect(done.map((d) => d.unitsDone).reduce((a, b) => a + b)).toBe(8);
    for (const d of done) expect(d.unitsDone).toBeGreaterThan(0);
    const whole = await runSequentially(getWorkload('sleep'), params);
    expect(combineChecksums(done.map((d) => d.checksum))).toBe(whole);
  });

  it('leaves nothing for a worker that comes after the queue is empty', async () => {
    const params = { units: 5, span: 1000 };
    const [first, late] = jobs('primes', params, 5, 2);
    if (!first || !late) throw new Error('two jobs expected');
    const a = await runJob(first, plainContext(), () => 0, null);
    const b = await runJob(late, plainContext(), () => 0, null);
    expect([a.unitsDone, b.unitsDone]).toEqual([5, 0]);
    expect(combineChecksums([a.checksum, b.checksum])).toBe(
      await runSequentially(getWorkload('primes'), params),
    );
  });
});
