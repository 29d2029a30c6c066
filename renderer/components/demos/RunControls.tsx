/**
 * Run, run in slow motion, cancel; and the demo's few settings (the engine checks them and names any bad one,
 * which then shows under its field).
 */
import type { FieldIssue } from '../../../electron/common/errors';
import type { DemoMeta } from '../../../electron/common/demos';
import { TextField } from '../builder/TextField';

interface Props {
  readonly meta: DemoMeta;
  readonly running: boolean;
  readonly cancelling: boolean;
  readonly starting: boolean;
  /** another demo is running or this screen may only watch: Run is refused by the engine anyway */
  readonly canStart: boolean;
  readonly canCancel: boolean;
  readonly values: Readonly<Record<string, string>>;
  readonly issues: readonly FieldIssue[];
  readonly onValue: (name: string, value: string) => void;
  readonly onRun: (slow: boolean) => void;
  readonly onCancel: () => void;
}

export function RunControls(props: Props) {
  const { meta, running, cancelling, starting, canStart, canCancel, values, issues } = props;
  const busy = running || starting;
  return (
    <div className="demo-run">
      <div className="demo-run-buttons">
        {running ? (
          canCancel ? (
            <button
              type="button"
              className="button button-danger button-big"
              onClick={props.onCancel}
              disabled={cancelling}
              data-testid="demo-cancel"
            >
              {cancelling ? 'Stopping…' : 'Cancel'}
            </button>
          ) : null
        ) : (
          <>
            <button
              type="button"
              className="button button-primary button-big"
              onClick={() => props.onRun(false)}
              disabled={busy || !canStart}
              data-testid="demo-run"
            >
              {starting ? 'Starting…' : 'Run'}
            </button>
            <button
              type="button"
              className="button button-big"
              onClick={() => props.onRun(true)}
              disabled={busy || !canStart}
              aria-label="Run in slow motion, with the lanes replayed at a quarter of the speed"
              data-testid="demo-run-slow"
            >
              Run in slow motion
            </button>
          </>
        )}
      </div>
      {meta.params.length ? (
        <details className="demo-settings">
          <summary>Settings</summary>
          <div className="field-row">
            {meta.params.map((p) => (
              <TextField
                key={p.name}
                label={`${p.description}${p.unit ? ` (${p.unit})` : ''}`}
                value={values[p.name] ?? String(p.default)}
                onChange={(v) => props.onValue(p.name, v)}
                issues={issues.filter((i) => i.field === `params.${p.name}`)}
                testId={`demo-param-${p.name}`}
                hint={`${p.min} to ${p.max} (usually ${p.default})`}
                min={p.min}
                max={p.max}
                step={p.integer ? 1 : 'any'}
                disabled={busy}
              />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
