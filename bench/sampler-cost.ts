/**
 * The CPU sampler's cost, two ways over the same window at the same rate: what the whole process spent while
 * sampling (process.cpuUsage, every thread), and what the sampler says it spent (the figure a report states).
 * An idle window of the same length before and after gives what the process spends doing nothing (timers, GC,
 * V8's helper threads), and how much that moves between two windows: the noise any difference must beat.
 */
import { CpuSampler } from '../electron/lab/measure/sampler';

export interface SamplerCost {
  readonly intervalMs: number;
  readonly windowMs: number;
  /** whole process while sampling, % of one core */
  readonly wholePct: number;
  /** whole process with nothing running: the mean of the windows before and after */
  readonly idlePct: number;
  /** how far the two idle windows differ: below this, a difference is noise */
  readonly idleSpreadPct: number;
  /** wholePct - idlePct: what sampling added */
  readonly addedPct: number;
  /** the sampler's own figure, as a report states it */
  readonly selfPct: number;
}

async function wholeProcessPct(during: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  const t0 = performance.now();
  await during();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function measureSamplerCost(intervalMs: number, windowMs: number): Promise<SamplerCost> {
  const idleBefore = await wholeProcessPct(() => sleep(windowMs));
  let selfPct = Number.NaN;
  const wholePct = await wholeProcessPct(async () => {
    const sampler = new CpuSampler(intervalMs);
    await sampler.start();
    await sleep(windowMs);
    selfPct = (await sampler.stop()).samplerCpuPct;
  });
  const idleAfter = await wholeProcessPct(() => sleep(windowMs));
  const idlePct = (idleBefore + idleAfter) / 2;
  return {
    intervalMs,
    windowMs,
    wholePct,
    idlePct,
    idleSpreadPct: Math.abs(idleBefore - idleAfter),
    addedPct: wholePct - idlePct,
    selfPct,
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
    return `sampling added ${c.addedPct.toFixed(3)}%, within the idle process's noise (two idle windows differ by ${c.idleSpreadPct.toFixed(3)}%)`;
  return null;
}
