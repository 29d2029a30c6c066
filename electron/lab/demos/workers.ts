/**
 * A demo thread or process as the host sees it: who it is (pid, thread id), its lane, its result, its end.
 * Lane messages from the worker are turned into DemoEvents on the demo's clock as they arrive.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type net from 'node:net';
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { DemoEvent, ExecId } from '../../common/demos';
import type { FromWorker, KernelStart, ToWorker } from '../../../workloads/demos/protocol';

/** Where a worker's lane events go: the demo context, which also knows the demo's clock. */
export interface LaneSink {
  event(e: DemoEvent): void;
  /** a monoNow() value as ms since the demo started */
  ms(mono: number): number;
  now(): number;
}

const MEMORY_LIMIT_MB = 256;
const STDERR_KEEP = 2048;

export abstract class DemoWorker<O> {
  abstract readonly kind: 'thread' | 'process';
  readonly ready: Promise<ExecId>;
  readonly result: Promise<O>;
  /** resolves once the worker is gone, however it ended */
  readonly exited: Promise<{ readonly code: number | null; readonly atMs: number }>;
  private resolveReady!: (id: ExecId) => void;
  private rejectReady!: (e: Error) => void;
  private resolveResult!: (v: O) => void;
  private rejectResult!: (e: Error) => void;
  private resolveExited!: (v: { code: number | null; atMs: number }) => void;
  private dataListeners: ((data: unknown) => void)[] = [];
  private gone = false;
  protected terminating = false;

  constructor(
    readonly laneId: string,
    readonly label: string,
    protected readonly sink: LaneSink,
  ) {
    this.ready = new Promise((res, rej) => {
      this.resolveReady = res;
      this.rejectReady = rej;
    });
    this.result = new Promise((res, rej) => {
      this.resolveResult = res;
      this.rejectResult = rej;
    });
    this.exited = new Promise((res) => (this.resolveExited = res));
    // A demo that terminates a worker on purpose never reads its result; that must not crash the host.
    this.ready.catch(() => undefined);
    this.result.catch(() => undefined);
  }

  /** true until the worker has ended (Python's is_alive()) */
  get alive(): boolean {
    return !this.gone;
  }

  onData(listener: (data: unknown) => void): void {
    this.dataListeners.push(listener);
  }

  protected message(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.sink.event({ type: 'pid', laneId: this.laneId, pid: m.pid, threadId: m.threadId });
        this.resolveReady({ pid: m.pid, threadId: m.threadId });
        return;
      case 'state':
        this.sink.event({
          type: 'state',
          laneId: this.laneId,
          state: m.state,
          atMs: this.sink.ms(m.at),
          ...(m.label ? { label: m.label } : {}),
        });
        return;
      case 'truncated':
        this.sink.event({ type: 'truncated', laneId: this.laneId, atMs: this.sink.ms(m.at) });
        return;
      case 'spans':
        this.sink.event({
          type: 'spans',
          laneId: this.laneId,
          spans: m.spans.map((s) => ({
            state: s.state,
            startMs: this.sink.ms(s.start),
            endMs: this.sink.ms(s.end),
            ...(s.label ? { label: s.label } : {}),
          })),
        });
        return;
      case 'data':
        for (const l of this.dataListeners) l(m.data);
        return;
      case 'result':
        this.resolveResult(m.value as O);
        return;
      case 'error':
        this.rejectResult(new Error(`${this.label}: ${m.message}`));
    }
  }

  protected ended(code: number | null, detail: string): void {
    if (this.gone) return;
    this.gone = true;
    const atMs = this.sink.now();
    this.sink.event({ type: 'state', laneId: this.laneId, state: null, atMs });
    const why = this.terminating
      ? 'was stopped'
      : `ended (exit code ${code ?? 'none'})${detail ? `: ${detail}` : ''}`;
    this.rejectReady(new Error(`${this.label} ${why} before it was ready`));
    this.rejectResult(new Error(`${this.label} ${why} before it finished`));
    this.resolveExited({ code, atMs });
  }

  abstract send(data: unknown, handle?: net.Socket): void;
  /** Ends the worker now (a thread is terminated, a process killed); resolves once it is gone. */
  abstract terminate(): Promise<void>;
}

export class DemoThread<O> extends DemoWorker<O> {
  readonly kind = 'thread' as const;
  private readonly worker: Worker;
  private lastError = '';

  constructor(
    file: string,
    start: KernelStart,
    laneId: string,
    label: string,
    sink: LaneSink,
    transfer: TransferListItem[] = [],
  ) {
    super(laneId, label, sink);
    this.worker = new Worker(file, {
      workerData: start,
      transferList: transfer,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    this.worker.on('message', (m: FromWorker) => this.message(m));
    this.worker.on('error', (err) => (this.lastError = err.message));
    this.worker.on('exit', (code) => this.ended(code, this.lastError));
  }

  send(data: unknown): void {
    if (this.alive) this.worker.postMessage({ type: 'data', data } satisfies ToWorker);
  }

  async terminate(): Promise<void> {
    if (!this.alive) return;
    this.terminating = true;
    await this.worker.terminate();
    await this.exited;
  }
}

export class DemoProcess<O> extends DemoWorker<O> {
  readonly kind = 'process' as const;
  private readonly child: ChildProcess;
  private stderrTail = '';

  constructor(file: string, start: KernelStart, laneId: string, label: string, sink: LaneSink) {
    super(laneId, label, sink);
    this.child = fork(file, [], {
      execArgv: [`--max-old-space-size=${MEMORY_LIMIT_MB}`],
      // Inside Electron, fork() runs the Electron binary: this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on(
      'data',
      (s: string) => (this.stderrTail = (this.stderrTail + s).slice(-STDERR_KEEP)),
    );
    this.child.on('message', (m: FromWorker) => this.message(m));
    this.child.on('error', (err) => (this.stderrTail += `\n${err.message}`));
    // 'close' (not 'exit') comes after the IPC channel has delivered everything the child sent.
    this.child.on('close', (code) =>
      this.ended(code, this.stderrTail.trim().split('\n').slice(-2).join(' | ')),
    );
    this.child.send({ type: 'start', start } satisfies ToWorker);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(data: unknown, handle?: net.Socket): void {
    if (this.alive && this.child.connected)
      this.child.send({ type: 'data', data } satisfies ToWorker, handle);
  }

  async terminate(): Promise<void> {
    if (!this.alive) return;
    this.terminating = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
