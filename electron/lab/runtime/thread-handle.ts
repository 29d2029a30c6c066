/** A worker thread behind the WorkerHandle interface; memory bounded by resourceLimits. */
import { Worker } from 'node:worker_threads';
import type { HostMessage, ThreadWorkerData, WorkerMessage } from '../../../workloads/protocol';
import { HandleEvents, type Attachment, type ExitInfo, type WorkerHandle } from './handle';

export class ThreadHandle implements WorkerHandle {
  readonly kind = 'thread' as const;
  private readonly worker: Worker;
  private readonly events = new HandleEvents();
  private lastError: Error | null = null;

  constructor(entryFile: string, data: ThreadWorkerData, memoryLimitMb: number) {
    this.worker = new Worker(entryFile, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
      // The entry is plain bundled JS: no loader flags of the host (vitest, tsx) should leak into it.
      execArgv: [],
    });
    this.worker.on('message', (m: WorkerMessage) => this.events.message(m));
    this.worker.on('error', (err) => {
      this.lastError = err;
    });
    this.worker.on('exit', (code) => {
      const err = this.lastError as (Error & { code?: string }) | null;
      this.events.exit({
        code,
        signal: null,
        outOfMemory: err?.code === 'ERR_WORKER_OUT_OF_MEMORY',
        detail: err ? err.message : '',
      });
    });
  }

  get ready() {
    return this.events.ready;
  }

  get exited() {
    return this.events.exited;
  }

  get alive(): boolean {
    return !this.events.hasExited;
  }

  send(message: HostMessage, attachment: Attachment = {}): void {
    if (attachment.socket) throw new Error('attachment.socket: a worker thread cannot be sent a socket');
    if (this.alive) this.worker.postMessage(message, attachment.transfer);
  }

  onMessage(listener: (message: WorkerMessage) => void): void {
    this.events.addMessageListener(listener);
  }

  onExit(listener: (info: ExitInfo) => void): void {
    this.events.addExitListener(listener);
  }

  async terminate(): Promise<void> {
    this.events.terminating = true;
    if (this.events.hasExited) return;
    await this.worker.terminate();
    await this.events.exited;
  }
}
