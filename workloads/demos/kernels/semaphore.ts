/**
 * semaphore: N workers share K permits. Each round a worker waits for a permit, spends a while inside the
 * guarded section, leaves, and rests. An Atomics counter of the workers inside (and its highest value) is
 * updated on every entry and exit, independently of the lanes.
 */
import { demoKernel, type KernelIo } from '../kernel';
import { atomicMax, Semaphore, sleepMs } from '../sync';

export const PERMITS = 0;
export const INSIDE = 1;
export const MAX_INSIDE = 2;
export const ENTRIES = 3;
export const SEMAPHORE_SLOTS = 4;

export interface SemaphoreInput {
  readonly sab: SharedArrayBuffer;
  readonly index: number;
  readonly rounds: number;
  readonly sectionMs: number;
  readonly restMs: number;
}

export function semaphoreWorker(input: SemaphoreInput, io: KernelIo): { waitedMs: number } {
  const a = new Int32Array(input.sab);
  const permits = new Semaphore(a, PERMITS);
  let waitedMs = 0;
  for (let round = 0; round < input.rounds; round++) {
    const asked = io.lane.state('waiting', 'waits for a permit');
    permits.acquire();
    atomicMax(a, MAX_INSIDE, Atomics.add(a, INSIDE, 1) + 1);
    Atomics.add(a, ENTRIES, 1);
    // The lane's span starts after entering and ends before leaving, so it never overstates who was inside.
    waitedMs += io.lane.state('in-section', 'inside') - asked;
    sleepMs(input.sectionMs);
    io.lane.state('running', 'outside');
    Atomics.sub(a, INSIDE, 1);
    permits.release();
    // Workers rest for different times so they do not march in lockstep.
    sleepMs(input.restMs * (0.5 + ((input.index * 7 + round * 3) % 5) / 5));
  }
  io.lane.state(null);
  return { waitedMs: Math.max(0, waitedMs) };
}

export const SEMAPHORE_KERNEL = demoKernel('semaphore', 'semaphore', semaphoreWorker);
