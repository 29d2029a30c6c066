/**
 * Worker side of a run, shared by the thread and the process entry: runs the job's units through one
 * UnitContext and reports a checksum. With concurrency > 1 (the async model) the units are spread over that
 * many tasks interleaving on this one event loop; with a shared queue (threads, gil) the worker takes units
 * from it until none is left.
 */
import type { DoneMessage, RunJob } from '../protocol';
import { monoNow } from '../clock';
import { getWorkload } from '../registry';
import { loadUserKernel } from '../user-kernel';
import { combineChecksums, type UnitContext } from '../types';
import type { CpuClock } from '../cpu-clock';

export async function runJob(
  job: RunJob,
  ctx: UnitContext,
  measureMemory: () => number,
  cpuClock: CpuClock | null,
): Promise<Omit<DoneMessage, 'gil'>> {
  const def = job.source ? await loadUserKernel(job.source) : getWorkload(job.workload);
  const checksums: number[] = [];
  const startMs = monoNow();
  const cpuStartMs = cpuClock?.nowMs() ?? 0;
  const lanes = Math.max(1, Math.min(job.concurrency, job.units.length));
  if (job.queue) {
    const taken = new Int32Array(job.queue);
    for (let i = Atomics.add(taken, 0, 1); i < job.units.length; i = Atomics.add(taken, 0, 1))
      checksums.push(await def.runUnit(job.params, job.units[i] as number, ctx));
  } else if (lanes === 1) {
    for (const unit of job.units) checksums.push(await def.runUnit(job.params, unit, ctx));
  } else {
    const tasks: Promise<void>[] = [];
    for (let lane = 0; lane < lanes; lane++) {
      tasks.push(
        (async () => {
          for (let i = lane; i < job.units.length; i += lanes) {
            checksums.push(await def.runUnit(job.params, job.units[i] as number, ctx));
          }
        })(),
      );
    }
    await Promise.all(tasks);
  }
  const endMs = monoNow();
  const cpuMs = cpuClock ? cpuClock.nowMs() - cpuStartMs : null;
  return {
    type: 'done',
    runId: job.runId,
    checksum: combineChecksums(checksums),
    unitsDone: checksums.length,
    startMs,
    endMs,
    memoryBytes: measureMemory(),
    cpuMs,
    cpuMethod: cpuClock?.method ?? null,
  };
}
