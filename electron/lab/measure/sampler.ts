/**
 * Per-core CPU load during an experiment, read in a thread of the sampler's own (workloads/entries/
 * sampler-entry.ts): from /proc/stat on Linux, from Node's per-core counters elsewhere. The first reading is
 * only the baseline the next is measured from: /proc/stat's counters are totals since boot.
 *
 * Its own cost in a report is what sampling really took, measured, not extrapolated: the CPU of its thread
 * from the thread's start to its last reading (/proc/thread-self/schedstat, the clock the workers use), which
 * holds everything that thread did, its timer wake-ups and event-loop turns as much as the readings; plus
 * what this thread spent starting it and handing on its live samples, counted around each. Counting around
 * each reading on this thread, as before, missed the wake-ups around it: half of the whole process's added
 * CPU at 100 Hz on a loaded machine. Still outside it: the thread's teardown after its last reading, and
 * V8's helper threads (garbage collection of its few short-lived arrays).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CpuSample } from '../../common/report';
import { monoNow } from '../../../workloads/clock';
import { processCpuClock, threadCpuClock } from '../../../workloads/cpu-clock';
import type {
  SamplerHostMessage,
  SamplerMessage,
  SamplerThreadData,
} from '../../../workloads/sampler-protocol';
import { checkEntriesDir, defaultEntriesDir } from '../runtime/entries';

/** The sampler thread's bundled entry, in the entries folder (out/lab). */
export const SAMPLER_ENTRY = 'sampler-entry.js';

export interface SamplerResult {
  readonly intervalMs: number;
  readonly points: CpuSample[];
  /** the sampler's own CPU time, as % of one core over the sampling period */
  readonly samplerCpuPct: number;
  /** the same in ms, and the period: from start() to the sampler thread's last reading */
  readonly samplerCpuMs: number;
  readonly elapsedMs: number;
  /** of samplerCpuMs, what starting it took (its thread's start and first reading, and this thread's share) */
  readonly startCpuMs: number;
  /**
   * why sampling ended early: its thread failed mid-run. The points are those that arrived before; the
   * sampler's own CPU is then unknown and given as 0.
   */
  readonly error?: string;
}

type Stopped = Extract<SamplerMessage, { type: 'stopped' }>;

export class CpuSampler {
  private worker: Worker | null = null;
  private readonly points: CpuSample[] = [];
  private readonly hostClock = threadCpuClock() ?? processCpuClock();
  private hostCpuMs = 0;
  private startedAt = 0;
  private tid: number | null = null;
  private startCpuMs = 0;
  private stopped: Promise<Stopped> | null = null;
  private exited: Promise<void> = Promise.resolve();
  private result: Promise<SamplerResult> | null = null;

  /** `onSample`, when given, is called with each sample as it is taken (otherwise they come at stop()). */
  constructor(
    private readonly intervalMs: number,
    private readonly onSample?: (sample: CpuSample) => void,
    private readonly entriesDir: string = defaultEntriesDir(),
  ) {}

  /** Starts the sampler's thread and resolves once it has its baseline reading. */
  async start(): Promise<void> {
    if (this.worker) throw new Error('the CPU sampler is already started');
    checkEntriesDir(this.entriesDir, [SAMPLER_ENTRY]);
    this.startedAt = performance.now();
    const cpu0 = this.hostClock.nowMs();
    const data: SamplerThreadData = {
      intervalMs: this.intervalMs,
      originMs: monoNow(),
      live: !!this.onSample,
    };
    const worker = new Worker(path.join(this.entriesDir, SAMPLER_ENTRY), {
      workerData: data,
      // The entry is plain bundled JS: no loader flags of the host (vitest, tsx) should leak into it.
      execArgv: [],
    });
    this.worker = worker;
    this.hostCpuMs += this.hostClock.nowMs() - cpu0;

    let failure: Error | null = null;
    worker.on('error', (err) => {
      failure = err;
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    const endedEarly = () =>
      this.exited.then(() => {
        throw failure ?? new Error('the CPU sampler thread ended before it was stopped');
      });
    // 'ready' is always its first message: the timer's first tick comes after the entry has run.
    const ready = new Promise<void>((resolve) =>
      worker.once('message', (m: SamplerMessage) => {
        if (m.type === 'ready') {
          this.tid = m.tid;
          this.startCpuMs = (m.cpuMs ?? 0) + this.hostCpuMs;
        }
        resolve();
      }),
    );
    const stopped = new Promise<Stopped>((resolve) =>
      worker.on('message', (m: SamplerMessage) => {
        if (m.type === 'sample') this.take(m.sample);
        else if (m.type === 'stopped') resolve(m);
      }),
    );
    this.stopped = Promise.race([stopped, endedEarly()]);
    this.stopped.catch(() => undefined); // a thread that dies early is reported by start() or stop()
    await Promise.race([ready, endedEarly()]);
    // An experiment that forgets to stop it must not be kept alive by it (stop() holds it again).
    worker.unref();
  }

  private take(sample: CpuSample): void {
    this.points.push(sample);
    if (!this.onSample) return;
    const cpu0 = this.hostClock.nowMs();
    this.onSample(sample);
    this.hostCpuMs += this.hostClock.nowMs() - cpu0;
  }

  /** The sampler thread's id in the operating system while it runs (Linux), to check that it ended. */
  get osThreadId(): number | null {
    return this.tid;
  }

  /** Stops the thread and waits until it has ended; the same result however often it is called. */
  stop(): Promise<SamplerResult> {
    this.result ??= this.finish();
    return this.result;
  }

  private async finish(): Promise<SamplerResult> {
    const worker = this.worker;
    const stopped = this.stopped;
    if (!worker || !stopped) {
      return {
        intervalMs: this.intervalMs,
        points: [],
        samplerCpuPct: 0,
        samplerCpuMs: 0,
        elapsedMs: 0,
        startCpuMs: 0,
      };
    }
    worker.ref();
    const message: SamplerHostMessage = { type: 'stop' };
    worker.postMessage(message);
    let reply: Stopped | null = null;
    let failure: string | null = null;
    let endedAt: number;
    try {
      reply = await stopped;
    } catch (err) {
      // A sampler that failed must not take the experiment's results with it: keep what it sent.
      failure = err instanceof Error ? err.message : String(err);
    } finally {
      endedAt = performance.now();
      // It ends by itself once it has answered; one that has not within seconds is ended here.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), 5000);
      });
      const outcome = await Promise.race([this.exited, late]);
      clearTimeout(timer);
      if (outcome === 'late') await worker.terminate();
    }
    const elapsedMs = Math.max(1, endedAt - this.startedAt);
    if (!reply)
      return {
        intervalMs: this.intervalMs,
        points: [...this.points],
        samplerCpuPct: 0,
        samplerCpuMs: 0,
        elapsedMs,
        startCpuMs: this.startCpuMs,
        error: `the CPU sampler's thread stopped during the run (${failure ?? 'no reason given'}); the samples end there and its own CPU is unknown`,
      };
    const samplerCpuMs = reply.cpuMs + this.hostCpuMs;
    return {
      intervalMs: this.intervalMs,
      points: [...this.points, ...reply.points],
      samplerCpuPct: (samplerCpuMs / elapsedMs) * 100,
      samplerCpuMs,
      elapsedMs,
      startCpuMs: this.startCpuMs,
    };
  }
}
