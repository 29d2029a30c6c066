/**
 * The emulated global interpreter lock, worker side. One instance per thread; all share one SharedArrayBuffer.
 *
 * It follows CPython 3.2+ (Python/ceval_gil.c, take_gil and drop_gil), step by step:
 * - take: a thread that finds the lock held waits up to one switch interval (CPython: COND_TIMED_WAIT on
 *   gil->cond); if the interval passed and no switch happened meanwhile, it sets the drop request
 *   (SET_GIL_DROP_REQUEST) and keeps waiting. Every waiter does this on its own clock, as in CPython;
 * - a switch is a change of holder: taking the lock back after letting it go (around I/O, a native call)
 *   with no one else in between is not one (CPython bumps switch_number only when last_holder changes), so
 *   a thread that often releases and re-takes the lock cannot keep waiters from asking for it;
 * - the holder polls the drop request at checkpoints in its work (CPython: the eval breaker, checked at
 *   backward jumps and calls, so in every turn of a Python loop; here: ctx.check() in the kernels' loops, in
 *   primes once per number tested, well under a microsecond apart on average) and drops the lock when set;
 * - forced switching (FORCE_SWITCHING): a thread that drops the lock while a drop request is pending,
 *   whatever the reason it drops it, waits until another thread has actually taken it, so it cannot grab it
 *   straight back;
 * - a release wakes one waiter (COND_SIGNAL); whoever takes the lock first has it, which need not be the
 *   waiter that asked: CPython gives no such promise either;
 * - blocking I/O and native calls release the lock around the call (Py_BEGIN_ALLOW_THREADS).
 * Where it differs: CPython guards these fields with a mutex; here they are single atomic slots, so a request
 * set in the instant between another thread's take and its reset of the request can be lost, and is then
 * made again one interval later.
 * Atomics.wait blocks only this worker thread, never the main thread.
 */
import {
  ABORT,
  DROP_REQUEST,
  HOLDER,
  INTERVAL_US,
  LAST_HOLDER,
  RELEASE_SEQ,
  SWITCH_NUMBER,
  WAITERS,
} from './layout';
import { GilRecorder } from './recorder';

/** Loads of the switch counter before a forced drop goes to sleep (63-90 µs measured on the 2-core VM). */
const SPIN_CHECKS = 4000;

export class GilAbortedError extends Error {
  constructor() {
    super('the GIL was shut down while this thread waited for it');
    this.name = 'GilAbortedError';
  }
}

export class Gil {
  private readonly slots: Int32Array;
  private readonly id: number;
  private holding = false;
  readonly recorder: GilRecorder;

  /** `thread` is this thread's 0-based index in its pool. */
  constructor(sab: SharedArrayBuffer, thread: number, recorder = new GilRecorder(thread)) {
    this.slots = new Int32Array(sab);
    this.id = thread + 1;
    this.recorder = recorder;
  }

  get isHeld(): boolean {
    return this.holding;
  }

  private intervalMs(): number {
    return Atomics.load(this.slots, INTERVAL_US) / 1000;
  }

  private checkAbort(): void {
    if (Atomics.load(this.slots, ABORT) !== 0) throw new GilAbortedError();
  }

  /** Blocks this thread until it holds the lock. */
  acquire(): void {
    if (this.holding) throw new Error('GIL acquired twice by the same thread');
    const s = this.slots;
    const waitStart = this.recorder.now();
    if (Atomics.compareExchange(s, HOLDER, 0, this.id) !== 0) {
      Atomics.add(s, WAITERS, 1);
      try {
        for (;;) {
          this.checkAbort();
          const seq = Atomics.load(s, RELEASE_SEQ);
          if (Atomics.compareExchange(s, HOLDER, 0, this.id) === 0) break;
          const switchBefore = Atomics.load(s, SWITCH_NUMBER);
          const outcome = Atomics.wait(s, RELEASE_SEQ, seq, this.intervalMs());
          // A whole interval went by and nobody switched: ask the holder to let go (SET_GIL_DROP_REQUEST).
          if (
            outcome === 'timed-out' &&
            Atomics.load(s, HOLDER) !== 0 &&
            Atomics.load(s, SWITCH_NUMBER) === switchBefore
          ) {
            Atomics.store(s, DROP_REQUEST, 1);
          }
        }
      } finally {
        Atomics.sub(s, WAITERS, 1);
      }
    }
    this.holding = true;
    const previous = Atomics.exchange(s, LAST_HOLDER, this.id);
    if (previous !== this.id) {
      // A switch (CPython: ++gil->switch_number when last_holder changes); wakes a forced drop waiting for it.
      Atomics.add(s, SWITCH_NUMBER, 1);
      Atomics.notify(s, SWITCH_NUMBER);
    }
    // The request, if any, was for the thread we just took over from; it is served (RESET_GIL_DROP_REQUEST).
    if (Atomics.load(s, DROP_REQUEST) !== 0) Atomics.store(s, DROP_REQUEST, 0);
    this.recorder.acquired(waitStart, previous !== 0 && previous !== this.id);
  }

  /**
   * Releases the lock. With `forced` (dropped at a checkpoint because a waiter asked), and also whenever a
   * drop request is pending (CPython's drop_gil checks gil_drop_request whoever drops the lock, around I/O
   * too), it then waits until another thread has taken the lock, as FORCE_SWITCHING does, so the waiter
   * really gets its turn; such a drop is counted as forced.
   */
  release(forced = false): void {
    if (!this.holding) throw new Error('GIL released by a thread that does not hold it');
    const s = this.slots;
    const switchAtDrop = Atomics.load(s, SWITCH_NUMBER);
    const serves = forced || Atomics.load(s, DROP_REQUEST) !== 0;
    this.holding = false;
    this.recorder.released(serves);
    Atomics.store(s, HOLDER, 0);
    Atomics.add(s, RELEASE_SEQ, 1);
    Atomics.notify(s, RELEASE_SEQ, 1);
    if (!serves) return;
    // The waiter is already awake or waking (it asked): spin for the switch, about as long as a waiter takes
    // to wake, before sleeping, which saves a futex sleep and wake-up on most forced hand-offs. Going straight
    // to the wait of acquire instead, with no spin, was tried and measured: the pool's CPU did not change.
    for (let i = 0; i < SPIN_CHECKS; i++) {
      if (Atomics.load(s, SWITCH_NUMBER) !== switchAtDrop || Atomics.load(s, WAITERS) === 0) return;
    }
    while (Atomics.load(s, SWITCH_NUMBER) === switchAtDrop && Atomics.load(s, WAITERS) > 0) {
      this.checkAbort();
      Atomics.wait(s, SWITCH_NUMBER, switchAtDrop, 50);
    }
  }

  /** A checkpoint: drop the lock if a waiter asked for it, then queue to take it back. Cheap otherwise. */
  check(): void {
    if (Atomics.load(this.slots, DROP_REQUEST) !== 0 && this.holding) {
      this.release(true);
      this.acquire();
    }
  }

  /** Runs a synchronous native call with the lock released (like Py_BEGIN_ALLOW_THREADS). */
  native<T>(fn: () => T): T {
    this.release(false);
    this.recorder.ioStarted();
    try {
      return fn();
    } finally {
      this.recorder.ioEnded();
      this.acquire();
    }
  }

  /** Awaits I/O with the lock released; takes it back when the I/O completes (the convoy effect lives here). */
  async io<T>(fn: () => Promise<T>): Promise<T> {
    this.release(false);
    this.recorder.ioStarted();
    try {
      return await fn();
    } finally {
      this.recorder.ioEnded();
      this.acquire();
    }
  }
}
