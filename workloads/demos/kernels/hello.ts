/**
 * thread-vs-process: write a value into "shared" memory and say who we are. A thread gets the parent's
 * SharedArrayBuffer itself; a child process can only get a copy of its contents.
 */
import { threadId } from 'node:worker_threads';
import { demoKernel, type KernelIo } from '../kernel';

export interface HelloInput {
  /** the parent's memory (threads only: it cannot cross a process boundary) */
  readonly shared?: SharedArrayBuffer;
  /** a copy of the parent's memory (what a child process gets) */
  readonly copy?: readonly number[];
  readonly value: number;
}

export interface HelloOutput {
  readonly pid: number;
  readonly threadId: number;
  /** the value this worker reads back from its own view of the memory after writing */
  readonly sawInOwnMemory: number;
}

export function hello(input: HelloInput, io: KernelIo): HelloOutput {
  io.lane.state('running', 'writes to memory');
  const memory = input.shared ? new Int32Array(input.shared) : Int32Array.from(input.copy ?? [0]);
  Atomics.store(memory, 0, input.value);
  return { pid: process.pid, threadId, sawInOwnMemory: Atomics.load(memory, 0) };
}

export const HELLO_KERNEL = demoKernel('hello', 'hello', hello);
