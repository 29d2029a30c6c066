/**
 * Per-core CPU load during an experiment: on Linux from /proc/stat directly (one small file read; the
 * difference between two readings), elsewhere from systeminformation. Its first reading is discarded: it is
 * the average since boot, not a sample of this run.
 *
 * The sampler's own cost is what it really spent: the CPU of the thread it runs on, counted around every
 * reading (its callback included) with the same per-thread clock the workers use, so the worker threads
 * sharing the process stay out of it. Where a thread cannot count itself, the whole process is counted
 * around each reading, which may include a worker's CPU and so errs high, never low.
 */
import si from 'systeminformation';
import type { CpuSample } from '../../common/report';
import { processCpuClock, threadCpuClock } from '../../../workloads/cpu-clock';
import { busyBetween, readProcStat, type ProcStat } from './proc-stat';

export interface SamplerResult {
  readonly intervalMs: number;
  readonly points: CpuSample[];
  /** the sampler's own CPU time, as % of one core over the sampling period */
  readonly samplerCpuPct: number;
}

export class CpuSampler {
  private timer: NodeJS.Timeout | null = null;
  private readonly points: CpuSample[] = [];
  private ownCpuMs = 0;
  private readonly clock = threadCpuClock() ?? processCpuClock();
  private startedAt = 0;
  private primed = false;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly onSample: (sample: CpuSample) => void = () => undefined,
    private readonly read: () => Promise<number[]> = coreLoadReader(),
  ) {}

  async start(): Promise<void> {
    this.startedAt = performance.now();
    await this.tick(); // primes the counters; discarded
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    if (this.inFlight) return this.inFlight; // a slow read must not pile up behind itself
    this.inFlight = (async () => {
      const cpu0 = this.clock.nowMs();
      try {
        const loads = await this.read();
        const sample: CpuSample = {
          tMs: performance.now() - this.startedAt,
          loadPct: loads.map((l) => Math.min(100, Math.max(0, Number.isFinite(l) ? l : 0))),
        };
        if (this.primed) {
          this.points.push(sample);
          this.onSample(sample);
        }
        this.primed = true;
      } catch {
        // a failed reading is a missing point, not a failed experiment
      } finally {
        this.ownCpuMs += this.clock.nowMs() - cpu0;
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  async stop(): Promise<SamplerResult> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
    const elapsedMs = Math.max(1, performance.now() - this.startedAt);
    return {
      intervalMs: this.intervalMs,
      points: this.points,
      samplerCpuPct: (this.ownCpuMs / elapsedMs) * 100,
    };
  }
}

/**
 * A reader of each logical core's load (0..100) since its previous call: /proc/stat where there is one,
 * systeminformation's currentLoad (which costs several times more) elsewhere.
 */
export function coreLoadReader(): () => Promise<number[]> {
  let previous: ProcStat | null = readProcStat();
  if (!previous) return readCoreLoadsSi;
  return () => {
    const now = readProcStat();
    if (!now || !previous) return Promise.reject(new Error('/proc/stat could not be read'));
    const loads = busyBetween(previous, now).perCorePct;
    previous = now;
    return Promise.resolve(loads);
  };
}

async function readCoreLoadsSi(): Promise<number[]> {
  const load = await si.currentLoad();
  return load.cpus.map((c) => c.load);
}
