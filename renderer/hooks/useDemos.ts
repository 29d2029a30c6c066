/**
 * Owns the demo catalog, the subscription to engine events and the demo runs rebuilt from them. Starting and
 * cancelling go through the engine; the runs change only in response to its events, so every window
 * following the lab shows the same demo in the same state.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { DemoStartOptions, LabEvent } from '../../electron/common/api';
import type { DemoId, DemoMeta } from '../../electron/common/demos';
import { createEventBatcher } from '../../electron/common/event-batch';
import { useLab } from '../LabContext';
import { demoActions, demosReducer, initialDemosState, type DemosState } from '../state/demo-runs';
import { toErrorView, type ErrorView } from '../state/errors';

/** How long live events are gathered before the page re-renders with them. */
export const EVENT_BATCH_MS = 250;

export interface DemoControls {
  readonly catalog: readonly DemoMeta[] | null;
  readonly catalogError: ErrorView | null;
  readonly state: DemosState;
  /** the demo whose start is in flight */
  readonly starting: DemoId | null;
  /** why the last start (or cancel) was refused, and for which demo */
  readonly startError: { readonly id: DemoId; readonly error: ErrorView } | null;
  start(id: DemoId, options: DemoStartOptions): Promise<boolean>;
  cancel(id: DemoId): Promise<void>;
  /** follow a demo that was already running when this window opened */
  join(runId: string, id: DemoId): void;
  clearStartError(): void;
  reloadCatalog(): void;
}

export function useDemos(): DemoControls {
  const lab = useLab();
  const [state, dispatch] = useReducer(demosReducer, initialDemosState);
  const [catalog, setCatalog] = useState<readonly DemoMeta[] | null>(null);
  const [catalogError, setCatalogError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [starting, setStarting] = useState<DemoId | null>(null);
  const [startError, setStartError] = useState<DemoControls['startError']>(null);
  // cancel() reads the latest runs without being rebuilt on every event.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  useEffect(() => {
    // A demo can send hundreds of steps a second: they are gathered and applied a few times a second, as
    // re-rendering the page for each would take CPU from the very threads being timed.
    const batcher = createEventBatcher<LabEvent>(
      (events) => {
        for (const action of demoActions(events, performance.now())) dispatch(action);
      },
      EVENT_BATCH_MS,
      (e) => e.type === 'demo-event',
    );
    const off = lab.onEvent((e) => batcher.push(e));
    return () => {
      off();
      batcher.close();
    };
  }, [lab]);

  useEffect(() => {
    let alive = true;
    lab.listDemos().then(
      (list) => {
        if (!alive) return;
        setCatalog(list);
        setCatalogError(null);
      },
      (err: unknown) => {
        if (alive) setCatalogError(toErrorView(err));
      },
    );
    return () => {
      alive = false;
    };
  }, [lab, attempt]);

  const start = useCallback(
    async (id: DemoId, options: DemoStartOptions): Promise<boolean> => {
      setStarting(id);
      setStartError(null);
      try {
        await lab.startDemo(id, options);
        return true;
      } catch (err) {
        setStartError({ id, error: toErrorView(err) });
        return false;
      } finally {
        setStarting(null);
      }
    },
    [lab],
  );

  const cancel = useCallback(
    async (id: DemoId) => {
      const run = stateRef.current.runs[id];
      if (!run || run.status !== 'running') return;
      dispatch({ type: 'demo-cancel-requested', runId: run.runId });
      try {
        await lab.cancelDemo(run.runId);
      } catch (err) {
        // The demo may have ended on its own meanwhile ('not-found'): that is not worth an alert.
        const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : null;
        if (code !== 'not-found') setStartError({ id, error: toErrorView(err) });
        dispatch({ type: 'demo-cancel-failed', runId: run.runId });
      }
    },
    [lab],
  );

  const join = useCallback((runId: string, id: DemoId) => dispatch({ type: 'demo-joined', runId, id }), []);
  const clearStartError = useCallback(() => setStartError(null), []);
  const reloadCatalog = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    catalog,
    catalogError,
    state,
    starting,
    startError,
    start,
    cancel,
    join,
    clearStartError,
    reloadCatalog,
  };
}
