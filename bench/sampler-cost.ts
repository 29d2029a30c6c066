/**
 * The CPU sampler's cost, two ways over the same windows at the same rate: what the whole process spent while
 * sampling (process.cpuUsage, every thread), and what the sampler says it spent (the figure a report states).
 * Windows with sampling alternate with idle windows of the same length (idle, on, idle, on, ..., idle), so
 * that a machine whose load drifts weighs on both alike: each sampling window is compared with the mean of
 * the idle windows either side, and medians are quoted. The idle windows give what the process spends doing
 * nothing (timers, GC, V8's helper threads), and how much that moves from one window to the next: the noise
 * any difference must beat.
 */
import os from 'node:os';
import { median } from '../electron/common/stats';
import { CpuSampler } from '../electron/lab/measure/sampler';

export interface SamplerCost {
  readonly intervalMs: number;
  readonly windowMs: number;
  /** sampling windows (each between two idle ones) */
  readonly repeats: number;
  /** whole process while sampling, % of one core (median) */
  readonly wholePct: number;
  /** whole process with nothing running (median of the idle windows) */
  readonly idlePct: number;
  /** how far one idle window is from the next (median): below this, a difference is noise */
  readonly idleSpreadPct: number;
  /** what sampling added: a sampling window minus the mean of the idle windows either side (median) */
  readonly addedPct: number;
  /** the sampler's own figure, as a report states it (median) */
  readonly selfPct: number;
  /** of the sampler's own CPU, what its start took (median, ms): paid once, before an experiment's first run */
  readonly startCpuMs: number;
  /** the 1-minute load average before and after, to say how busy the machine was */
  readonly loadAverage: readonly [number, number];
}

async function wholeProcessPct(during: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  const t0 = performance.now();
  await during();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function measureSamplerCost(
  intervalMs: number,
  windowMs: number,
  repeats: number,
): Promise<SamplerCost> {
  const load0 = os.loadavg()[0] ?? 0;
  const idle = [await wholeProcessPct(() => sleep(windowMs))];
  const whole: number[] = [];
  const self: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < repeats; i++) {
    whole.push(
      await wholeProcessPct(async () => {
        const sampler = new CpuSampler(intervalMs);
        await sampler.start();
        await sleep(windowMs);
        const result = await sampler.stop();
        self.push(result.samplerCpuPct);
        start.push(result.startCpuMs);
      }),
    );
    idle.push(await wholeProcessPct(() => sleep(windowMs)));
  }
  const neighbours = (i: number) => ((idle[i] ?? NaN) + (idle[i + 1] ?? NaN)) / 2;
  return {
    intervalMs,
    windowMs,
    repeats,
    wholePct: median(whole),
    idlePct: median(idle),
    idleSpreadPct: median(idle.slice(1).map((v, i) => Math.abs(v - (idle[i] ?? NaN)))),
    addedPct: median(whole.map((w, i) => w - neighbours(i))),
    selfPct: median(self),
    startCpuMs: median(start),
    loadAverage: [load0, os.loadavg()[0] ?? 0],
  };
}

/**
 * Why the sampler's own figure cannot be compared with what sampling added, or null when it can: either
 * figure missing or zero, or the added CPU lost in the idle process's own noise.
 */
export function unmeasurable(c: SamplerCost): string | null {
  if (!Number.isFinite(c.selfPct) || c.selfPct <= 0)
    return `the sampler's own figure is ${c.selfPct.toFixed(3)}%`;
  if (!Number.isFinite(c.addedPct) || c.addedPct <= 2 * c.idleSpreadPct)
    return `sampling added ${c.addedPct.toFixed(3)}%, within the idle process's noise (idle windows differ by ${c.idleSpreadPct.toFixed(3)}%)`;
  return null;
}
