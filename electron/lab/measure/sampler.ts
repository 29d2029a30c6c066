/**
 * Per-core CPU load during an experiment, from systeminformation. Its first reading is discarded: it is the
 * average since boot, not a sample of this run.
 *
 * The sampler's own cost: Node 20 can only measure CPU per process, and during a run the worker threads
 * share the process, so the cost of one reading is measured in a short quiet calibration when the sampler
 * starts (before any worker exists) and multiplied by the number of readings taken.
 */
import si from 'systeminformation';
import type { CpuSample } from '../../common/report';

export interface SamplerResult {
  readonly intervalMs: number;
  readonly points: CpuSample[];
  /** the sampler's own CPU time, as % of one core over the sampling period */
  readonly samplerCpuPct: number;
}

export class CpuSampler {
  private timer: NodeJS.Timeout | null = null;
  private readonly points: CpuSample[] = [];
  private readings = 0;
  private cpuMsPerReading = 0;
  private startedAt = 0;
  private primed = false;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly onSample: (sample: CpuSample) => void = () => undefined,
    private readonly read: () => Promise<number[]> = readCoreLoads,
  ) {}

  async start(): Promise<void> {
    this.startedAt = performance.now();
    await this.tick(); // primes the counters; discarded
    await this.calibrate();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private async calibrate(rounds = 5): Promise<void> {
    const before = process.cpuUsage();
    for (let i = 0; i < rounds; i++) await this.read().catch(() => undefined);
    const used = process.cpuUsage(before);
    this.cpuMsPerReading = (used.user + used.system) / 1000 / rounds;
  }

  private tick(): Promise<void> {
    if (this.inFlight) return this.inFlight; // a slow read must not pile up behind itself
    this.inFlight = (async () => {
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
        this.readings++;
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
      samplerCpuPct: ((this.cpuMsPerReading * this.readings) / elapsedMs) * 100,
    };
  }
}

/** Load of each logical core (0..100) since the previous call. */
export async function readCoreLoads(): Promise<number[]> {
  const load = await si.currentLoad();
  return load.cpus.map((c) => c.load);
}
