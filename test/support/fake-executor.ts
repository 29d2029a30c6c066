/**
 * A fake ExecutorFactory for the runner: it starts no worker and answers each run from a script, so
 * planning, interleaving, warmup, failure, timeout and cancel are tested in milliseconds (as hyperfine
 * tests its scheduler with a mock executor). It fails the way a real Pool does: a RunFailure that leaves the
 * executor broken, a timeout after the request's timeoutMs, 'cancelled' when the signal aborts.
 */
import type { Model } from '../../electron/common/config';
import type {
  Executor,
  ExecutorFactory,
  ExecutorOptions,
  RunOutcome,
  RunRequest,
} from '../../electron/lab/runtime/executor';
import { RunFailure } from '../../electron/lab/runtime/pool';

/** One run as the runner asked for it, in the order it asked. */
export interface FakeCall {
  readonly model: Model;
  readonly workload: string;
  readonly workers: number;
  /** the runner's sequence number of the run (warmups included) */
  readonly runId: number;
  /** which executor of this model served it: 0 the first, 1 its first replacement, ... */
  readonly generation: number;
}

/**
 * What a scripted run does: measure (the default), fail at once (a RunFailure as the pool raises, or any
 * other error), or hang until timeout or cancel.
 */
export type FakeAnswer =
  | { readonly wallMs?: number; readonly checksum?: number }
  | { readonly fail: Error }
  | { readonly hang: true };

export type FakeScript = (call: FakeCall) => FakeAnswer;

export interface FakeExecutors {
  readonly factory: ExecutorFactory;
  /** every executor made, in order, with what the runner told it */
  readonly created: { readonly model: Model; readonly options: ExecutorOptions }[];
  readonly calls: FakeCall[];
  /** executors started and not yet closed */
  open(): number;
}

/** Start-up time each fake worker reports: worker i takes 10 + i ms. */
export const FAKE_SPAWN_MS = (i: number): number => 10 + i;

/**
 * The fake factory. `failStart(model, generation)` makes that executor's start() reject, as a worker that
 * cannot load its entry does.
 */
export function fakeExecutors(
  script: FakeScript = () => ({}),
  failStart: (model: Model, generation: number) => boolean = () => false,
): FakeExecutors {
  const created: FakeExecutors['created'] = [];
  const calls: FakeCall[] = [];
  const generations = new Map<Model, number>();
  let open = 0;

  const factory: ExecutorFactory = (model, options) => {
    created.push({ model, options });
    const generation = generations.get(model) ?? 0;
    generations.set(model, generation + 1);
    let started = false;
    let closed = false;
    let broken = false;
    const breakWith = (failure: Error): never => {
      broken = true;
      throw failure;
    };
    const executor: Executor = {
      model,
      get broken() {
        return broken || closed;
      },
      start() {
        // A pool that cannot start closes itself, so its executor is broken and gets replaced on next use.
        if (failStart(model, generation)) {
          broken = true;
          return Promise.reject(new RunFailure('exit', `fake ${model} worker 0 exited (exit code 1)`));
        }
        started = true;
        open++;
        const perWorkerMs = Array.from({ length: options.maxWorkers }, (_, i) => FAKE_SPAWN_MS(i));
        return Promise.resolve({ totalMs: Math.max(...perWorkerMs), perWorkerMs });
      },
      async run(request: RunRequest): Promise<RunOutcome> {
        if (!started || closed)
          throw new Error(`fake ${model} executor used before start() or after close()`);
        if (request.workers > options.maxWorkers)
          throw new Error(`${request.workers} workers asked of a fake pool of ${options.maxWorkers}`);
        const call: FakeCall = {
          model,
          workload: request.workload,
          workers: request.workers,
          runId: request.runId,
          generation,
        };
        calls.push(call);
        const answer = script(call);
        if ('fail' in answer) return breakWith(answer.fail);
        if ('hang' in answer) return breakWith(await hang(request));
        return {
          wallMs: answer.wallMs ?? 100,
          checksum: answer.checksum ?? 42,
          memoryBytes: Array.from({ length: request.workers }, () => 1024),
          gil: null,
        };
      },
      close() {
        if (started && !closed) open--;
        closed = true;
        return Promise.resolve();
      },
    };
    return executor;
  };
  return { factory, created, calls, open: () => open };
}

/** Waits as a hung worker makes the pool wait: until the run's timeout, or its cancellation. */
function hang(request: RunRequest): Promise<RunFailure> {
  return new Promise((resolve) => {
    const timeout = new RunFailure(
      'timeout',
      `the run did not finish within its ${request.timeoutMs} ms timeout`,
    );
    const cancelled = new RunFailure('cancelled', 'the run was cancelled');
    if (request.signal?.aborted) return resolve(cancelled);
    const timer = setTimeout(() => resolve(timeout), request.timeoutMs);
    request.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(cancelled);
      },
      { once: true },
    );
  });
}
