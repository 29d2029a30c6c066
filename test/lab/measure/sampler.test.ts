/**
 * The sampler's cost in a report is what it really spent: a reading that burns 20 ms of CPU must show as
 * about 20 ms per reading, not as a figure extrapolated from a calibration. CPU time, not wall time, so a busy
 * machine stretches the test but does not change the figure.
 */
import { describe, expect, it } from 'vitest';
import { CpuSampler, coreLoadReader } from '../../../electron/lab/measure/sampler';
import { threadCpuClock } from '../../../workloads/cpu-clock';

describe('the CPU sampler', () => {
  it.runIf(threadCpuClock() !== null)('reports the CPU its readings really took', async () => {
    const clock = threadCpuClock();
    if (!clock) return;
    let readings = 0;
    const burn = () => {
      const until = clock.nowMs() + 20;
      while (clock.nowMs() < until);
      readings++;
      return Promise.resolve([50]);
    };
    const t0 = performance.now();
    const sampler = new CpuSampler(100, () => undefined, burn);
    await sampler.start();
    await new Promise((r) => setTimeout(r, 600));
    const result = await sampler.stop();
    const elapsedMs = performance.now() - t0;
    const expectedPct = ((readings * 20) / elapsedMs) * 100;
    expect(readings).toBeGreaterThanOrEqual(2);
    expect(result.samplerCpuPct).toBeGreaterThan(expectedPct * 0.8);
    expect(result.samplerCpuPct).toBeLessThan(expectedPct * 1.5);
  });

  it.runIf(process.platform === 'linux')('reads every core from /proc/stat, 0..100', async () => {
    const read = coreLoadReader();
    await new Promise((r) => setTimeout(r, 50));
    const loads = await read();
    expect(loads.length).toBeGreaterThan(0);
    for (const l of loads) expect(l).toBeGreaterThanOrEqual(0);
    for (const l of loads) expect(l).toBeLessThanOrEqual(100);
  });
});
