/**
 * Every kernel a demo thread or process can run, by name. The host imports only the types below, so it can
 * ask for a kernel by name and get its input and output types checked.
 */
import { barrierWorker } from './barrier';
import { counter } from './counter';
import { cpuSpin, gilSpin } from './cpu';
import { convoyIo } from './convoy-io';
import { deadlockWorker } from './deadlock';
import { eventWorker } from './event';
import { hashWorker } from './hash';
import { hello } from './hello';
import { lifecycleBody } from './lifecycle';
import { poolWorker } from './pool';
import { queueWorker } from './queue';
import { semaphoreWorker } from './semaphore';
import { tcpClients } from './tcp-clients';
import { processHandler, threadHandler } from './tcp-server';
import type { KernelIo } from '../kernel';

export const KERNELS = {
  hello,
  'lifecycle-body': lifecycleBody,
  counter,
  deadlock: deadlockWorker,
  semaphore: semaphoreWorker,
  event: eventWorker,
  queue: queueWorker,
  barrier: barrierWorker,
  pool: poolWorker,
  'gil-spin': gilSpin,
  'cpu-spin': cpuSpin,
  'convoy-io': convoyIo,
  hash: hashWorker,
  'tcp-thread-handler': threadHandler,
  'tcp-process-handler': processHandler,
  'tcp-clients': tcpClients,
} satisfies Record<string, (input: never, io: KernelIo) => unknown>;

export type KernelName = keyof typeof KERNELS;
export type KernelInput<K extends KernelName> = Parameters<(typeof KERNELS)[K]>[0];
export type KernelOutput<K extends KernelName> = Awaited<ReturnType<(typeof KERNELS)[K]>>;

export function isKernelName(name: string): name is KernelName {
  return Object.hasOwn(KERNELS, name);
}
