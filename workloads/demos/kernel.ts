/** What a demo kernel gets from the entry that runs it, whether in a worker thread or a child process. */
import type { LaneLog } from './lane-log';

export interface KernelIo {
  /** this worker's lane on the demo's timeline */
  readonly lane: LaneLog;
  /** sends a message to the host while the kernel runs */
  post(data: unknown): void;
  /** messages from the host; in a child process a socket may come along as `handle` */
  onMessage(listener: (data: unknown, handle?: unknown) => void): void;
}
