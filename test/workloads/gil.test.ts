import { build } from 'esbuild';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGilBuffer } from '../../workloads/gil/layout';

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

describe('emulated GIL (after CPython ceval_gil.c)', () => {
  it('never has two holders while four CPU-bound threads contend', async () => {
    const { results, violations, holdersLeft } = await harness(4, 'contend', 300, 1);
    expect(violations).toBe(0);
    expect(holdersLeft).toBe(0);
    // with a 1 ms interval and 300 ms of work each, the lock must really change hands, by request
    const switches = results.reduce((a, r) => a + r.switches, 0);
    const forced = results.reduce((a, r) => a + r.forcedDrops, 0);
    expect(switches).toBeGreaterThan(50);
    expect(forced).toBeGreaterThan(50);
    // the threads took turns: total hold time adds up to about the serial work, not 4x in parallel
    for (const r of results) expect(r.holdMs).toBeGreaterThan(250);
  });

  it('gives a waiter the lock after about one switch interval (5 ms), not before and not much later', async () => {
    const { results } = await harness(2, 'hold-then-wait', 400, 5);
    const waited = results[1]?.waitedMs ?? -1;
    expect(waited).toBeGreaterThanOrEqual(4.5);
    expect(waited).toBeLessThan(5 + 25);
  });

  it('ties the wait to the configured interval (50 ms)', async () => {
    const { results } = await harness(2, 'hold-then-wait', 600, 50);
    const waited = results[1]?.waitedMs ?? -1;
    expect(waited).toBeGreaterThanOrEqual(48);
    expect(waited).toBeLessThan(50 + 40);
  });

  it('is released during I/O: another thread takes it while the holder sleeps', async () => {
    const { results, violations } = await harness(2, 'io', 300, 5);
    expect(violations).toBe(0);
    expect(results[1]?.waitedMs ?? 999).toBeLessThan(5);
    expect(results[0]?.forcedDrops).toBe(0);
  });
});
