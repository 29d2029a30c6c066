/**
 * Messages between the host (engine) and its workers, as discriminated unions. The same messages travel over
 * a worker thread's port and a child process's IPC channel.
 */
import type { Params, UnitEnv } from '../../../workloads/types';
import type { RecorderSnapshot } from '../gil/recorder';
import type { CpuMethod } from '../../common/report';

/** One run's share of work for one worker. */
export interface RunJob {
  readonly runId: number;
  readonly workload: string;
  readonly params: Params;
  /** unit indices this worker runs, in order */
  readonly units: readonly number[];
  /** concurrent tasks on this worker's event loop (the async model); 1 otherwise */
  readonly concurrency: number;
  readonly env: UnitEnv;
  /** record GIL spans for the timeline */
  readonly timeline: boolean;
  /** sharedNow() at dispatch: spans are measured from here */
  readonly originMs: number;
}

export type HostMessage = { readonly type: 'run'; readonly job: RunJob } | { readonly type: 'exit' };

export interface DoneMessage {
  readonly type: 'done';
  readonly runId: number;
  readonly checksum: number;
  readonly unitsDone: number;
  /** sharedNow() when this worker started and finished its units */
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

export type WorkerMessage =
  | { readonly type: 'ready'; readonly pid: number; readonly threadId: number }
  | DoneMessage
  | { readonly type: 'error'; readonly runId: number; readonly message: string; readonly stack?: string };

/** What a thread worker is told when it is created (workerData). */
export interface ThreadWorkerData {
  readonly index: number;
  /** present for GIL-bound workers: the shared state of their one lock */
  readonly gil: SharedArrayBuffer | null;
}
