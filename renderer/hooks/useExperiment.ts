/**
 * Owns the subscription to engine events and the experiment state machine built from them. Starting and
 * cancelling go through the engine; the state only ever changes in response to its events (plus the few UI
 * facts the reducer knows), so every window following the same run shows the same thing.
 */
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ExperimentConfig, ExperimentConfigInput } from '../../electron/common/config';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';
import { experimentReducer, initialExperimentState, type ExperimentState } from '../state/experiment';

export interface ExperimentControls {
  readonly state: ExperimentState;
  /** true while startExperiment is in flight */
  readonly starting: boolean;
  /** why the last start was refused (field issues included), or null */
  readonly startError: ErrorView | null;
  /** the workload order of the last start, to map `workloads[i]` issues back to a workload */
  readonly sentOrder: readonly string[];
  start(config: ExperimentConfigInput): Promise<boolean>;
  cancel(): Promise<void>;
  /** follow a run that was already going when this window opened */
  join(runId: string, config: ExperimentConfig): void;
  reset(): void;
  clearStartError(): void;
}

export function useExperiment(): ExperimentControls {
  const lab = useLab();
  const [state, dispatch] = useReducer(experimentReducer, initialExperimentState);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ErrorView | null>(null);
  const [sentOrder, setSentOrder] = useState<readonly string[]>([]);

  useEffect(
    () =>
      // The transport already gathers a live run's frequent events (progress ticks, CPU samples, partial
      // results) and hands them over together, at most once per LIVE_BATCH_MS (electron/common/event-batch.ts),
      // all in one task: React renders once for all the dispatches of one delivery. A second batching here
      // would only have made every update a second late, not cheaper.
      lab.onEvent((e) => dispatch(e)),
    [lab],
  );

  const start = useCallback(
    async (config: ExperimentConfigInput): Promise<boolean> => {
      setStarting(true);
      setStartError(null);
      setSentOrder(Array.isArray(config.workloads) ? config.workloads.map((w) => w.name) : []);
      try {
        await lab.startExperiment(config);
        return true;
      } catch (err) {
        setStartError(toErrorView(err));
        return false;
      } finally {
        setStarting(false);
      }
    },
    [lab],
  );

  const { runId } = state;
  const cancel = useCallback(async () => {
    if (!runId) return;
    dispatch({ type: 'cancel-requested' });
    try {
      await lab.cancelExperiment(runId);
    } catch (err) {
      dispatch({ type: 'cancel-failed' });
      setStartError(toErrorView(err));
    }
  }, [lab, runId]);

  const join = useCallback(
    (id: string, config: ExperimentConfig) => dispatch({ type: 'joined', runId: id, config }),
    [],
  );
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  const clearStartError = useCallback(() => setStartError(null), []);

  return { state, starting, startError, sentOrder, start, cancel, join, reset, clearStartError };
}
