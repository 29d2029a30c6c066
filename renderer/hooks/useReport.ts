/** Loads reports from the history by id: one to open, or two to compare. */
import { useEffect, useState } from 'react';
import type { Report } from '../../electron/common/report';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

export interface ReportsState {
  /** in the order of the ids; null until all have loaded */
  readonly reports: readonly Report[] | null;
  readonly error: ErrorView | null;
}

/** Every report of `ids`, fetched together; a change of ids starts over. */
export function useReports(ids: readonly string[]): ReportsState {
  const lab = useLab();
  const key = ids.join('\u0000');
  const [state, setState] = useState<{ key: string; value: ReportsState }>({
    key: '',
    value: { reports: null, error: null },
  });

  useEffect(() => {
    let alive = true;
    const wanted = key ? key.split('\u0000') : [];
    Promise.all(wanted.map((id) => lab.getReport(id))).then(
      (reports) => {
        if (alive) setState({ key, value: { reports, error: null } });
      },
      (err: unknown) => {
        if (alive) setState({ key, value: { reports: null, error: toErrorView(err) } });
      },
    );
    return () => {
      alive = false;
    };
  }, [lab, key]);

  // Until the answer for these ids arrives, show nothing of the previous ones.
  return state.key === key ? state.value : { reports: null, error: null };
}
