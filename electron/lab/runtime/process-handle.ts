/**
 * A child process behind the WorkerHandle interface. Its stderr is kept (the last few KiB) so a crash can be
 * explained; its heap is bounded with --max-old-space-size.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { HandleEvents, type WorkerHandle } from './handle';
import type { HostMessage, WorkerMessage } from '../../../workloads/protocol';

const STDERR_KEEP = 4096;

export class ProcessHandle implements WorkerHandle {
  readonly kind = 'process' as const;
  private readonly child: ChildProcess;
  private readonly events = new HandleEvents();
  private stderrTail = '';

  constructor(entryFile: string, memoryLimitMb: number) {
    this.child = fork(entryFile, [], {
      execArgv: [`--max-old-space-size=${memoryLimitMb}`],
      // Inside Electron, fork() runs the Electron binary: this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEEP);
    });
    this.child.on('message', (m: WorkerMessage) => this.events.message(m));
    this.child.on('error', (err) => {
      this.stderrTail += `\n${err.message}`;
    });
    this.child.on('exit', (code, signal) => {
      const tail = this.stderrTail.trim();
      this.events.exit({
        code,
        signal,
        outOfMemory: /heap out of memory|Allocation failed/i.test(tail),
        detail: lastLines(tail, 3),
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get ready() {
    return this.events.ready;
  }

  send(message: HostMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  onMessage(listener: (message: WorkerMessage) => void): void {
    this.events.addMessageListener(listener);
  }

  onExit(listener: Parameters<WorkerHandle['onExit']>[0]): void {
    this.events.addExitListener(listener);
  }

  async terminate(): Promise<void> {
    this.events.terminating = true;
    if (this.events.hasExited || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}

function lastLines(text: string, n: number): string {
  return text.split('\n').filter(Boolean).slice(-n).join(' | ');
}
