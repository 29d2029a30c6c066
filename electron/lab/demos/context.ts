/**
 * Everything a running demo may use, and the one place that knows what it started: every thread, process,
 * emulated GIL and server goes through here, so close() can end them all however the demo ended (finished,
 * failed, cancelled or out of time).
 */
import path from 'node:path';
import type { TransferListItem } from 'node:worker_threads';
import { LaneBoard, type DemoEvent, type LaneKind, type LaneState } from '../../common/demos';
import type { KernelRef } from '../../../workloads/demos/kernel';
import type { KernelStart } from '../../../workloads/protocol';
import { monoNow } from '../../../workloads/clock';
import { abortGil, createGilBuffer, setSwitchInterval } from '../../../workloads/gil/layout';
import { startWorker } from '../runtime/family';
import { forkLauncher, type LaunchedProcess, type ProcessLauncher } from '../runtime/launcher';
import { DemoWorker, type LaneSink } from './workers';

/**
 * Whole programs a demo runs as a process of their own, beside the runtimes' entries: a program that must end
 * by itself, as a Python interpreter does when its main thread is done, cannot be a worker that the host ends.
 */
export const DEMO_PROGRAMS = {
  exit: 'demo-exit.js',
} as const;

/** Heap limit of every demo thread and process: demos are small, a runaway one must not take the machine. */
const DEMO_MEMORY_LIMIT_MB = 256;

/** A program started by DemoContext.program(). */
export interface DemoProgram {
  readonly pid: number | undefined;
  /** resolves with the exit code once the program is gone */
  readonly exited: Promise<number | null>;
}

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
  /** how child processes are started (default: child_process.fork) */
  readonly launcher?: ProcessLauncher;
}

export class DemoContext implements LaneSink {
  readonly board = new LaneBoard();
  readonly origin = monoNow();
  readonly signal: AbortSignal;
  readonly slow: number;
  private readonly workers = new Set<DemoWorker<unknown>>();
  private readonly programs = new Map<LaunchedProcess, Promise<number | null>>();
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
  thread<I, O>(
    kernel: KernelRef<I, O>,
    input: I,
    lane: LaneSpec,
    opts: { gil?: boolean; transfer?: TransferListItem[] } = {},
  ): DemoWorker<O> {
    this.check();
    this.lane(lane, opts.gil ? 'gil-thread' : 'thread');
    const handle = startWorker('thread', {
      entriesDir: this.options.entriesDir,
      memoryLimitMb: DEMO_MEMORY_LIMIT_MB,
    });
    return this.track(
      new DemoWorker<O>(handle, kernelStart(kernel, input), lane.id, lane.label, this, {
        transfer: opts.transfer ?? [],
      }),
    );
  }

  /** Starts a child process (fork) running `kernel`. */
  process<I, O>(kernel: KernelRef<I, O>, input: I, lane: LaneSpec): DemoWorker<O> {
    this.check();
    this.lane(lane, 'process');
    const handle = startWorker('process', {
      entriesDir: this.options.entriesDir,
      memoryLimitMb: DEMO_MEMORY_LIMIT_MB,
      ...(this.options.launcher ? { launcher: this.options.launcher } : {}),
    });
    return this.track(new DemoWorker<O>(handle, kernelStart(kernel, input), lane.id, lane.label, this));
  }

  /**
   * Runs one of the bundled programs as a process of its own, started by the same launcher as the process
   * runtime. It speaks no protocol and listens to no messages, so it ends when its own work is done.
   */
  program(name: keyof typeof DEMO_PROGRAMS, args: readonly string[]): DemoProgram {
    this.check();
    const child = (this.options.launcher ?? forkLauncher)(
      path.join(this.options.entriesDir, DEMO_PROGRAMS[name]),
      { execArgv: [`--max-old-space-size=${DEMO_MEMORY_LIMIT_MB}`], args },
    );
    const exited = new Promise<number | null>((resolve) => child.onExit((code) => resolve(code)));
    // A launcher reports a failed start as an error event, and then the exit.
    child.onError(() => undefined);
    this.programs.set(child, exited);
    void exited.then(() => this.programs.delete(child));
    return { pid: child.pid, exited };
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

  /** Workers and programs still running. */
  get live(): number {
    return [...this.workers].filter((w) => w.alive).length + this.programs.size;
  }

  /** Ends everything the demo started and waits until it is gone. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.gils) abortGil(g);
    const exits = [...this.programs].map(([child, exited]) => {
      child.kill();
      return exited;
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

/** The start message names the kernel by its module and name: the function itself stays in this process. */
function kernelStart<I, O>(kernel: KernelRef<I, O>, input: I): KernelStart {
  return { file: kernel.file, kernel: kernel.name, input };
}
