/**
 * One worker, whatever runs it: a worker thread or a child process (after piscina/tinypool's runtime split).
 * The pool talks to this interface only.
 */
import type { HostMessage, WorkerMessage } from '../../../workloads/protocol';

/** How a worker ended when nobody asked it to. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  /** the worker hit its memory limit */
  readonly outOfMemory: boolean;
  /** last lines the worker wrote to stderr, or the error it died of */
  readonly detail: string;
}

export interface WorkerHandle {
  readonly kind: 'thread' | 'process';
  /** resolves with the worker's pid and thread id once its entry has loaded and said so */
  readonly ready: Promise<{ pid: number; threadId: number }>;
  send(message: HostMessage): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** called once if the worker ends before terminate() was called */
  onExit(listener: (info: ExitInfo) => void): void;
  /** Ends the worker now; resolves once it is gone. Safe to call twice. */
  terminate(): Promise<void>;
}

/** Splits worker messages into the ready handshake and the rest; rejects `ready` on an early exit. */
export class HandleEvents {
  private messageListeners: ((m: WorkerMessage) => void)[] = [];
  private exitListeners: ((i: ExitInfo) => void)[] = [];
  private resolveReady!: (v: { pid: number; threadId: number }) => void;
  private rejectReady!: (e: Error) => void;
  private exited = false;
  terminating = false;
  readonly ready: Promise<{ pid: number; threadId: number }>;

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // An unobserved rejection must not crash the host; the pool reports the failure itself.
    this.ready.catch(() => undefined);
  }

  message(m: WorkerMessage): void {
    if (m.type === 'ready') this.resolveReady({ pid: m.pid, threadId: m.threadId });
    else for (const l of this.messageListeners) l(m);
  }

  exit(info: ExitInfo): void {
    if (this.exited) return;
    this.exited = true;
    this.rejectReady(new Error(`worker ended before it was ready: ${describeExit(info)}`));
    if (!this.terminating) for (const l of this.exitListeners) l(info);
  }

  get hasExited(): boolean {
    return this.exited;
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
