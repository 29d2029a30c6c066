/** Loads LabInfo once per API: machine, workloads, models, and a run already in progress. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LabInfo, PythonInfo } from '../../electron/common/api';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

/** How often to ask again while the lab is still looking for Python. */
const PYTHON_POLL_MS = 1000;

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
  const [polls, setPolls] = useState(0);

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

  // The lab probes for Python after its first answer: ask again until it has finished looking, keeping the
  // rest of the info as it was so nothing else re-renders or reloads meanwhile.
  const [python, setPython] = useState<PythonInfo | null>(null);
  const probing = info !== null && info.python === null && python === null;
  useEffect(() => {
    if (!probing) return;
    let alive = true;
    const timer = setTimeout(() => {
      lab.getInfo().then(
        (next) => {
          if (alive) setPython(next.python);
          if (alive && next.python === null) setPolls((n) => n + 1);
        },
        () => {
          if (alive) setPolls((n) => n + 1);
        },
      );
    }, PYTHON_POLL_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [lab, probing, polls]);
  const merged = useMemo(
    () => (info && info.python === null && python ? { ...info, python } : info),
    [info, python],
  );

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { info: merged, error, reload };
}
