/**
 * A demo thread or process as the host sees it: who it is (pid, thread id), its lane, its result, its end.
 * It runs one kernel on a worker of the runtime family; lane messages from the worker are turned into
 * DemoEvents on the demo's clock as they arrive.
 */
import type { DemoEvent, ExecId } from '../../common/demos';
import type { KernelStart, WorkerMessage } from '../../../workloads/protocol';
import type { Attachment, ExitInfo, RuntimeKind, WorkerHandle } from '../runtime/handle';

/** Where a worker's lane events go: the demo context, which also knows the demo's clock. */
export interface LaneSink {
  event(e: DemoEvent): void;
  /** a monoNow() value as ms since the demo started */
  ms(mono: number): number;
  now(): number;
}

export class DemoWorker<O> {
  readonly kind: RuntimeKind;
  readonly ready: Promise<ExecId>;
  readonly result: Promise<O>;
  /** resolves once the worker is gone, however it ended */
  readonly exited: Promise<{ readonly code: number | null; readonly atMs: number }>;
  private resolveResult!: (v: O) => void;
  private rejectResult!: (e: Error) => void;
  private dataListeners: ((data: unknown) => void)[] = [];
  private terminating = false;

  constructor(
    private readonly handle: WorkerHandle,
    start: KernelStart,
    readonly laneId: string,
    readonly label: string,
    private readonly sink: LaneSink,
    attachment?: Attachment,
  ) {
    this.kind = handle.kind;
    this.result = new Promise((res, rej) => {
      this.resolveResult = res;
      this.rejectResult = rej;
    });
    handle.onMessage((m) => this.message(m));
    this.ready = new Promise((resolve, reject) => {
      handle.ready.then(resolve, () => undefined);
      void handle.exited.then((info) =>
        reject(new Error(`${this.label} ${this.why(info)} before it was ready`)),
      );
    });
    this.exited = handle.exited.then((info) => {
      const atMs = this.sink.now();
      this.sink.event({ type: 'state', laneId: this.laneId, state: null, atMs });
      this.rejectResult(new Error(`${this.label} ${this.why(info)} before it finished`));
      return { code: info.code, atMs };
    });
    // A demo that terminates a worker on purpose never reads its result; that must not crash the host.
    this.ready.catch(() => undefined);
    this.result.catch(() => undefined);
    handle.send({ type: 'kernel', start }, attachment);
  }

  private why(info: ExitInfo): string {
    if (this.terminating) return 'was stopped';
    return `ended (exit code ${info.code ?? 'none'})${info.detail ? `: ${info.detail}` : ''}`;
  }

  /** true until the worker has ended (Python's is_alive()) */
  get alive(): boolean {
    return this.handle.alive;
  }

  onData(listener: (data: unknown) => void): void {
    this.dataListeners.push(listener);
  }

  private message(m: WorkerMessage): void {
    switch (m.type) {
      case 'ready':
        this.sink.event({ type: 'pid', laneId: this.laneId, pid: m.pid, threadId: m.threadId });
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
      case 'kernel-error':
        this.rejectResult(new Error(`${this.label}: ${m.message}`));
        return;
      default:
      // experiment answers (done, error) never come from a demo worker
    }
  }

  /** Sends data to the running kernel; a process may be handed a socket along with it. */
  send(data: unknown, attachment?: Attachment): void {
    if (this.alive) this.handle.send({ type: 'data', data }, attachment);
  }

  /** Ends the worker now (a thread is terminated, a process killed); resolves once it is gone. */
  async terminate(): Promise<void> {
    if (!this.alive) return;
    this.terminating = true;
    await this.handle.terminate();
    await this.exited;
  }
}
