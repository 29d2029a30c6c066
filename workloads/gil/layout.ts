/**
 * The shared state of one emulated GIL: a few Int32 slots in a SharedArrayBuffer, named here so the host and
 * every worker agree. Modelled on CPython's struct _gil_runtime_state (Python/ceval_gil.c, 3.2+).
 */

/** id (1-based) of the thread holding the lock, 0 when free */
export const HOLDER = 0;
/** set by a waiter that timed out after one switch interval; the holder drops the lock at its next checkpoint */
export const DROP_REQUEST = 1;
/**
 * incremented when the lock changes holder (CPython's switch_number), not when a thread takes back the lock
 * it let go; a waiter asks for the lock only if it did not change during a whole interval, and a forced drop
 * waits for it to change (FORCE_SWITCHING)
 */
export const SWITCH_NUMBER = 2;
/** threads blocked in acquire */
export const WAITERS = 3;
/** the switch interval in microseconds */
export const INTERVAL_US = 4;
/** set by the host to make every waiting call give up (shutdown) */
export const ABORT = 5;
/** id of the thread that took the lock last (CPython's last_holder), to tell a switch from a take-back */
export const LAST_HOLDER = 6;
/**
 * Incremented on every release; waiters sleep on this, not on HOLDER. Sleeping on HOLDER could miss a
 * release: the holder lets go and takes the lock back between a waiter's read and its wait (ABA), and the
 * waiter would sleep a whole interval for nothing. A counter never returns to an old value.
 */
export const RELEASE_SEQ = 7;

/** slots 8.. are spare (the hand-off benchmark keeps its start barrier and finish flag there) */
export const GIL_SLOTS = 12;

/** Allocates and initialises the shared state of one GIL. */
export function createGilBuffer(switchIntervalMs: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(GIL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(sab);
  Atomics.store(slots, INTERVAL_US, Math.max(1, Math.round(switchIntervalMs * 1000)));
  return sab;
}

export function setSwitchInterval(sab: SharedArrayBuffer, switchIntervalMs: number): void {
  Atomics.store(new Int32Array(sab), INTERVAL_US, Math.max(1, Math.round(switchIntervalMs * 1000)));
}

/** Tells every thread blocked on this GIL to stop waiting; used when a pool is torn down. */
export function abortGil(sab: SharedArrayBuffer): void {
  const slots = new Int32Array(sab);
  Atomics.store(slots, ABORT, 1);
  Atomics.add(slots, RELEASE_SEQ, 1);
  Atomics.notify(slots, RELEASE_SEQ);
  Atomics.notify(slots, SWITCH_NUMBER);
}
