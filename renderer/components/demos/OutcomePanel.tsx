/**
 * Where the run stands, in words: running (and on which step), the measured outcome sentence in large type
 * with its key numbers, a failure named by the engine, or a cancel confirmed.
 */
import { useId } from 'react';
import { currentPhase, type DemoRun } from '../../state/demo';
import { formatMetric, formatMs } from '../../../electron/common/format';
import { ErrorAlert } from '../common/ErrorAlert';

export function OutcomePanel({ run }: { run: DemoRun | null }) {
  const id = useId();
  if (!run) return null;
  if (run.status === 'running') {
    return (
      <p className="demo-status" role="status" data-testid="demo-running">
        <span className="demo-pulse" aria-hidden="true" />
        Running on real threads and processes{run.speed === 'slow' ? ', in slow motion' : ''}
        {currentPhase(run) ? `: ${currentPhase(run)}` : '…'}
      </p>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <p className="banner" role="status" data-testid="demo-cancelled">
        Cancelled. Everything the demo started has been stopped; press Run to start it again.
      </p>
    );
  }
  if (run.status === 'failed' && run.error) {
    return (
      <ErrorAlert
        error={{ message: run.error.message, issues: run.error.issues }}
        title={`The demo failed (${run.error.code})`}
      />
    );
  }
  const outcome = run.outcome;
  if (!outcome) return null;
  return (
    <section className="demo-outcome" aria-labelledby={id} data-testid="demo-outcome">
      <h3 id={id} className="demo-step-heading">
        <span className="demo-step">Measured</span> on {outcome.logicalCores} cores in{' '}
        {formatMs(outcome.wallMs)}
        {outcome.speed === 'slow' ? ' (slow motion)' : ''}
      </h3>
      <p className="demo-sentence" data-testid="demo-sentence">
        {outcome.sentence}
      </p>
      <dl className="demo-metrics" data-testid="demo-metrics">
        {outcome.metrics.map((m) => {
          const f = formatMetric(m);
          return (
            <div key={m.key} className="demo-metric" data-key={m.key} data-value={m.value}>
              <dt>{m.label}</dt>
              <dd>
                <span className="demo-metric-value">{f.value}</span>
                {f.unit ? <span className="demo-metric-unit"> {f.unit}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
      {outcome.notes.length ? (
        <ul className="demo-notes">
          {outcome.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
