/**
 * Shown before a run when other programs use the machine: how much, who, and the choice between running
 * anyway (the cells they disturb are flagged busy-machine) and waiting until the machine is quiet.
 */
import type { OtherProcess } from '../../electron/common/api';
import type { QuietGate } from '../hooks/useQuietStart';

interface Props {
  readonly gate: QuietGate;
  readonly onRunAnyway: () => void;
  readonly onWait: () => void;
  readonly onCancel: () => void;
}

const cores = (v: number) => `${v.toFixed(2)} ${v === 1 ? 'core' : 'cores'}`;

function Others({ top }: { top: readonly OtherProcess[] }) {
  if (top.length === 0) return null;
  return (
    <ul className="quiet-top" data-testid="quiet-top">
      {top.map((p) => (
        <li key={p.pid}>
          <strong>{p.name}</strong> (pid {p.pid}): {cores(p.cores)}
        </li>
      ))}
    </ul>
  );
}

export function QuietBanner({ gate, onRunAnyway, onWait, onCancel }: Props) {
  if (gate.phase === 'idle') return null;
  if (gate.phase === 'checking') {
    return (
      <p className="banner" role="status" data-testid="quiet-checking">
        Checking that no other program is using the machine before the run starts…
      </p>
    );
  }
  const { check } = gate;
  const used = check.otherCores ?? 0;
  const waiting = gate.phase === 'waiting';
  return (
    <div className="banner banner-warn" role="alert" data-testid="quiet-banner">
      <p>
        <strong>The machine is busy.</strong> Other programs used {cores(used)} in the last second, more than
        the {cores(check.thresholdCores)} a fair measurement allows: their work would show up in the times as
        if the model had been slower.
        {check.top.length ? ' Using the most:' : ''}
      </p>
      <Others top={check.top} />
      {waiting ? (
        <p role="status" data-testid="quiet-waiting">
          Waiting until the machine is quiet (checked {gate.checks} {gate.checks === 1 ? 'time' : 'times'});
          the run starts by itself then.
        </p>
      ) : null}
      <div className="actions">
        {waiting ? null : (
          <button type="button" className="button button-primary" onClick={onWait} data-testid="quiet-wait">
            Wait until quiet
          </button>
        )}
        <button type="button" className="button" onClick={onRunAnyway} data-testid="quiet-run-anyway">
          Run anyway
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} data-testid="quiet-cancel">
          {waiting ? 'Stop waiting' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
