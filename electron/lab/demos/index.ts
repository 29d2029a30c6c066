/**
 * The demos' host API. listDemos() is the catalog; runDemo() runs one demo on real threads and processes and
 * resolves with its measured outcome. A run is cancellable (signal) and has a hard time limit; whatever
 * happens, everything it started is ended before runDemo settles.
 */
import os from 'node:os';
import { DEMO_CATALOG, demoMeta } from '../../common/demo-catalog';
import {
  DEMO_IDS,
  SLOW_FACTOR,
  isDemoId,
  type DemoEvent,
  type DemoMeta,
  type DemoOutcome,
  type DemoSpeed,
} from '../../common/demos';
import { LabError } from '../../common/errors';
import { DEMO_SOURCES } from '../../../workloads/demos/sources.generated';
import { checkEntriesDir, defaultEntriesDir } from '../runtime/entries';
import { RUNTIME_ENTRIES } from '../runtime/family';
import type { ProcessLauncher } from '../runtime/launcher';
import { DEMO_PROGRAMS, DemoContext } from './context';
import { demoParams } from '../../common/params';
import { DEMO_MODULES } from './registry';

export interface RunDemoOptions {
  readonly signal?: AbortSignal;
  /** live lanes and phases; rebuild the lanes with a LaneBoard */
  readonly onEvent?: (event: DemoEvent) => void;
  /** small overrides, checked against the demo's catalog params */
  readonly params?: Readonly<Record<string, number>>;
  /** 'slow' stretches every deliberate pause for a presenter */
  readonly speed?: DemoSpeed;
  /** folder with the bundled demo entries (default: out/lab) */
  readonly entriesDir?: string;
  /** a tighter hard limit than the catalog's (tests, impatient callers); never a looser one */
  readonly timeLimitMs?: number;
  /** how demo child processes are started (default: child_process.fork) */
  readonly launcher?: ProcessLauncher;
}

export function listDemos(): DemoMeta[] {
  return [...DEMO_CATALOG];
}

/** The runtimes' entries and the demos' own programs must all be built. */
export function checkDemoEntries(dir: string): void {
  checkEntriesDir(dir, [...Object.values(RUNTIME_ENTRIES), ...Object.values(DEMO_PROGRAMS)]);
}

class DemoStopped extends Error {
  constructor(
    readonly why: 'cancelled' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export async function runDemo(id: string, options: RunDemoOptions = {}): Promise<DemoOutcome> {
  if (!isDemoId(id))
    throw LabError.invalid([
      { field: 'id', message: `unknown demo '${id}' (known: ${DEMO_IDS.join(', ')})` },
    ]);
  const meta = demoMeta(id);
  const params = demoParams(meta, options.params);
  const speed = options.speed ?? 'normal';
  if (speed !== 'normal' && speed !== 'slow')
    throw LabError.invalid([{ field: 'speed', message: "must be 'normal' or 'slow'" }]);
  const slow = speed === 'slow' ? SLOW_FACTOR : 1;
  const entriesDir = options.entriesDir ?? defaultEntriesDir();
  checkDemoEntries(entriesDir);
  if (options.signal?.aborted)
    throw new LabError('cancelled', `demo '${id}' was cancelled before it started`);

  const given = options.timeLimitMs;
  if (given !== undefined && !(Number.isFinite(given) && given > 0))
    throw LabError.invalid([{ field: 'timeLimitMs', message: 'must be a positive number of ms' }]);
  const limitMs = Math.min(meta.timeLimitMs * slow, given ?? Infinity);
  const stop = new AbortController();
  const onAbort = () => stop.abort(new DemoStopped('cancelled', `demo '${id}' was cancelled`));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () =>
      stop.abort(new DemoStopped('timeout', `demo '${id}' did not finish within its ${limitMs} ms limit`)),
    limitMs,
  );
  const ctx = new DemoContext({
    entriesDir,
    signal: stop.signal,
    slow,
    params,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.launcher ? { launcher: options.launcher } : {}),
  });
  const startedAt = new Date().toISOString();
  try {
    const result = await ctx.guard(DEMO_MODULES[id].run(ctx));
    const wallMs = ctx.now();
    const lanes = ctx.board.snapshot(wallMs);
    const cores = os.availableParallelism();
    const notes = [
      ...(result.notes ?? []),
      ...(cores < 2
        ? ['This machine has one core: threads take turns instead of running at the same time.']
        : []),
      ...(lanes.some((l) => l.truncated) ? ['Some lanes were cut short to keep the timeline small.'] : []),
      ...(ctx.board.lanesDropped
        ? [`${ctx.board.lanesDropped} lanes were left out to keep the timeline small.`]
        : []),
    ];
    return {
      id,
      title: meta.title,
      startedAt,
      wallMs,
      speed,
      params,
      logicalCores: cores,
      sentence: result.sentence,
      question: meta.question,
      answer: result.answer,
      metrics: result.metrics,
      lanes,
      summary: meta.summary,
      code: {
        python: meta.python,
        typescript: DEMO_MODULES[id].sources.map((file) => ({ file, source: DEMO_SOURCES[file] ?? '' })),
      },
      details: result.details,
      notes,
    };
  } catch (err) {
    if (err instanceof DemoStopped)
      throw new LabError(err.why === 'cancelled' ? 'cancelled' : 'internal', err.message);
    if (err instanceof LabError) throw err;
    throw new LabError(
      'internal',
      `demo '${id}' failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await ctx.close();
  }
}

export type { DemoEvent, DemoMeta, DemoOutcome } from '../../common/demos';
