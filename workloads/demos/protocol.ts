/**
 * Messages between the demo host and the code running inside demo threads and processes, as discriminated
 * unions. Times are monoNow() values; the host turns them into ms since the demo started.
 */
import type { LaneState } from '../../electron/common/demos';

/** A span recorded inside a worker, on the monotonic clock. */
export interface RawSpan {
  readonly state: LaneState;
  readonly start: number;
  readonly end: number;
  readonly label?: string;
}

/** What a demo thread is given at creation (workerData); a demo process gets the same in its start message. */
export interface KernelStart {
  readonly kernel: string;
  readonly input: unknown;
}

export type ToWorker =
  { readonly type: 'start'; readonly start: KernelStart } | { readonly type: 'data'; readonly data: unknown };

export type FromWorker =
  | { readonly type: 'ready'; readonly pid: number; readonly threadId: number }
  | { readonly type: 'state'; readonly state: LaneState | null; readonly at: number; readonly label?: string }
  | { readonly type: 'spans'; readonly spans: readonly RawSpan[] }
  | { readonly type: 'truncated'; readonly at: number }
  | { readonly type: 'data'; readonly data: unknown }
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'error'; readonly message: string; readonly stack?: string };
