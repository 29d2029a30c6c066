/** Runs one kernel by name and turns its outcome into the message the host waits for. */
import type { KernelIo } from './kernel';
import { isKernelName, KERNELS } from './kernels';
import type { FromWorker, KernelStart } from './protocol';

export async function runKernel(start: KernelStart, io: KernelIo): Promise<FromWorker> {
  try {
    if (!isKernelName(start.kernel)) throw new Error(`unknown demo kernel '${start.kernel}'`);
    const kernel = KERNELS[start.kernel] as (input: unknown, io: KernelIo) => unknown;
    return { type: 'result', value: await kernel(start.input, io) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  }
}
