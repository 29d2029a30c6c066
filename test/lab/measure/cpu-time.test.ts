/**
 * CPU time and cores busy, from the operating system's accounting. CPU time counts work, not waiting, so it
 * holds on a loaded machine where wall times do not: the same CPU-bound job costs about the same CPU on every
 * model, a GIL lets only one thread run at a time, and two free threads use about twice the cores a GIL does.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../electron/common/report';
import { busyBetween, readProcStat } from '../../../workloads/cpu-times';
import type { DoneMessage } from '../../../workloads/protocol';
import { summarizeDone } from '../../../electron/lab/runtime/executor';
import { runExperiment } from '../../../electron/lab/runner/runner';

const done = (cpuMs: number | null, cpuMethod: DoneMessage['cpuMethod']): DoneMessage => ({
  type: 'done',
  runId: 1,
  checksum: 1,
  unitsDone: 1,
  startMs: 0,
  endMs: 1,
  memoryBytes: 0,
  cpuMs,
  cpuMethod,
  gil: null,
});

describe('a run counts the CPU its workers spent', () => {
  it("sums the workers' own CPU, or falls back to the whole process's when one cannot count itself", () => {
    expect(summarizeDone([done(40, 'thread'), done(60, 'thread')], 100, 0, 500)).toMatchObject({
      cpuMs: 100,
      cpuMethod: 'thread',
    });
    expect(summarizeDone([done(40, 'thread'), done(null, null)], 100, 0, 500)).toMatchObject({
      cpuMs: 500,
      cpuMethod: 'process-wide',
    });
  });

  it('CPU-bound work: the same CPU on every model; GIL threads keep at most one core busy, free threads more', async () => {
    // In-process models only, so that this process's CPU is the lab's and the rest of the machine's busy
    // time is other programs'.
    const before = { stat: readProcStat(), own: process.cpuUsage(), t: performance.now() };
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: PARAMS }],
        models: ['sequential', 'threads', 'gil'],
        workers: [2],
        repeat: 5,
        warmup: 1,
      },
      { sampleCpu: false },
    );
    const after = readProcStat();
    const ownUsage = process.cpuUsage(before.own);
    const ownCores = (ownUsage.user + ownUsage.system) / 1000 / (performance.now() - before.t);
    const otherCores = before.stat && after ? busyBetween(before.stat, after).busyCores - ownCores : null;

    const seq = cell(report, 'sequential');
    const threads = cell(report, 'threads');
    const gil = cell(report, 'gil');
    expect(seq.cpuMs).toBeGreaterThan(0);
    for (const [name, c] of Object.entries({ threads, gil })) {
      // the same units on two workers: waiting for the GIL or for a core costs no CPU
      expect(c.cpuMs / seq.cpuMs, name).toBeGreaterThan(0.6);
      expect(c.cpuMs / seq.cpuMs, name).toBeLessThan(1.7);
    }
    if (process.platform === 'linux')
      expect([seq.method, threads.method, gil.method]).toEqual(['thread', 'thread', 'thread']);
    // Only one GIL-bound thread runs at a time, however idle or busy the machine.
    expect(gil.coresBusy).toBeLessThan(1.3);
    // Two free threads keep two cores busy only if two cores are free: on a machine where other programs
    // took more than a fraction of a core (a shared CI runner, or a scheduler that shares CPU per group of
    // processes), the threads may get no more CPU than the GIL's one, so the claim is checked where it holds.
    if (otherCores !== null && otherCores < 0.3 && os.availableParallelism() >= 2) {
      expect(threads.coresBusy).toBeGreaterThan(1.5);
    } else {
      console.warn(
        `threads coresBusy ${threads.coresBusy.toFixed(2)} not checked against 1.5: other programs used ${otherCores?.toFixed(2) ?? 'an unknown number of'} cores during the run`,
      );
    }
  }, 180_000);

  it('processes: each child counts its own CPU, about what one thread spends on the same units', async () => {
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: PARAMS }],
        models: ['sequential', 'processes'],
        workers: [2],
        repeat: 3,
        warmup: 1,
      },
      { sampleCpu: false },
    );
    const seq = cell(report, 'sequential');
    const processes = cell(report, 'processes');
    expect(processes.method).toBe('process');
    expect(processes.cpuMs / seq.cpuMs).toBeGreaterThan(0.6);
    expect(processes.cpuMs / seq.cpuMs).toBeLessThan(1.7);
  }, 180_000);
});

const PARAMS = { units: 8, span: 30_000 };

function cell(report: Report, model: string) {
  const r = report.results.find((x) => x.model === model);
  if (!r?.cpuMs || !r.coresBusy) throw new Error(`${model}: no CPU figures in ${JSON.stringify(r)}`);
  return { cpuMs: r.cpuMs.median, coresBusy: r.coresBusy.median, method: r.cpuMethod };
}
