import { build } from 'esbuild';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { Gil } from '../../workloads/gil/gil';
import { createGilBuffer, SWITCH_NUMBER } from '../../workloads/gil/layout';

const outFile = path.resolve('.tmp/test-build/gil-harness.js');

beforeAll(async () => {
  await build({
    entryPoints: ['test/fixtures/gil-harness.ts'],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
});

type Stats = {
  holdMs: number;
  waitMs: number;
  switches: number;
  forcedDrops: number;
  acquisitions: number;
  waitedMs?: number;
};

async function harness(threads: number, mode: string, ms: number, intervalMs: number) {
  const gil = createGilBuffer(intervalMs);
  const shared = new SharedArrayBuffer(16);
  const results = await Promise.all(
    Array.from({ length: threads }, (_, index) => {
      const w = new Worker(outFile, { workerData: { gil, shared, index, mode, ms } });
      return new Promise<Stats>((resolve, reject) => {
        w.once('message', (m: Stats) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
      });
    }),
  );
  return { results, violations: new Int32Array(shared)[1] as number, holdersLeft: new Int32Array(shared)[0] };
}

/**
 * The waiter's wait in each of `trials` runs of 'hold-then-wait' (the holder computes for `holdMs`), kept only
 * where the holder was made to drop the lock: on a busy machine the waiter can start so late that the holder
 * has finished and let go on its own, and such a wait says nothing about the switch interval.
 */
async function forcedWaits(
  trials: number,
  intervalMs: number,
  holdMs: number,
  mode: 'hold-then-wait' | 'native-calls' = 'hold-then-wait',
): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < trials; i++) {
    const { results } = await harness(2, mode, holdMs, intervalMs);
    if ((results[0]?.forcedDrops ?? 0) > 0) waits.push(results[1]?.waitedMs ?? -1);
  }
  expect(waits.length, 'trials in which the holder was asked to drop the lock').toBeGreaterThan(0);
  return waits;
}

describe('emulated GIL (after CPython ceval_gil.c)', () => {
  // Uncontended, so it runs on this thread: nothing ever waits.
  it('counts a switch only when the holder changes, as CPython counts switch_number', () => {
    const sab = createGilBuffer(5);
    const switchNumber = () => Atomics.load(new Int32Array(sab), SWITCH_NUMBER);
    const [a, b] = [new Gil(sab, 0), new Gil(sab, 1)];
    a.acquire();
    expect(switchNumber()).toBe(1);
    // letting go around a call and taking the lock back, with no one in between, is no switch
    expect(a.native(() => 42)).toBe(42);
    expect(switchNumber()).toBe(1);
    a.release();
    b.acquire();
    expect(switchNumber()).toBe(2);
    b.release();
    expect(a.recorder.snapshot().stats).toMatchObject({ acquisitions: 2, switches: 0, forcedDrops: 0 });
    expect(b.recorder.snapshot().stats).toMatchObject({ acquisitions: 1, switches: 1 });
  });

  it('never has two holders while four CPU-bound threads contend', async () => {
    const { results, violations, holdersLeft } = await harness(4, 'contend', 300, 1);
    expect(violations).toBe(0);
    expect(holdersLeft).toBe(0);
    // With a 1 ms interval and 300 ms of work each, the lock must really change hands, by request: without
    // forced drops the four would run one after another, 3 switches in all. On a quiet machine there are
    // hundreds; with one core kept busy, 45 were counted once, so the bound is 10.
    const switches = results.reduce((a, r) => a + r.switches, 0);
    const forced = results.reduce((a, r) => a + r.forcedDrops, 0);
    expect(switches).toBeGreaterThan(10);
    expect(forced).toBeGreaterThan(10);
    // the threads took turns: total hold time adds up to about the serial work, not 4x in parallel
    for (const r of results) expect(r.holdMs).toBeGreaterThan(250);
  });

  // A waiter asks only after a whole interval without a switch, so forced hand-offs are at most one per
  // interval of wall time (200 a second at 5 ms, as CPython's); a busy machine can only make them rarer. The
  // wall time here includes starting the workers, which loosens the bound but never tightens it.
  it('hands the lock over at most once per switch interval, and does hand it over', async () => {
    const t0 = performance.now();
    const { results, violations } = await harness(2, 'contend', 300, 5);
    const wallMs = performance.now() - t0;
    expect(violations).toBe(0);
    const forced = results.reduce((a, r) => a + r.forcedDrops, 0);
    expect(forced).toBeLessThanOrEqual(wallMs / 5 + 4);
    expect(forced).toBeGreaterThan(10);
  });

  // How long a waiter waits is one interval plus however late the OS runs the holder and wakes the waiter:
  // with one core kept busy, the quickest of four hand-overs at 5 ms still took 49.6 ms here. So every
  // forced hand-over must take at least the interval (that bound is firm), and the quickest of a few must
  // come within 100 ms more, where without forced switching the waiter would wait for the rest of the
  // holder’s work (380 and 580 ms). How close to 5 ms it comes on a quiet machine is not asserted.
  it('gives a waiter the lock after about one switch interval (5 ms), not before and not much later', async () => {
    const waits = await forcedWaits(4, 5, 400);
    for (const waited of waits) expect(waited).toBeGreaterThanOrEqual(4.5);
    expect(Math.min(...waits)).toBeLessThan(5 + 100);
  });

  it('ties the wait to the configured interval (50 ms)', async () => {
    const waits = await forcedWaits(3, 50, 600);
    for (const waited of waits) expect(waited).toBeGreaterThanOrEqual(48);
    expect(Math.min(...waits)).toBeLessThan(50 + 100);
  });

  // A holder with no checkpoint gives the lock up only where it lets go of it around a call (every 10 ms
  // here). Had it not to serve the pending request there, it would take the lock straight back (a waiter
  // wakes far more slowly than that) and the waiter would wait for the rest of its 600 ms.
  it('makes a holder that lets go around a call give the lock to a waiter that asked', async () => {
    const waits = await forcedWaits(3, 5, 600, 'native-calls');
    for (const waited of waits) expect(waited).toBeGreaterThanOrEqual(4.5);
    expect(Math.min(...waits)).toBeLessThan(5 + 10 + 100);
  });

  it('is released during I/O: another thread takes it while the holder sleeps', async () => {
    const { results, violations } = await harness(2, 'io', 300, 5);
    expect(violations).toBe(0);
    // The holder sleeps 300 ms in I/O: a lock kept through the sleep would make the other thread wait for
    // most of it. Well under that is "taken during the sleep" however late a busy machine runs either thread.
    expect(results[1]?.waitedMs ?? 999).toBeLessThan(100);
    expect(results[0]?.forcedDrops).toBe(0);
  });
});
