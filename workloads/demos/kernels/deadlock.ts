/**
 * deadlock: two threads, two locks. Each round a thread takes its first lock, then its second, does a little
 * work holding both, and lets go. Beside the locks, every thread publishes what it holds and what it wants,
 * so the host can draw the wait-for graph without asking the (possibly stuck) threads anything.
 * - strategy 'plain' with opposite orders and the rendezvous: both hold their first lock, both want the
 *   other's, and neither ever lets go: a deadlock;
 * - the same orders for both threads (one global lock order): the second thread waits at the first lock;
 * - strategy 'timeout': the second lock is tried with a timeout; on failure the thread lets go of the first,
 *   backs off for a random while, and tries the round again.
 */
import { demoKernel, type KernelIo } from '../kernel';
import { Barrier, Mutex, sleepMs } from '../sync';

export const LOCKS = 0; // two slots: lock A, lock B
export const RENDEZVOUS = 2; // two slots (barrier)
export const HOLDER = 4; // two slots: 1-based id of the thread holding A, B (0: free)
export const WANTS = 6; // two slots: 1-based id of the lock thread 0, 1 waits for (0: none)
export const ROUNDS_DONE = 8; // two slots
export const DEADLOCK_SLOTS = 10;
export const LOCK_NAMES = ['A', 'B'] as const;

export interface DeadlockInput {
  readonly sab: SharedArrayBuffer;
  readonly me: 0 | 1;
  /** lock indices in the order this thread takes them */
  readonly order: readonly [0 | 1, 0 | 1];
  readonly strategy: 'plain' | 'timeout';
  /** wait for the other thread after the first lock, in the first round, so the overlap is certain */
  readonly rendezvous: boolean;
  readonly rounds: number;
  readonly holdMs: number;
  readonly timeoutMs: number;
}

export interface DeadlockOutput {
  readonly rounds: number;
  readonly retries: number;
}

export function deadlockWorker(input: DeadlockInput, io: KernelIo): DeadlockOutput {
  const a = new Int32Array(input.sab);
  const locks = [new Mutex(a, LOCKS), new Mutex(a, LOCKS + 1)];
  const rendezvous = new Barrier(a, RENDEZVOUS, 2);
  const [first, second] = input.order;
  const name = (l: number) => LOCK_NAMES[l] ?? '?';
  let retries = 0;

  const take = (l: 0 | 1, holding: string, timeoutMs: number | null): boolean => {
    Atomics.store(a, WANTS + input.me, l + 1);
    io.lane.state('blocked', `${holding}wants ${name(l)}`);
    const lock = locks[l] as Mutex;
    const got = timeoutMs === null ? (lock.lock(), true) : lock.tryLock(timeoutMs);
    Atomics.store(a, WANTS + input.me, 0);
    if (got) Atomics.store(a, HOLDER + l, input.me + 1);
    return got;
  };
  const give = (l: 0 | 1) => {
    Atomics.store(a, HOLDER + l, 0);
    (locks[l] as Mutex).unlock();
  };

  for (let round = 0; round < input.rounds; round++) {
    for (let attempt = 0; ; attempt++) {
      take(first, '', null);
      io.lane.state('holding', `holds ${name(first)}`);
      if (input.rendezvous && round === 0 && attempt === 0) rendezvous.wait();
      else sleepMs(input.holdMs);
      const timeout = input.strategy === 'timeout' ? input.timeoutMs : null;
      if (take(second, `holds ${name(first)}, `, timeout)) break;
      give(first);
      retries++;
      const backoffMs = 1 + Math.random() * input.timeoutMs;
      io.lane.state('sleeping', `backs off ${backoffMs.toFixed(0)} ms`);
      sleepMs(backoffMs);
    }
    io.lane.state('in-section', `holds ${name(first)} and ${name(second)}`);
    sleepMs(input.holdMs);
    give(second);
    give(first);
    Atomics.add(a, ROUNDS_DONE + input.me, 1);
    io.lane.state('running', 'between rounds');
  }
  io.lane.state(null);
  return { rounds: input.rounds, retries };
}

export const DEADLOCK_KERNEL = demoKernel('deadlock', 'deadlock', deadlockWorker);
