/**
 * barrier: each round every thread works for its own time, then waits at the barrier; nobody leaves until
 * the last one has arrived. Arrival and release times are kept per round.
 */
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { Barrier, sleepMs } from '../sync';

export const BARRIER_SLOTS = 2;

export interface BarrierInput {
  readonly sab: SharedArrayBuffer;
  readonly threads: number;
  /** per round, this thread's work time */
  readonly workMs: readonly number[];
}

export interface BarrierOutput {
  readonly arrivals: readonly number[];
  readonly releases: readonly number[];
}

export function barrierWorker(input: BarrierInput, io: KernelIo): BarrierOutput {
  const barrier = new Barrier(new Int32Array(input.sab), 0, input.threads);
  const arrivals: number[] = [];
  const releases: number[] = [];
  input.workMs.forEach((ms, round) => {
    io.lane.state('sleeping', `round ${round + 1}: works ${Math.round(ms)} ms`);
    sleepMs(ms);
    arrivals.push(io.lane.state('waiting', 'at the barrier'));
    barrier.wait();
    releases.push(monoNow());
  });
  io.lane.state(null);
  return { arrivals, releases };
}

export const BARRIER_KERNEL = demoKernel('barrier', 'barrier', barrierWorker);
