/**
 * Everything a running demo may use, and the one place that knows what it started: every thread, process,
 * emulated GIL and server goes through here, so close() can end them all however the demo ended (finished,
 * failed, cancelled or out of time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { TransferListItem } from 'node:worker_threads';
import { LaneBoard, type DemoEvent, type LaneKind, type LaneState } from '../../common/demos';
import type { KernelInput, KernelName, KernelOutput } from '../../../workloads/demos/kernels';
import { monoNow } from '../../../workloads/clock';
import { abortGil, createGilBuffer, setSwitchInterval } from '../../../workloads/gil/layout';
import { DemoProcess, DemoThread, type DemoWorker, type LaneSink } from './workers';

export const DEMO_ENTRIES = {
  thread: 'demo-thread.js',
  process: 'demo-process.js',
  exit: 'demo-exit.js',
} as const;

export interface LaneSpec {
  readonly id: string;
  readonly label: string;
  readonly group?: string;
}

export interface ContextOptions {
  readonly entriesDir: string;
  readonly signal: AbortSignal;
  /** 1 at normal speed, SLOW_FACTOR in slow motion */
  readonly slow: number;
  readonly params: Readonly<Record<string, number>>;
  readonly onEvent?: (e: DemoEvent) => void;
}

export class DemoContext implements LaneSink {
  readonly board = new LaneBoard();
  readonly origin = monoNow();
  readonly signal: AbortSignal;
  readonly slow: number;
  private readonly workers = new Set<DemoWorker<unknown>>();
  private readonly children = new Set<ChildProcess>();
  private readonly gils: SharedArrayBuffer[] = [];
  private readonly closers: (() => void | Promise<void>)[] = [];
  private readonly abortPromise: Promise<never>;
  private closed = false;

  constructor(private readonly options: ContextOptions) {
    this.signal = options.signal;
    this.slow = options.slow;
    this.abortPromise = new Promise((_, reject) => {
      const fail = () =>
        reject(this.signal.reason instanceof Error ? this.signal.reason : new Error('aborted'));
      if (this.signal.aborted) fail();
      else this.signal.addEventListener('abort', fail, { once: true });
    });
    this.abortPromise.catch(() => undefined);
  }

  /** A parameter after defaults were applied (validated before the demo started). */
  param(name: string): number {
    const v = this.options.params[name];
    if (v === undefined) throw new Error(`demo parameter '${name}' is not declared in the catalog`);
    return v;
  }

  /** A deliberate pause of the demo, stretched in slow motion. */
  scaled(ms: number): number {
    return ms * this.slow;
  }

  now(): number {
    return monoNow() - this.origin;
  }

  ms(mono: number): number {
    return mono - this.origin;
  }

  event(e: DemoEvent): void {
    this.board.apply(e);
    try {
      this.options.onEvent?.(e);
    } catch {
      // A listener's bug must not break the demo or leave workers behind.
    }
  }

  phase(label: string): void {
    this.event({ type: 'phase', label, atMs: this.now() });
  }

  lane(spec: LaneSpec, kind: LaneKind, ids?: { pid: number; threadId: number }): void {
    this.event({ type: 'lane', lane: { ...spec, kind, ...(ids ?? {}) } });
  }

  state(laneId: string, state: LaneState | null, label?: string): void {
    this.event({ type: 'state', laneId, state, atMs: this.now(), ...(label ? { label } : {}) });
  }

  private check(): void {
    if (this.closed) throw new Error('the demo is over: nothing new may start');
    if (this.signal.aborted)
      throw this.signal.reason instanceof Error ? this.signal.reason : new Error('aborted');
  }

  private track<O>(w: DemoWorker<O>): DemoWorker<O> {
    this.workers.add(w as DemoWorker<unknown>);
    void w.exited.then(() => this.workers.delete(w as DemoWorker<unknown>));
    return w;
  }

  /** Starts a worker thread running `kernel`; `gil` marks its lane as GIL-bound. */
  thread<K extends KernelName>(
    kernel: K,
    input: KernelInput<K>,
    lane: LaneSpec,
    opts: { gil?: boolean; transfer?: TransferListItem[] } = {},
  ): DemoWorker<KernelOutput<K>> {
    this.check();
    this.lane(lane, opts.gil ? 'gil-thread' : 'thread');
    const file = path.join(this.options.entriesDir, DEMO_ENTRIES.thread);
    return this.track(
      new DemoThread<KernelOutput<K>>(file, { kernel, input }, lane.id, lane.label, this, opts.transfer),
    );
  }

  /** Starts a child process (fork) running `kernel`. */
  process<K extends KernelName>(
    kernel: K,
    input: KernelInput<K>,
    lane: LaneSpec,
  ): DemoWorker<KernelOutput<K>> {
    this.check();
    this.lane(lane, 'process');
    const file = path.join(this.options.entriesDir, DEMO_ENTRIES.process);
    return this.track(new DemoProcess<KernelOutput<K>>(file, { kernel, input }, lane.id, lane.label, this));
  }

  /** Runs one of the bundled scripts as a plain process (no IPC): for programs that must end on their own. */
  script(entry: keyof typeof DEMO_ENTRIES, args: readonly string[]): ChildProcess {
    this.check();
    const child = spawn(
      process.execPath,
      [path.join(this.options.entriesDir, DEMO_ENTRIES[entry]), ...args],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** A fresh emulated GIL; it is shut down (waking every waiter) when the demo ends. */
  gil(switchIntervalMs: number): SharedArrayBuffer {
    const sab = createGilBuffer(switchIntervalMs);
    this.gils.push(sab);
    return sab;
  }

  setSwitchInterval(gil: SharedArrayBuffer, ms: number): void {
    setSwitchInterval(gil, ms);
  }

  /** Runs `fn` when the demo ends (servers, sockets, temp files). */
  onClose(fn: () => void | Promise<void>): void {
    this.closers.push(fn);
  }

  /** Resolves `p`, or rejects as soon as the demo is cancelled or out of time. */
  guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.abortPromise]);
  }

  sleep(ms: number): Promise<void> {
    return this.guard(new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** Polls `cond` every couple of ms; rejects after `timeoutMs` naming `what`, or on abort. */
  async until(cond: () => boolean, timeoutMs: number, what: string): Promise<number> {
    const t0 = this.now();
    while (!cond()) {
      if (this.now() - t0 > timeoutMs) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
      await this.sleep(2);
    }
    return this.now();
  }

  /** Workers and scripts still running. */
  get live(): number {
    return [...this.workers].filter((w) => w.alive).length + this.children.size;
  }

  /** Ends everything the demo started and waits until it is gone. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.gils) abortGil(g);
    const exits = [...this.children].map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      const gone = once(c, 'exit');
      c.kill('SIGKILL');
      return gone;
    });
    await Promise.allSettled([...[...this.workers].map((w) => w.terminate()), ...exits]);
    // Servers and temp folders last, once nothing can use them any more; one failing must not stop the rest.
    for (const fn of this.closers.splice(0)) {
      try {
        await fn();
      } catch {
        // already closed or gone
      }
    }
  }
}
