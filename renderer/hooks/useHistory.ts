/**
 * The engine's history list, reloaded whenever an experiment starts, finishes or fails (so a run shows up
 * while it records and with its figures once done) and after every change made here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { HistoryEntrySummary } from '../../electron/common/api';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

export interface HistoryState {
  /** null until the first answer */
  readonly entries: readonly HistoryEntrySummary[] | null;
  readonly error: ErrorView | null;
  readonly loading: boolean;
  reload(): void;
  /** deletes an entry and reloads; resolves with the error, or null */
  remove(id: string): Promise<ErrorView | null>;
}

export function useHistory(): HistoryState {
  const lab = useLab();
  const [entries, setEntries] = useState<readonly HistoryEntrySummary[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  // the version of the last answer: while it lags behind `version`, a reload is under way
  const [answered, setAnswered] = useState(-1);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let alive = true;
    lab.listHistory().then(
      (list) => {
        if (!alive) return;
        setEntries(list);
        setError(null);
        setAnswered(version);
      },
      (err: unknown) => {
        if (!alive) return;
        setError(toErrorView(err));
        setAnswered(version);
      },
    );
    // An older answer arriving after a newer request must not overwrite it.
    return () => {
      alive = false;
    };
  }, [lab, version]);

  useEffect(
    () =>
      lab.onEvent((e) => {
        if (
          e.type === 'experiment-started' ||
          e.type === 'experiment-finished' ||
          e.type === 'experiment-failed'
        )
          setVersion((v) => v + 1);
      }),
    [lab],
  );

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const remove = useCallback(
    async (id: string): Promise<ErrorView | null> => {
      try {
        await lab.deleteReport(id);
        return null;
      } catch (err) {
        return toErrorView(err);
      } finally {
        setVersion((v) => v + 1);
      }
    },
    [lab],
  );

  return { entries, error, loading: answered !== version, reload, remove };
}
