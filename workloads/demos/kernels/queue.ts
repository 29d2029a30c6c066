/**
 * queue: a bounded FIFO of Int32 items in a SharedArrayBuffer (a ring of `capacity` slots), like
 * queue.Queue(maxsize=capacity). Two semaphores count the free and the filled slots, so put() blocks while
 * the queue is full and get() while it is empty; a mutex guards the ring itself. Producers put their items,
 * the last producer to finish puts one stop marker per consumer, and consumers get until they see it.
 */
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { atomicMax, Mutex, Semaphore, sleepMs } from '../sync';

export const Q_MUTEX = 0;
export const Q_FREE = 1;
export const Q_FILLED = 2;
export const Q_HEAD = 3;
export const Q_TAIL = 4;
export const Q_COUNT = 5;
export const Q_MAX = 6;
export const Q_PRODUCERS_DONE = 7;
export const Q_DATA = 8;
export const STOP = -1;

export interface QueueInput {
  readonly sab: SharedArrayBuffer;
  readonly capacity: number;
  readonly role: 'producer' | 'consumer';
  readonly producers: number;
  readonly consumers: number;
  /** the values a producer puts (consumers ignore it) */
  readonly items: readonly number[];
  readonly startDelayMs: number;
  /** time to make (producer) or handle (consumer) one item */
  readonly itemMs: number;
}

export interface QueueOutput {
  readonly items: number;
  readonly sum: number;
  readonly blockedCount: number;
  readonly blockedMs: number;
}

export function queueWorker(input: QueueInput, io: KernelIo): QueueOutput {
  const a = new Int32Array(input.sab);
  const mutex = new Mutex(a, Q_MUTEX);
  const free = new Semaphore(a, Q_FREE);
  const filled = new Semaphore(a, Q_FILLED);
  let blockedCount = 0;
  let blockedMs = 0;
  const take = (permits: Semaphore, why: string, after: string) => {
    if (permits.tryAcquire()) return;
    blockedCount++;
    const t = io.lane.state('blocked', why);
    permits.acquire();
    blockedMs += monoNow() - t;
    io.lane.state('running', after);
  };
  const put = (value: number) => {
    take(free, 'queue full: put() waits', 'puts');
    mutex.lock();
    const tail = Atomics.load(a, Q_TAIL);
    Atomics.store(a, Q_DATA + tail, value);
    Atomics.store(a, Q_TAIL, (tail + 1) % input.capacity);
    atomicMax(a, Q_MAX, Atomics.add(a, Q_COUNT, 1) + 1);
    mutex.unlock();
    filled.release();
  };
  const get = (): number => {
    take(filled, 'queue empty: get() waits', 'gets');
    mutex.lock();
    const head = Atomics.load(a, Q_HEAD);
    const value = Atomics.load(a, Q_DATA + head);
    Atomics.store(a, Q_HEAD, (head + 1) % input.capacity);
    Atomics.sub(a, Q_COUNT, 1);
    mutex.unlock();
    free.release();
    return value;
  };

  let items = 0;
  let sum = 0;
  io.lane.state('sleeping', 'not started yet');
  sleepMs(input.startDelayMs);
  if (input.role === 'producer') {
    for (const value of input.items) {
      io.lane.state('running', 'makes an item');
      sleepMs(input.itemMs);
      put(value);
      items++;
      sum += value;
    }
    if (Atomics.add(a, Q_PRODUCERS_DONE, 1) === input.producers - 1)
      for (let c = 0; c < input.consumers; c++) put(STOP);
  } else {
    for (;;) {
      io.lane.state('running', 'asks for an item');
      const value = get();
      if (value === STOP) break;
      io.lane.state('running', 'handles an item');
      sleepMs(input.itemMs);
      items++;
      sum += value;
    }
  }
  io.lane.state(null);
  return { items, sum, blockedCount, blockedMs };
}

export const QUEUE_KERNEL = demoKernel('queue', 'queue', queueWorker);
