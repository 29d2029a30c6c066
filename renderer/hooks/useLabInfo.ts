/** Loads LabInfo once per API: machine, workloads, models, and a run already in progress. */
import { useCallback, useEffect, useState } from 'react';
import type { LabInfo } from '../../electron/common/api';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

export interface LabInfoState {
  readonly info: LabInfo | null;
  readonly error: ErrorView | null;
  readonly reload: () => void;
}

export function useLabInfo(): LabInfoState {
  const lab = useLab();
  const [info, setInfo] = useState<LabInfo | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    lab.getInfo().then(
      (next) => {
        if (!alive) return;
        setInfo(next);
        setError(null);
      },
      (err: unknown) => {
        if (alive) setError(toErrorView(err));
      },
    );
    return () => {
      alive = false;
    };
  }, [lab, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { info, error, reload };
}
