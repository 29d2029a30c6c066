/** Hand-off cost: the emulated GIL passing between two threads, against a raw Atomics ping-pong. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createGilBuffer, GIL_SLOTS } from '../workloads/gil/layout';

/** Microseconds per hand-off between two threads. */
async function pair(entry: string, mode: 'atomics' | 'gil', rounds: number): Promise<number> {
  const sab = mode === 'gil' ? createGilBuffer(5) : new SharedArrayBuffer(GIL_SLOTS * 4);
  const slots = new Int32Array(sab);
  const done = Promise.all(
    ([0, 1] as const).map(
      (side) =>
        new Promise<{ ms: number; handoffs: number }>((resolve, reject) => {
          const w = new Worker(entry, { workerData: { mode, sab, side, rounds } });
          w.once('message', (m: { ms: number; handoffs: number }) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  // slot 8 counts loaded threads, slot 9 is the start signal (both spare in the GIL layout)
  while (Atomics.load(slots, 8) < 2) await new Promise((r) => setTimeout(r, 1));
  Atomics.store(slots, 9, 1);
  Atomics.notify(slots, 9);
  const sides = await done;
  const ms = Math.max(...sides.map((s) => s.ms));
  const handoffs = sides.reduce((a, s) => a + s.handoffs, 0);
  return (ms * 1000) / Math.max(1, handoffs);
}

/** Microseconds per hand-off for each mode, measured alternately `trials` times; medians returned. */
export async function measureHandoff(entriesDir: string, rounds = 20_000, trials = 5) {
  const entry = path.join(entriesDir, 'handoff-worker.js');
  const atomics: number[] = [];
  const gil: number[] = [];
  await pair(entry, 'atomics', 1000); // warm both paths before timing
  await pair(entry, 'gil', 1000);
  for (let t = 0; t < trials; t++) {
    atomics.push(await pair(entry, 'atomics', rounds));
    gil.push(await pair(entry, 'gil', rounds));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { atomicsUs: med(atomics), gilUs: med(gil) };
}
