/**
 * Plugs a History into the engine's event stream with one line: `onEvent: historyRecorder(history)`.
 * Recording never breaks a run: a write that fails is reported through `onError` and the run goes on.
 */
import type { LabEvent } from '../../common/api';
import type { Machine } from '../../common/report';
import { machineInfo } from '../measure/machine';
import type { History } from './history-store';

export interface RecorderOptions {
  /** the machine a begun entry describes (default: the engine's machineInfo, which the runner has cached) */
  readonly machine?: () => Promise<Machine>;
  /** called for every failed history write (default: one line on stderr per run) */
  readonly onError?: (err: unknown, runId: string) => void;
}

/** An event listener that also says when everything it was told is on disk. */
export interface HistoryRecorder {
  (event: LabEvent): void;
  /** resolves when every write so far has finished (or failed and been reported) */
  settled(): Promise<void>;
}

export function historyRecorder(history: History, options: RecorderOptions = {}): HistoryRecorder {
  const machine = options.machine ?? machineInfo;
  const warned = new Set<string>();
  const onError =
    options.onError ??
    ((err: unknown, runId: string) => {
      if (warned.has(runId)) return;
      warned.add(runId);
      process.stderr.write(
        `history: could not record run ${runId}: ${err instanceof Error ? err.message : String(err)}\n`,
      );
    });
  // Events are applied in order (begin must precede updates); writes themselves are coalesced by the store.
  let chain: Promise<void> = Promise.resolve();
  const writes = new Set<Promise<void>>();
  const track = (runId: string, write: Promise<void>) => {
    const p = write.catch((err: unknown) => onError(err, runId));
    writes.add(p);
    void p.finally(() => writes.delete(p));
  };
  const then = (runId: string, step: () => Promise<void> | void) => {
    chain = chain.then(step).catch((err: unknown) => onError(err, runId));
  };

  const recorder = (event: LabEvent): void => {
    switch (event.type) {
      case 'experiment-started':
        then(event.runId, async () =>
          track(event.runId, history.begin(event.runId, event.config, await machine())),
        );
        break;
      case 'result':
        then(event.runId, () => track(event.runId, history.update(event.runId, event.result)));
        break;
      case 'experiment-finished':
        then(event.runId, () => track(event.runId, history.finish(event.report)));
        break;
      default:
        // progress and cpu samples are not kept; a failed experiment stays listed as incomplete.
        break;
    }
  };
  return Object.assign(recorder, {
    async settled() {
      await chain;
      while (writes.size) await Promise.all([...writes]);
    },
  });
}
