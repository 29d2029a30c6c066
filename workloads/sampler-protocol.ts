/**
 * Messages between the engine and the CPU sampler's own thread (entries/sampler-entry.ts). The sampler runs
 * in a thread of its own so that what it costs can be counted whole: that thread's CPU from its start to its
 * last reading, timer wake-ups and event-loop turns included, which a count around each reading misses.
 */
import type { CpuSample } from '../electron/common/report';

/** What the sampler's thread is told when it is created (workerData). */
export interface SamplerThreadData {
  readonly intervalMs: number;
  /** monoNow() when sampling started: samples' tMs are measured from here */
  readonly originMs: number;
  /** post each sample as it is taken (someone is watching); otherwise keep them until `stop` */
  readonly live: boolean;
}

export type SamplerHostMessage = { readonly type: 'stop' };

export type SamplerMessage =
  /**
   * the first reading (the baseline every later one is measured from) is taken. tid: the thread's id in the
   * operating system; cpuMs: the thread's CPU so far (its start), null where it cannot count itself
   */
  | { readonly type: 'ready'; readonly tid: number | null; readonly cpuMs: number | null }
  | { readonly type: 'sample'; readonly sample: CpuSample }
  | {
      readonly type: 'stopped';
      /** the samples not yet posted */
      readonly points: CpuSample[];
      /**
       * the thread's CPU from its start to now; where a thread cannot count itself (no /proc), the whole
       * process's around each reading, which counts other threads' work too and so errs high
       */
      readonly cpuMs: number;
    };
