/**
 * One worker, whatever runs it (after piscina/tinypool's runtime split): a worker thread or a child process
 * today; an interpreter in a child process (a real Python) would be one more class behind this interface.
 * Experiments (through the Pool) and demos (through DemoWorker) talk to this interface only.
 */
import type net from 'node:net';
import type { TransferListItem } from 'node:worker_threads';
import type { HostMessage, WorkerMessage } from '../../../workloads/protocol';

export type RuntimeKind = 'thread' | 'process';

/** How a worker ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  /** the worker hit its memory limit */
  readonly outOfMemory: boolean;
  /** last lines the worker wrote to stderr, or the error it died of */
  readonly detail: string;
}

/** What may travel with a message: ports and buffers to a thread, a socket to a process. */
export interface Attachment {
  readonly transfer?: readonly TransferListItem[];
  readonly socket?: net.Socket;
}

export interface WorkerHandle {
  readonly kind: RuntimeKind;
  /** resolves with the worker's pid and thread id once its entry has loaded and said so */
  readonly ready: Promise<{ pid: number; threadId: number }>;
  /** resolves once the worker is gone, however it ended (terminate() included) */
  readonly exited: Promise<ExitInfo>;
  /** true until the worker has ended */
  readonly alive: boolean;
  send(message: HostMessage, attachment?: Attachment): void;
  /** every message of the worker, the `ready` handshake included, in order */
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** called once if the worker ends before terminate() was called */
  onExit(listener: (info: ExitInfo) => void): void;
  /** Ends the worker now; resolves once it is gone. Safe to call twice. */
  terminate(): Promise<void>;
}

/** Fans worker messages out, resolves `ready` on the handshake and rejects it on an early exit. */
export class HandleEvents {
  private messageListeners: ((m: WorkerMessage) => void)[] = [];
  private exitListeners: ((i: ExitInfo) => void)[] = [];
  private resolveReady!: (v: { pid: number; threadId: number }) => void;
  private rejectReady!: (e: Error) => void;
  private resolveExited!: (i: ExitInfo) => void;
  private gone = false;
  terminating = false;
  readonly ready: Promise<{ pid: number; threadId: number }>;
  readonly exited: Promise<ExitInfo>;

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    // An unobserved rejection must not crash the host; the pool reports the failure itself.
    this.ready.catch(() => undefined);
  }

  message(m: WorkerMessage): void {
    if (m.type === 'ready') this.resolveReady({ pid: m.pid, threadId: m.threadId });
    for (const l of this.messageListeners) l(m);
  }

  exit(info: ExitInfo): void {
    if (this.gone) return;
    this.gone = true;
    this.rejectReady(new Error(`worker ended before it was ready: ${describeExit(info)}`));
    if (!this.terminating) for (const l of this.exitListeners) l(info);
    this.resolveExited(info);
  }

  get hasExited(): boolean {
    return this.gone;
  }

  addMessageListener(l: (m: WorkerMessage) => void): void {
    this.messageListeners.push(l);
  }

  addExitListener(l: (i: ExitInfo) => void): void {
    this.exitListeners.push(l);
  }
}

export function describeExit(info: ExitInfo): string {
  const how = info.signal ? `killed by ${info.signal}` : `exit code ${info.code ?? 'unknown'}`;
  return info.detail ? `${how}: ${info.detail}` : how;
}
