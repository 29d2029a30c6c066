/**
 * Worker side of a demo, shared by the thread and the process entry: runs the one kernel named in the
 * `kernel` message, hands it the host's `data` messages, and turns its outcome into the message that ends
 * the worker's life.
 */
import { LaneLog } from '../demos/lane-log';
import { isKernelRef, type KernelIo, type KernelRef } from '../demos/kernel';
import { errorFields, type KernelOutcome, type KernelStart, type WorkerMessage } from '../protocol';

export async function runKernel(start: KernelStart, io: KernelIo): Promise<KernelOutcome> {
  try {
    const kernel = await loadKernel(start);
    return { type: 'result', value: await kernel.run(start.input, io) };
  } catch (err) {
    return { type: 'kernel-error', ...errorFields(err) };
  }
}

/**
 * The kernel `start` names, from its own module. The import's pattern lets the bundler (esbuild) include every
 * module in workloads/demos/kernels/, so the kernels are found by their file name and no list of them is kept.
 */
async function loadKernel(start: KernelStart): Promise<KernelRef<unknown, unknown>> {
  // The file name comes from our own host; checked anyway, so a message can only ever pick a kernel module.
  if (!/^[a-z0-9-]+$/.test(start.file)) throw new Error(`file: '${start.file}' is not a kernel module name`);
  let module: Record<string, unknown>;
  try {
    // esbuild's bundled import throws at the call for a file it did not bundle, so no .catch() would see it.
    module = (await import(`../demos/kernels/${start.file}.ts`)) as Record<string, unknown>;
  } catch {
    throw new Error(`file: no demo kernel module '${start.file}'`);
  }
  const kernel = Object.values(module).find((v) => isKernelRef(v) && v.name === start.kernel);
  if (!isKernelRef(kernel))
    throw new Error(`kernel: no demo kernel '${start.kernel}' in kernels/${start.file}.ts`);
  return kernel;
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
