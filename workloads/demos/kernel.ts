/** What a demo kernel gets from the entry that runs it, whether in a worker thread or a child process. */
import type { LaneLog } from './lane-log';

export interface KernelIo {
  /** this worker's lane on the demo's timeline */
  readonly lane: LaneLog;
  /** sends a message to the host while the kernel runs */
  post(data: unknown): void;
  /** messages from the host; in a child process a socket may come along as `handle` */
  onMessage(listener: (data: unknown, handle?: unknown) => void): void;
}

/**
 * A demo kernel as the host names it. `file` is the kernel's module under workloads/demos/kernels/ (without
 * .ts): the worker entry loads that one module by its name, so a new kernel is a new file and no list of
 * kernels is kept by hand. The host imports the ref itself, so its input and output types come along and a
 * missing kernel is a compile error.
 */
export interface KernelRef<I, O> {
  readonly file: string;
  /** unique within its file */
  readonly name: string;
  readonly run: (input: I, io: KernelIo) => O | Promise<O>;
}

export function demoKernel<I, O>(
  file: string,
  name: string,
  run: (input: I, io: KernelIo) => O,
): KernelRef<I, Awaited<O>> {
  return { file, name, run: run as (input: I, io: KernelIo) => Awaited<O> | Promise<Awaited<O>> };
}

export function isKernelRef(value: unknown): value is KernelRef<unknown, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ref = value as Partial<KernelRef<unknown, unknown>>;
  return typeof ref.file === 'string' && typeof ref.name === 'string' && typeof ref.run === 'function';
}
