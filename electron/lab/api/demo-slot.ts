/**
 * The one demo that may run at a time, behind LabApi: checks the request before anything starts (so a bad
 * id or parameter is a rejected call, not a failed demo), then forwards the demo's live events tagged with
 * its run id, and ends with exactly one 'demo-finished' or 'demo-failed'.
 */
import { randomUUID } from 'node:crypto';
import type { DemoStartOptions, LabEvent } from '../../common/api';
import { demoMeta } from '../../common/demo-catalog';
import { DEMO_IDS, isDemoId, type DemoId, type DemoMeta } from '../../common/demos';
import { LabError } from '../../common/errors';
import { checkDemoEntries, listDemos, runDemo } from '../demos/index';
import { demoParams } from '../../common/params';
import { defaultEntriesDir } from '../runtime/entries';

export interface DemoSlotOptions {
  readonly entriesDir?: string;
  readonly emit: (event: LabEvent) => void;
  /** why a demo may not start now (an experiment is measuring), or null */
  readonly blockedBy: () => string | null;
}

interface RunningDemo {
  readonly runId: string;
  readonly id: DemoId;
  readonly abort: AbortController;
  /** settles once the demo has ended and everything it started is gone */
  readonly done: Promise<void>;
}

export class DemoSlot {
  private current: RunningDemo | null = null;
  private closed = false;

  constructor(private readonly options: DemoSlotOptions) {}

  get running(): { readonly runId: string; readonly id: DemoId } | null {
    return this.current ? { runId: this.current.runId, id: this.current.id } : null;
  }

  list(): DemoMeta[] {
    return listDemos();
  }

  start(id: string, options: DemoStartOptions = {}): { readonly runId: string } {
    if (this.closed) throw new LabError('busy', 'the lab is shutting down');
    const blocked = this.options.blockedBy();
    if (blocked) throw new LabError('busy', `${blocked}; a demo would spoil its measurements`);
    if (this.current)
      throw new LabError(
        'busy',
        `demo '${this.current.id}' is running (${this.current.runId}); cancel it or wait for it to finish`,
      );
    if (!isDemoId(id))
      throw LabError.invalid([
        { field: 'id', message: `unknown demo '${id.slice(0, 100)}' (known: ${DEMO_IDS.join(', ')})` },
      ]);
    const params = demoParams(demoMeta(id), options.params);
    const speed = options.speed ?? 'normal';
    if (speed !== 'normal' && speed !== 'slow')
      throw LabError.invalid([{ field: 'speed', message: "must be 'normal' or 'slow'" }]);
    const entriesDir = this.options.entriesDir ?? defaultEntriesDir();
    try {
      checkDemoEntries(entriesDir);
    } catch (err) {
      throw new LabError('internal', LabError.toData(err).message);
    }

    const { emit } = this.options;
    const runId = randomUUID();
    const abort = new AbortController();
    emit({ type: 'demo-started', runId, id, speed, params });
    const run = runDemo(id, {
      signal: abort.signal,
      onEvent: (event) => emit({ type: 'demo-event', runId, event }),
      params,
      speed,
      entriesDir,
    });
    // The slot is free before the last event goes out, so a listener may start the next demo at once.
    const done = run.then(
      (outcome) => {
        this.release(runId);
        emit({ type: 'demo-finished', runId, outcome });
      },
      (err: unknown) => {
        this.release(runId);
        emit({ type: 'demo-failed', runId, error: LabError.toData(err) });
      },
    );
    this.current = { runId, id, abort, done };
    return { runId };
  }

  private release(runId: string): void {
    if (this.current?.runId === runId) this.current = null;
  }

  async cancel(runId: string): Promise<void> {
    const demo = this.current;
    if (!demo || demo.runId !== runId) throw new LabError('not-found', `no running demo with id ${runId}`);
    demo.abort.abort();
    await demo.done;
  }

  /** Cancels a running demo, waits until it is gone, and refuses new ones from then on. */
  async close(): Promise<void> {
    this.closed = true;
    const demo = this.current;
    if (demo) {
      demo.abort.abort();
      await demo.done;
    }
  }
}
