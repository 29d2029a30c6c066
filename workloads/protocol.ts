/**
 * Messages between the host (engine) and its workers, as discriminated unions. The same messages travel over
 * a worker thread's port and a child process's IPC channel, for experiments and demos alike:
 * - an experiment worker lives through many runs: each `run` is answered by `done` or `error`;
 * - a demo worker lives for one kernel: `kernel` starts it, `data` goes both ways while it runs, lane
 *   messages (`state`, `spans`, `truncated`) draw its lane, and `result` or `kernel-error` ends its life.
 * Times are monoNow() values (workloads/clock.ts), the same clock in every thread and process.
 */
import type { LaneState } from '../electron/common/demos';
import type { Params, UnitEnv } from '../electron/common/workload';
import type { CpuMethod } from '../electron/common/report';
import type { RecorderSnapshot } from './gil/recorder';

/** One run's share of work for one worker. */
export interface RunJob {
  readonly runId: number;
  readonly workload: string;
  /** the absolute path of a user workload's file (the workload is the user's, not a built-in) */
  readonly source?: string;
  readonly params: Params;
  /**
   * Unit indices this worker runs, in order; with `queue`, the whole run's units, which this worker shares
   * with the run's other workers.
   */
  readonly units: readonly number[];
  /**
   * A shared queue of `units` (worker threads only: shared memory does not cross processes): an Int32 count
   * of units taken, from which every worker of the run takes the next unit when it is free, as a real
   * thread pool's workers take tasks, so no worker is left with units while another idles.
   */
  readonly queue?: SharedArrayBuffer;
  /** concurrent tasks on this worker's event loop (the async model); 1 otherwise */
  readonly concurrency: number;
  readonly env: UnitEnv;
  /** record GIL spans for the timeline */
  readonly timeline: boolean;
  /** monoNow() at dispatch: spans are measured from here */
  readonly originMs: number;
}

/** The demo kernel a worker runs, by its module and name (a KernelRef's file and name), with its input. */
export interface KernelStart {
  readonly file: string;
  readonly kernel: string;
  readonly input: unknown;
}

/** A span recorded inside a worker, on the monotonic clock. */
export interface RawSpan {
  readonly state: LaneState;
  readonly start: number;
  readonly end: number;
  readonly label?: string;
}

export type HostMessage =
  | { readonly type: 'run'; readonly job: RunJob }
  | { readonly type: 'kernel'; readonly start: KernelStart }
  | { readonly type: 'data'; readonly data: unknown }
  | { readonly type: 'exit' };

export interface DoneMessage {
  readonly type: 'done';
  readonly runId: number;
  readonly checksum: number;
  readonly unitsDone: number;
  /** monoNow() when this worker started and finished its units */
  readonly startMs: number;
  readonly endMs: number;
  /** JS heap of this thread (threads) or resident memory of this process (processes), in bytes */
  readonly memoryBytes: number;
  /**
   * CPU time this worker itself spent on the job (any runtime that can count its own: a thread, a child
   * process, an interpreter process), and how it was counted; null when it cannot, and the host counts.
   */
  readonly cpuMs: number | null;
  readonly cpuMethod: CpuMethod | null;
  readonly gil: RecorderSnapshot | null;
}

/** How a demo kernel ended: the last message of a demo worker. */
export type KernelOutcome =
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'kernel-error'; readonly message: string; readonly stack?: string };

/** What a demo kernel reports about its own lane while it runs. */
export type LaneMessage =
  | { readonly type: 'state'; readonly state: LaneState | null; readonly at: number; readonly label?: string }
  | { readonly type: 'spans'; readonly spans: readonly RawSpan[] }
  | { readonly type: 'truncated'; readonly at: number };

export type WorkerMessage =
  | { readonly type: 'ready'; readonly pid: number; readonly threadId: number }
  | DoneMessage
  | { readonly type: 'error'; readonly runId: number; readonly message: string; readonly stack?: string }
  | LaneMessage
  | { readonly type: 'data'; readonly data: unknown }
  | KernelOutcome;

/** What a thread worker is told when it is created (workerData). */
export interface ThreadWorkerData {
  readonly index: number;
  /** present for GIL-bound experiment workers: the shared state of their one lock */
  readonly gil: SharedArrayBuffer | null;
}

/** The error an entry reports, whatever was thrown. */
export function errorFields(err: unknown): { message: string; stack?: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  return { message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}
