/**
 * Worker side of a demo, shared by the thread and the process entry: runs the one kernel named in the
 * `kernel` message, hands it the host's `data` messages, and turns its outcome into the message that ends
 * the worker's life.
 */
import { LaneLog } from '../demos/lane-log';
import type { KernelIo } from '../demos/kernel';
import { isKernelName, KERNELS } from '../demos/kernels';
import { errorFields, type KernelOutcome, type KernelStart, type WorkerMessage } from '../protocol';

export async function runKernel(start: KernelStart, io: KernelIo): Promise<KernelOutcome> {
  try {
    if (!isKernelName(start.kernel)) throw new Error(`unknown demo kernel '${start.kernel}'`);
    const kernel = KERNELS[start.kernel] as (input: unknown, io: KernelIo) => unknown;
    return { type: 'result', value: await kernel(start.input, io) };
  } catch (err) {
    return { type: 'kernel-error', ...errorFields(err) };
  }
}

/** One worker's demo kernel: started once, fed the host's data messages (in a process, maybe with a socket). */
export class KernelSlot {
  private readonly listeners: ((data: unknown, handle?: unknown) => void)[] = [];
  private started = false;

  constructor(private readonly post: (m: WorkerMessage) => void) {}

  data(data: unknown, handle?: unknown): void {
    for (const l of this.listeners) l(data, handle);
  }

  /** Runs the kernel; null when one was started already (a worker runs one kernel in its life). */
  start(start: KernelStart): Promise<KernelOutcome> | null {
    if (this.started) return null;
    this.started = true;
    return runKernel(start, {
      lane: new LaneLog(this.post),
      post: (data) => this.post({ type: 'data', data }),
      onMessage: (listener) => this.listeners.push(listener),
    });
  }
}
