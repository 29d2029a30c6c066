/**
 * Real demo runs for the renderer tests: the engine runs each demo on real threads in this process, and the
 * tests get exactly what a window would receive (the live events wrapped as LabEvents, then the outcome),
 * never hand-made numbers.
 */
import type { LabEvent } from '../../electron/common/api';
import { isDemoId, type DemoEvent, type DemoOutcome } from '../../electron/common/demos';
import { LabError } from '../../electron/common/errors';
import { runDemo } from '../../electron/lab/demos/index';

export interface RealDemo {
  readonly outcome: DemoOutcome;
  /** the live events in the order the engine sent them */
  readonly events: readonly DemoEvent[];
  /** the same run as the LabEvents a window receives: demo-started, demo-events, demo-finished */
  readonly labEvents: readonly LabEvent[];
}

/** The smallest settings each demo accepts that still show what it is about, so every test stays quick. */
export const SMALL = {
  race: { threads: 2, iterations: 20_000, window: 200, runs: 3 },
  deadlock: { rounds: 2, holdMs: 0, stallMs: 200 },
  // 40 ms inside is long enough for the workers to queue for the one permit
  semaphore: { workers: 3, limit: 1, rounds: 2, sectionMs: 40 },
  convoy: { durationMs: 100 },
  // its worker's steps arrive as bulk 'spans' events once the child process has ended
  daemon: { steps: 4, stepMs: 5, mainMs: 10 },
} as const;

export async function realDemo(
  id: string,
  params: Readonly<Record<string, number>>,
  runId = `test-${id}`,
): Promise<RealDemo> {
  const events: DemoEvent[] = [];
  const outcome = await runDemo(id, { params, onEvent: (e) => events.push(e) });
  const labEvents: LabEvent[] = [
    { type: 'demo-started', runId, id: outcome.id, speed: outcome.speed, params: outcome.params },
    ...events.map((event): LabEvent => ({ type: 'demo-event', runId, event })),
    { type: 'demo-finished', runId, outcome },
  ];
  return { outcome, events, labEvents };
}

/** A real demo cancelled once its lanes have appeared: its events and the error the engine reports. */
export async function cancelledDemo(
  id: string,
  params: Readonly<Record<string, number>>,
  runId = `test-cancel-${id}`,
): Promise<{ readonly labEvents: readonly LabEvent[]; readonly error: LabError }> {
  if (!isDemoId(id)) throw new Error(`no demo '${id}'`);
  const abort = new AbortController();
  const events: DemoEvent[] = [];
  let error: LabError | null = null;
  try {
    await runDemo(id, {
      params,
      signal: abort.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'state') abort.abort();
      },
    });
  } catch (err) {
    if (err instanceof LabError) error = err;
    else throw err;
  }
  if (!error) throw new Error(`demo '${id}' finished before it could be cancelled`);
  const labEvents: LabEvent[] = [
    { type: 'demo-started', runId, id, speed: 'normal', params },
    ...events.map((event): LabEvent => ({ type: 'demo-event', runId, event })),
    { type: 'demo-failed', runId, error: LabError.toData(error) },
  ];
  return { labEvents, error };
}

/** The value, or a failed test naming what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}
