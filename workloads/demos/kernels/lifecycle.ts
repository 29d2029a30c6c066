/** lifecycle: the body of one Thread. It marks that it ran, then works (sleeps) for a while. */
import { threadId } from 'node:worker_threads';
import { demoKernel, type KernelIo } from '../kernel';
import { sleepMs } from '../sync';

export interface LifecycleInput {
  /** one Int32 slot per thread, set to 1 when its body starts */
  readonly ran: SharedArrayBuffer;
  readonly index: number;
  readonly workMs: number;
}

export function lifecycleBody(input: LifecycleInput, io: KernelIo): { threadId: number } {
  Atomics.store(new Int32Array(input.ran), input.index, 1);
  io.lane.state('sleeping', `works ${input.workMs} ms`);
  sleepMs(input.workMs);
  return { threadId };
}

export const LIFECYCLE_BODY_KERNEL = demoKernel('lifecycle', 'lifecycle-body', lifecycleBody);
