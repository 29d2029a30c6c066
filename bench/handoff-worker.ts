/**
 * One side of the hand-off micro-benchmark, in a worker thread. Two threads pass control back and forth,
 * either through a raw Atomics flag (the cheapest cross-thread hand-off there is: `rounds` turns each) or
 * through the emulated GIL, both taking and force-releasing it `rounds` times; there a hand-off is a switch
 * of holder, counted by the lock's own recorder.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Gil } from '../workloads/gil/gil';
import { WAITERS } from '../workloads/gil/layout';

/** spare slot: set by the first thread to finish, so the other stops waiting for a partner */
const FINISHED = 10;

interface Data {
  readonly mode: 'atomics' | 'gil';
  readonly sab: SharedArrayBuffer;
  readonly side: 0 | 1;
  readonly rounds: number;
}

const { mode, sab, side, rounds } = workerData as Data;
// Both threads start together: the host flips slot 9 once both have loaded, so start-up is not timed.
const slots = new Int32Array(sab);
Atomics.add(slots, 8, 1);
Atomics.notify(slots, 8);
Atomics.wait(slots, 9, 0);
const t0 = performance.now();
let handoffs = rounds;
if (mode === 'atomics') {
  // flag holds whose turn it is; each side waits for its turn, then hands over
  const flag = new Int32Array(sab);
  const other = side === 0 ? 1 : 0;
  for (let i = 0; i < rounds; i++) {
    while (Atomics.load(flag, 0) !== side) Atomics.wait(flag, 0, other);
    Atomics.store(flag, 0, other);
    Atomics.notify(flag, 0);
  }
} else {
  // Every release is a real hand-off: the holder lets go only once the other thread is queued for the
  // lock (as when a waiter has asked), and a forced release waits until that thread has taken it.
  const gil = new Gil(sab, side);
  for (let i = 0; i < rounds; i++) {
    gil.acquire();
    while (Atomics.load(slots, WAITERS) === 0 && Atomics.load(slots, FINISHED) === 0) {
      // spin: the other thread is on its way to the lock
    }
    gil.release(true);
  }
  Atomics.store(slots, FINISHED, 1);
  handoffs = gil.recorder.snapshot().stats.switches;
}
parentPort?.postMessage({ ms: performance.now() - t0, handoffs });
