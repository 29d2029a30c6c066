/**
 * A small model of Python's threading.Thread over real worker threads: nothing runs until start(), start()
 * works once, join() waits for the end, is_alive() is true in between, and the module keeps the active
 * count (the main thread included), as threading.active_count() does.
 */
import type { DemoContext } from './context';
import type { DemoWorker } from './workers';
import { LIFECYCLE_BODY_KERNEL, type LifecycleInput } from '../../../workloads/demos/kernels/lifecycle';

/** Python's exception for starting a thread twice. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

type Body = LifecycleInput;

export class Threading {
  private readonly running = new Set<PyThread>();
  /** active_count() after every change, with the demo time */
  readonly history: { atMs: number; count: number }[] = [];

  constructor(readonly ctx: DemoContext) {
    this.history.push({ atMs: ctx.now(), count: this.activeCount() });
  }

  Thread(name: string, body: Body): PyThread {
    return new PyThread(this, name, body);
  }

  activeCount(): number {
    return 1 + this.running.size;
  }

  /** @internal bookkeeping for PyThread */
  changed(t: PyThread, alive: boolean): void {
    if (alive) this.running.add(t);
    else this.running.delete(t);
    this.history.push({ atMs: this.ctx.now(), count: this.activeCount() });
  }
}

export class PyThread {
  private worker: DemoWorker<{ threadId: number }> | null = null;
  private id: number | null = null;

  constructor(
    private readonly module: Threading,
    readonly name: string,
    private readonly body: Body,
  ) {}

  start(): void {
    if (this.worker) throw new RuntimeError('threads can only be started once');
    const w = this.module.ctx.thread(LIFECYCLE_BODY_KERNEL, this.body, { id: this.name, label: this.name });
    this.worker = w;
    this.module.changed(this, true);
    void w.ready.then((ids) => (this.id = ids.threadId)).catch(() => undefined);
    void w.exited.then(() => this.module.changed(this, false));
  }

  /** Python's is_alive(): started and not yet finished. */
  isAlive(): boolean {
    return this.worker?.alive ?? false;
  }

  /** Python's ident: null until the thread runs. */
  get ident(): number | null {
    return this.id;
  }

  /** Waits until the thread has ended; resolves with the demo time at which it ended. */
  async join(): Promise<number> {
    if (!this.worker) throw new RuntimeError('cannot join thread before it is started');
    const { atMs } = await this.module.ctx.guard(this.worker.exited);
    return atMs;
  }

  /** Resolves once the thread's body is running (so is_alive() can be asked mid-run). */
  async running(): Promise<void> {
    if (this.worker) await this.module.ctx.guard(this.worker.ready);
  }
}
