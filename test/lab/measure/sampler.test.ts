/**
 * The sampler's cost in a report is what it really spent, measured: its own thread's CPU from start to its
 * last reading, plus what this thread spent on it. These tests check the mechanism (a figure that is there,
 * positive and no more than the whole process spent; a thread that ends when the sampler stops), not how
 * cheap it is: a busy machine changes that, and `npm run bench` measures it against the whole process.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CpuSample } from '../../../electron/common/report';
import { CpuSampler, SAMPLER_ENTRY } from '../../../electron/lab/measure/sampler';
import { onLinux } from '../../support/skip';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(done: () => boolean, what: string): Promise<void> {
  for (const t0 = performance.now(); !done(); await sleep(20))
    if (performance.now() - t0 > 30_000) throw new Error(`timed out waiting for ${what}`);
}

const processCpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

describe('the CPU sampler', () => {
  it('measures its own cost: positive after a few samples, and a part of what the whole process spent', async () => {
    const cpu0 = process.cpuUsage();
    const seen: CpuSample[] = [];
    const sampler = new CpuSampler(20, (s) => seen.push(s));
    await sampler.start();
    await until(() => seen.length >= 5, 'five samples');
    const result = await sampler.stop();
    const wholeMs = processCpuMs(cpu0);

    expect(result.points.length).toBeGreaterThanOrEqual(5);
    expect(result.points.slice(0, seen.length)).toEqual(seen);
    for (const p of result.points) {
      expect(p.tMs).toBeGreaterThanOrEqual(0);
      for (const l of p.loadPct) expect(l).toBeGreaterThanOrEqual(0);
      for (const l of p.loadPct) expect(l).toBeLessThanOrEqual(100);
    }
    expect(result.samplerCpuMs).toBeGreaterThan(0);
    expect(result.samplerCpuPct).toBeGreaterThan(0);
    expect(result.samplerCpuPct).toBeCloseTo((result.samplerCpuMs / result.elapsedMs) * 100);
    // Its thread and this thread's share are both in the process's CPU; the rest of the process is not in it.
    expect(result.samplerCpuMs).toBeLessThanOrEqual(wholeMs);
  });

  it.runIf(onLinux('test/lab/measure/sampler (own thread)', 'threads counted in /proc/self/task'))(
    'runs in a thread of its own that has ended once stop() resolves; samples nobody listened to come then',
    async () => {
      const sampler = new CpuSampler(10);
      await sampler.start();
      const tid = sampler.osThreadId;
      expect(tid).not.toBeNull();
      expect(existsSync(`/proc/self/task/${tid}`)).toBe(true);
      await sleep(300);
      const result = await sampler.stop();
      expect(existsSync(`/proc/self/task/${tid}`)).toBe(false);
      expect(result.points.length).toBeGreaterThan(0);
      expect(await sampler.stop()).toBe(result);
    },
  );

  it('a thread that cannot start fails start(), naming its entry; stop() then has nothing to report', async () => {
    const sampler = new CpuSampler(100, undefined, '/nonexistent/threadlab-entries');
    await expect(sampler.start()).rejects.toThrow(SAMPLER_ENTRY);
    expect(await sampler.stop()).toMatchObject({ points: [], samplerCpuPct: 0 });
  });

  it('a thread that dies mid-run: stop() keeps the samples that came and says why they end', async () => {
    const seen: CpuSample[] = [];
    const sampler = new CpuSampler(20, (s) => seen.push(s));
    await sampler.start();
    await until(() => seen.length >= 2, 'two samples');
    // what an uncaught fault in the thread would do: it ends without answering stop
    await (sampler as unknown as { worker: Worker }).worker.terminate();
    const result = await sampler.stop();
    expect(result.error).toMatch(/the CPU sampler's thread stopped during the run/);
    expect(result.points.length).toBeGreaterThanOrEqual(2);
    expect(result.samplerCpuPct).toBe(0);
  });
});
