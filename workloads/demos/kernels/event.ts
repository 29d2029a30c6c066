/**
 * event (traffic light): every worker counts itself as waiting, then waits on the flag. The host sets the
 * flag once all are waiting; each worker notes when it ran again and drives off for a moment.
 */
import { demoKernel, type KernelIo } from '../kernel';
import { Flag, sleepMs } from '../sync';

export const LIGHT = 0;
export const WAITING = 1;
export const EVENT_SLOTS = 2;

export interface EventInput {
  readonly sab: SharedArrayBuffer;
  readonly driveMs: number;
}

export function eventWorker(input: EventInput, io: KernelIo): { wokeAt: number } {
  const a = new Int32Array(input.sab);
  const green = new Flag(a, LIGHT);
  io.lane.state('waiting', 'red light');
  Atomics.add(a, WAITING, 1);
  green.wait();
  const wokeAt = io.lane.state('running', 'drives');
  sleepMs(input.driveMs);
  io.lane.state(null);
  return { wokeAt };
}

export const EVENT_KERNEL = demoKernel('event', 'event', eventWorker);
