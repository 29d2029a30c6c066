/**
 * Synchronisation primitives built on Atomics over Int32 slots of a SharedArrayBuffer: what Python's
 * threading.Lock, Semaphore, Event and Barrier do, written out. Atomics.wait parks the calling thread in the
 * kernel (a futex) until another thread calls Atomics.notify on the same slot.
 */
import { monoNow } from '../clock';

/**
 * A mutex in one slot: 0 free, 1 locked, 2 locked with waiters (U. Drepper, "Futexes Are Tricky", mutex3).
 * Waiters sleep instead of spinning; unlock wakes one only when someone may be waiting.
 */
export class Mutex {
  constructor(
    private readonly a: Int32Array,
    private readonly i: number,
  ) {}

  lock(): void {
    let c = Atomics.compareExchange(this.a, this.i, 0, 1);
    if (c === 0) return;
    if (c !== 2) c = Atomics.exchange(this.a, this.i, 2);
    while (c !== 0) {
      Atomics.wait(this.a, this.i, 2);
      c = Atomics.exchange(this.a, this.i, 2);
    }
  }

  /** lock(), giving up after `timeoutMs`: like Python's lock.acquire(timeout=...). */
  tryLock(timeoutMs: number): boolean {
    const deadline = monoNow() + timeoutMs;
    let c = Atomics.compareExchange(this.a, this.i, 0, 1);
    if (c === 0) return true;
    if (c !== 2) c = Atomics.exchange(this.a, this.i, 2);
    while (c !== 0) {
      const left = deadline - monoNow();
      if (left <= 0) return false;
      Atomics.wait(this.a, this.i, 2, left);
      c = Atomics.exchange(this.a, this.i, 2);
    }
    return true;
  }

  unlock(): void {
    if (Atomics.sub(this.a, this.i, 1) !== 1) {
      Atomics.store(this.a, this.i, 0);
      Atomics.notify(this.a, this.i, 1);
    }
  }
}

/** A counting semaphore in one slot holding the free permits (threading.Semaphore). */
export class Semaphore {
  constructor(
    private readonly a: Int32Array,
    private readonly i: number,
  ) {}

  tryAcquire(): boolean {
    for (;;) {
      const v = Atomics.load(this.a, this.i);
      if (v <= 0) return false;
      if (Atomics.compareExchange(this.a, this.i, v, v - 1) === v) return true;
    }
  }

  acquire(): void {
    while (!this.tryAcquire()) Atomics.wait(this.a, this.i, 0);
  }

  release(): void {
    Atomics.add(this.a, this.i, 1);
    Atomics.notify(this.a, this.i, 1);
  }
}

/** A flag that threads wait on until someone sets it (threading.Event). */
export class Flag {
  constructor(
    private readonly a: Int32Array,
    private readonly i: number,
  ) {}

  get isSet(): boolean {
    return Atomics.load(this.a, this.i) !== 0;
  }

  wait(): void {
    while (Atomics.load(this.a, this.i) === 0) Atomics.wait(this.a, this.i, 0);
  }

  set(): void {
    Atomics.store(this.a, this.i, 1);
    Atomics.notify(this.a, this.i);
  }
}

/**
 * A reusable barrier for `parties` threads in two slots (arrivals, generation), like threading.Barrier: the
 * last thread to arrive resets the count and bumps the generation, which wakes everyone of that generation.
 */
export class Barrier {
  constructor(
    private readonly a: Int32Array,
    private readonly i: number,
    private readonly parties: number,
  ) {}

  /** Returns the arrival index (0 for the first thread to arrive, parties - 1 for the last). */
  wait(): number {
    const gen = Atomics.load(this.a, this.i + 1);
    const arrived = Atomics.add(this.a, this.i, 1);
    if (arrived === this.parties - 1) {
      Atomics.store(this.a, this.i, 0);
      Atomics.add(this.a, this.i + 1, 1);
      Atomics.notify(this.a, this.i + 1);
      return arrived;
    }
    while (Atomics.load(this.a, this.i + 1) === gen) Atomics.wait(this.a, this.i + 1, gen);
    return arrived;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms`, as time.sleep does (nothing ever notifies this private slot). */
export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** A few nanoseconds of arithmetic per step that the compiler cannot drop: the "work" between two steps. */
export function spin(steps: number, seed: number): number {
  let x = seed | 1;
  for (let k = 0; k < steps; k++) x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + k;
  return x;
}

/** Spins (burns CPU) until `ms` have passed. */
export function busyFor(ms: number): number {
  const end = monoNow() + ms;
  let x = 1;
  while (monoNow() < end) x = spin(200, x);
  return x;
}

/** Atomically raises slot i to at least `value` (for "most at once" counters). */
export function atomicMax(a: Int32Array, i: number, value: number): void {
  for (;;) {
    const cur = Atomics.load(a, i);
    if (value <= cur || Atomics.compareExchange(a, i, cur, value) === cur) return;
  }
}
