/**
 * "Run the Python" for one demo page: asks the engine to run the demo's snippet for real and keeps what came
 * back. Leaving the page (another demo, another section) while the snippet runs stops it: the client is
 * still connected, so the engine would otherwise let it run to its time limit (30 s). A result that arrives
 * after the page has moved on is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoPythonRun } from '../../electron/common/api';
import type { DemoId } from '../../electron/common/demos';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

export type DemoPythonState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly run: DemoPythonRun }
  | { readonly status: 'failed'; readonly error: ErrorView };

export function useDemoPython(id: DemoId): { state: DemoPythonState; run: () => void } {
  const lab = useLab();
  const [state, setState] = useState<DemoPythonState>({ status: 'idle' });
  // Bumped on every call and on unmount, so only the latest call of a mounted page sets state.
  const generation = useRef(0);
  // The generation whose snippet the engine is running for this page, or null.
  const running = useRef<number | null>(null);
  useEffect(
    () => () => {
      generation.current++;
      // Nothing to wait for: the engine stops only this demo's snippet, and a failure here has no one to tell.
      if (running.current !== null) lab.stopDemoPython(id).catch(() => undefined);
    },
    [lab, id],
  );
  const run = useCallback(() => {
    const mine = ++generation.current;
    running.current = mine;
    setState({ status: 'running' });
    const settle = (next: DemoPythonState) => {
      if (running.current === mine) running.current = null;
      if (generation.current === mine) setState(next);
    };
    lab.runDemoPython(id).then(
      (result) => settle({ status: 'done', run: result }),
      (err: unknown) => settle({ status: 'failed', error: toErrorView(err) }),
    );
  }, [lab, id]);
  return { state, run };
}
