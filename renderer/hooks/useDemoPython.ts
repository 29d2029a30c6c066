/**
 * "Run the Python" for one demo page: asks the engine to run the demo's snippet for real and keeps what came
 * back. A result that arrives after the page has moved on is dropped; the engine itself stops the snippet
 * when the next one starts or the client leaves, and at its time limit.
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
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'running' });
    lab.runDemoPython(id).then(
      (result) => {
        if (generation.current === mine) setState({ status: 'done', run: result });
      },
      (err: unknown) => {
        if (generation.current === mine) setState({ status: 'failed', error: toErrorView(err) });
      },
    );
  }, [lab, id]);
  return { state, run };
}
