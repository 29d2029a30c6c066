/**
 * The demo's Python run for real, beside the TypeScript outcome above it: what it printed, how it ended and
 * under which time limit. The deadlock's snippet never ends by itself, so its time limit is its outcome.
 */
import { useId } from 'react';
import type { DemoPythonRun } from '../../../electron/common/api';
import type { DemoId } from '../../../electron/common/demos';
import { describeInterpreter, formatMs } from '../../../electron/common/format';
import { useDemoPython } from '../../hooks/useDemoPython';
import { ErrorAlert } from '../common/ErrorAlert';

interface Props {
  readonly id: DemoId;
  /** watchers may not run anything on the lab machine */
  readonly readOnly: boolean;
  /** why no Python can run here (from getInfo), or null */
  readonly noPython: string | null;
}

function SnippetOutput({ run }: { run: Extract<DemoPythonRun, { ran: true }> }) {
  const r = run.result;
  return (
    <div data-testid="demo-python-output">
      <p className="hint" data-testid="demo-python-summary">
        {describeInterpreter(run.interpreter)}: {r.summary}. Time limit {formatMs(r.timeLimitMs)}.
      </p>
      {run.endsByTimeout && r.timedOut ? (
        <p className="banner" data-testid="demo-python-timeout">
          It never ends by itself: that is the demo. It ended by its {formatMs(r.timeLimitMs)} timeout, its
          threads stopped with the process.
        </p>
      ) : null}
      <pre
        className="demo-pre"
        tabIndex={0}
        aria-label="What the Python printed"
        data-testid="demo-python-stdout"
      >
        <code>{r.stdout.trim() ? r.stdout : '(no output)'}</code>
      </pre>
      {r.stderr.trim() ? (
        <pre className="demo-pre" tabIndex={0} aria-label="Python's errors" data-testid="demo-python-stderr">
          <code>{r.stderr}</code>
        </pre>
      ) : null}
      {r.truncated ? <p className="hint">Output cut at its limit.</p> : null}
    </div>
  );
}

export function PythonRunPanel({ id, readOnly, noPython }: Props) {
  const heading = useId();
  const { state, run } = useDemoPython(id);
  const running = state.status === 'running';
  return (
    <section className="panel demo-python" aria-labelledby={heading} data-testid="demo-python-run">
      <div className="panel-head">
        <h3 id={heading}>The Python, run for real</h3>
        <button
          type="button"
          className="button"
          disabled={readOnly || noPython !== null || running}
          onClick={run}
          data-testid="demo-python-run-button"
        >
          {running ? 'Running the Python…' : 'Run the Python'}
        </button>
      </div>
      {noPython !== null ? (
        <p className="hint" data-testid="demo-python-none">
          No Python can run here: {noPython}
        </p>
      ) : readOnly ? (
        <p className="hint">Only the person at the lab machine can run the Python.</p>
      ) : null}
      {state.status === 'failed' ? <ErrorAlert error={state.error} title="The Python could not run" /> : null}
      {state.status === 'done' && state.run.ran ? <SnippetOutput run={state.run} /> : null}
      {state.status === 'done' && !state.run.ran ? (
        <p className="hint" data-testid="demo-python-none">
          No Python can run here: {state.run.reason}
        </p>
      ) : null}
    </section>
  );
}
