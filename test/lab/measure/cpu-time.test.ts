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
    const otherCores = otherCoresSince(before);

    const seq = cell(report, 'sequential');
    const threads = cell(report, 'threads');
    const gil = cell(report, 'gil');
    expect(seq.cpuMs).toBeGreaterThan(0);
    if (process.platform === 'linux')
      expect([seq.method, threads.method, gil.method]).toEqual(['thread', 'thread', 'thread']);
    // Only one GIL-bound thread runs at a time, however idle or busy the machine.
    expect(gil.coresBusy).toBeLessThan(1.3);
    // The same units on one thread at a time: waiting for the GIL costs no CPU.
    expect(gil.cpuMs / seq.cpuMs).toBeGreaterThan(0.6);
    expect(gil.cpuMs / seq.cpuMs).toBeLessThan(1.5);
    sameCpuWhereCoresWereReal('threads', threads, seq, otherCores);
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
    // The children's CPU is not this process's, so /proc/stat cannot tell other programs from them here:
    // only the speedup says whether the two cores were real.
    sameCpuWhereCoresWereReal('processes', processes, seq, null);
  }, 180_000);
});

/**
 * Two workers on two cores spend about the CPU one worker spends on the same units, and never more than two
 * cores' worth of their own wall time. Counting another thread's CPU breaks one of these: on free cores it
 * doubles the CPU at the same speedup; on shared ones it reports more cores busy than there are workers.
 *
 * What the OS counts as CPU time is the time a thread held a core it was given. Under a hypervisor that runs
 * both of a VM's vCPUs on one physical core for a while (this machine's host may: it reports no steal time),
 * two threads are each "on CPU" the whole time while each runs at half speed: the CPU per unit doubles and
 * the speedup falls to about 1, with nothing in /proc/stat to say so. A fresh-clone run once saw threads and
 * processes both at 1.9x the sequential CPU. So the CPU comparison is asserted only where the speedup shows
 * the two cores were real and other programs left them free; elsewhere it prints what it saw.
 */
function sameCpuWhereCoresWereReal(
  name: string,
  c: ReturnType<typeof cell>,
  seq: ReturnType<typeof cell>,
  otherCores: number | null,
) {
  const ratio = c.cpuMs / seq.cpuMs;
  const speedup = seq.wallMs / c.wallMs;
  expect(ratio, `${name}: CPU per run against sequential`).toBeGreaterThan(0.6);
  expect(c.coresBusy, `${name}: cores busy with 2 workers`).toBeLessThan(2.15);
  const coresWereReal = speedup >= 1.6 && (otherCores === null || otherCores < 0.3);
  if (coresWereReal) {
    expect(ratio, `${name}: CPU per run against sequential at speedup ${speedup.toFixed(2)}`).toBeLessThan(
      1.5,
    );
  } else {
    console.warn(
      `${name}: CPU ${ratio.toFixed(2)}x sequential's not checked against 1.5: speedup ${speedup.toFixed(2)} ` +
        `(below 1.6: the two cores were shared), other programs ${otherCores?.toFixed(2) ?? 'unknown'} cores`,
    );
  }
}

function otherCoresSince(before: { stat: ReturnType<typeof readProcStat>; own: NodeJS.CpuUsage; t: number }) {
  const after = readProcStat();
  const ownUsage = process.cpuUsage(before.own);
  const ownCores = (ownUsage.user + ownUsage.system) / 1000 / (performance.now() - before.t);
  return before.stat && after ? busyBetween(before.stat, after).programCores - ownCores : null;
}

const PARAMS = { units: 8, span: 30_000 };

function cell(report: Report, model: string) {
  const r = report.results.find((x) => x.model === model);
  if (!r?.cpuMs || !r.coresBusy || !r.wallMs)
    throw new Error(`${model}: no CPU figures in ${JSON.stringify(r)}`);
  return {
    cpuMs: r.cpuMs.median,
    coresBusy: r.coresBusy.median,
    wallMs: r.wallMs.median,
    method: r.cpuMethod,
  };
}
