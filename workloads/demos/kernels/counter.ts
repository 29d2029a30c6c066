/**
 * race / lock / atomics: every thread adds 1 to one shared Int32 counter, `iterations` times per run.
 * - unsynchronised: read, a little work (the window), write back: two threads that read the same value
 *   both write value + 1, and one increment is lost;
 * - lock: the same three steps inside a mutex, so no other thread can slip in between;
 * - atomic: Atomics.add, one indivisible read-modify-write instruction.
 * All threads start each run together (a barrier), and thread 0 reads and resets the counter between runs.
 */
import type { CounterMode } from '../../../electron/common/demos';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { Barrier, Mutex, spin } from '../sync';

export const COUNTER = 0;
export const MUTEX = 1;
export const BARRIER = 2; // two slots
export const COUNTER_SLOTS = 4;

export interface CounterInput {
  readonly sab: SharedArrayBuffer;
  readonly index: number;
  readonly threads: number;
  readonly mode: CounterMode;
  readonly iterations: number;
  readonly window: number;
  readonly runs: number;
}

export interface CounterOutput {
  /** per run: when this thread started and finished its increments */
  readonly times: readonly { readonly start: number; readonly end: number }[];
  /** thread 0 only: the counter after each run */
  readonly finals: readonly number[];
  readonly sink: number;
}

export function counter(input: CounterInput, io: KernelIo): CounterOutput {
  const a = new Int32Array(input.sab);
  const barrier = new Barrier(a, BARRIER, input.threads);
  const mutex = new Mutex(a, MUTEX);
  const times: { start: number; end: number }[] = [];
  const finals: number[] = [];
  let sink = input.index;
  for (let run = 0; run < input.runs; run++) {
    io.lane.state('waiting', 'start line');
    barrier.wait();
    const start = io.lane.state('running', `run ${run + 1}`);
    for (let k = 0; k < input.iterations; k++) {
      if (input.mode === 'atomic') {
        Atomics.add(a, COUNTER, 1);
      } else if (input.mode === 'lock') {
        mutex.lock();
        const value = Atomics.load(a, COUNTER);
        sink = spin(input.window, sink);
        Atomics.store(a, COUNTER, value + 1);
        mutex.unlock();
      } else {
        const value = Atomics.load(a, COUNTER);
        sink = spin(input.window, sink); // another thread may read the same value meanwhile
        Atomics.store(a, COUNTER, value + 1);
      }
    }
    times.push({ start, end: monoNow() });
    io.lane.state('waiting', 'finish line');
    barrier.wait();
    if (input.index === 0) {
      finals.push(Atomics.load(a, COUNTER));
      Atomics.store(a, COUNTER, 0);
    }
  }
  io.lane.state(null);
  return { times, finals, sink };
}

export const COUNTER_KERNEL = demoKernel('counter', 'counter', counter);
