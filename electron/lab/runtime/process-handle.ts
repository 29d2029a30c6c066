/**
 * A child process behind the WorkerHandle interface, started by an injected ProcessLauncher. Its stderr is
 * kept (the last few KiB) so a crash can be explained; its heap is bounded with --max-old-space-size.
 */
import type { HostMessage, WorkerMessage } from '../../../workloads/protocol';
import { HandleEvents, type Attachment, type ExitInfo, type WorkerHandle } from './handle';
import { forkLauncher, type LaunchedProcess, type ProcessLauncher } from './launcher';

/** How much of a child's stderr is kept to explain its end, and how many of its last lines are shown. */
const STDERR_KEEP_CHARS = 4096;
const STDERR_LINES_SHOWN = 3;

export class ProcessHandle implements WorkerHandle {
  readonly kind = 'process' as const;
  private readonly child: LaunchedProcess;
  private readonly events = new HandleEvents();
  private stderrTail = '';

  constructor(entryFile: string, memoryLimitMb: number, launch: ProcessLauncher = forkLauncher) {
    this.child = launch(entryFile, { execArgv: [`--max-old-space-size=${memoryLimitMb}`], args: [] });
    this.child.onStderr((text) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_KEEP_CHARS);
    });
    this.child.onMessage((m) => this.events.message(m as WorkerMessage));
    this.child.onError((err) => {
      this.stderrTail += `\n${err.message}`;
    });
    this.child.onExit((code, signal) => {
      const tail = this.stderrTail.trim();
      this.events.exit({
        code,
        signal,
        outOfMemory: /heap out of memory|Allocation failed/i.test(tail),
        detail: lastLines(tail, STDERR_LINES_SHOWN),
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
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
    if (attachment.transfer?.length)
      throw new Error('attachment.transfer: a child process cannot be sent transferables; send a socket');
    if (this.alive && this.child.connected) this.child.send(message, attachment.socket);
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
    this.child.kill();
    await this.events.exited;
  }
}

function lastLines(text: string, n: number): string {
  return text.split('\n').filter(Boolean).slice(-n).join(' | ');
}
