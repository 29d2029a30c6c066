/**
 * The runtime family: one way to start a worker of each kind, used by the experiment executors and by the
 * demos. Each kind has one bundled entry (workloads/entries/<kind>-entry.ts) that serves experiment runs
 * and demo kernels alike. A new runtime (an interpreter such as Python in a child process) is one more
 * entry in RUNTIME_ENTRIES, one more WorkerHandle class and one more case in startWorker.
 */
import path from 'node:path';
import type { ThreadWorkerData } from '../../../workloads/protocol';
import type { RuntimeKind, WorkerHandle } from './handle';
import type { ProcessLauncher } from './launcher';
import { ProcessHandle } from './process-handle';
import { ThreadHandle } from './thread-handle';

/** The bundled entry file of each runtime, in the entries folder (out/lab). */
export const RUNTIME_ENTRIES: Readonly<Record<RuntimeKind, string>> = {
  thread: 'thread-entry.js',
  process: 'process-entry.js',
};

export interface WorkerOptions {
  /** folder holding the bundled entries */
  readonly entriesDir: string;
  readonly memoryLimitMb: number;
  /** threads: this worker's index and, for GIL-bound experiment workers, their lock (default: none) */
  readonly thread?: ThreadWorkerData;
  /** processes: how to start one (default: child_process.fork) */
  readonly launcher?: ProcessLauncher;
}

export function startWorker(kind: RuntimeKind, options: WorkerOptions): WorkerHandle {
  const entry = path.join(options.entriesDir, RUNTIME_ENTRIES[kind]);
  switch (kind) {
    case 'thread':
      return new ThreadHandle(entry, options.thread ?? { index: 0, gil: null }, options.memoryLimitMb);
    case 'process':
      return new ProcessHandle(entry, options.memoryLimitMb, options.launcher);
  }
}
