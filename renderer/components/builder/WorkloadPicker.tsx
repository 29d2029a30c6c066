/**
 * Workloads as checkboxes (the user's own file among them, once opened); a chosen workload shows its
 * parameters with the bounds the engine enforces.
 */
import type { WorkloadMeta } from '../../../electron/common/config';
import type { FieldIssue } from '../../../electron/common/errors';
import { KIND_LABEL } from '../../charts/describe';
import type { BuilderForm, WorkloadForm } from '../../state/builder';
import { FieldErrors } from './FieldErrors';
import { TextField } from './TextField';

interface Props {
  readonly workloads: readonly WorkloadMeta[];
  readonly form: BuilderForm['workloads'];
  readonly onChange: (name: string, next: WorkloadForm) => void;
  readonly issuesFor: (key: string) => FieldIssue[];
  readonly disabled: boolean;
  /** Python and Node models are both chosen: offer Python's own unit size where CPython is slower */
  readonly pythonSize: boolean;
}

export function WorkloadPicker({ workloads, form, onChange, issuesFor, disabled, pythonSize }: Props) {
  const groupIssues = issuesFor('workloads');
  return (
    <fieldset
      className="group"
      aria-invalid={groupIssues.length > 0}
      aria-describedby={groupIssues.length ? 'workloads-err' : undefined}
    >
      <legend>Workloads</legend>
      <FieldErrors id="workloads-err" issues={groupIssues} testId="builder-workloads-error" />
      <div className="workload-list">
        {workloads.map((w) => {
          const state = form[w.name] ?? { on: false, params: {} };
          return (
            <div key={w.name} className={`workload${state.on ? ' workload-on' : ''}`}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={state.on}
                  disabled={disabled}
                  onChange={(e) => onChange(w.name, { ...state, on: e.target.checked })}
                  data-testid={`builder-workload-${w.name}`}
                />
                <span>
                  <strong>{w.title}</strong>{' '}
                  <span className={`kind kind-${w.kind}`}>{KIND_LABEL[w.kind]}</span>
                  <span className="hint">{w.description}</span>
                </span>
              </label>
              {state.on ? (
                <div className="params">
                  {w.params.map((p) => (
                    <TextField
                      key={p.name}
                      label={`${p.name}${p.unit ? ` (${p.unit})` : ''}`}
                      hint={`${p.description ? `${p.description}. ` : ''}${p.min}–${p.max}${p.integer ? ', whole number' : ''}.`}
                      value={state.params[p.name] ?? ''}
                      min={p.min}
                      max={p.max}
                      step={p.integer ? 1 : 'any'}
                      disabled={disabled}
                      issues={issuesFor(`param:${w.name}:${p.name}`)}
                      onChange={(v) =>
                        onChange(w.name, { ...state, params: { ...state.params, [p.name]: v } })
                      }
                      testId={`builder-param-${w.name}-${p.name}`}
                    />
                  ))}
                  {pythonSize && w.size && w.size.pythonSlowdown !== 1 ? (
                    <PythonSizeField
                      workload={w}
                      param={w.size.param}
                      slowdown={w.size.pythonSlowdown}
                      state={state}
                      disabled={disabled}
                      issues={issuesFor(`pyparam:${w.name}:${w.size.param}`)}
                      onChange={(next) => onChange(w.name, next)}
                    />
                  ) : null}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Python's own value of the unit-size parameter; left empty, the engine shrinks Node's by the slowdown. */
function PythonSizeField(props: {
  workload: WorkloadMeta;
  param: string;
  slowdown: number;
  state: WorkloadForm;
  disabled: boolean;
  issues: FieldIssue[];
  onChange: (next: WorkloadForm) => void;
}) {
  const { workload, param, slowdown, state, disabled, issues, onChange } = props;
  const spec = workload.params.find((p) => p.name === param);
  return (
    <TextField
      label={`Python ${param}`}
      hint={`CPython runs this about ${slowdown}x slower than V8: empty gives Python smaller units of about the same duration.${spec ? ` ${spec.min}–${spec.max}.` : ''}`}
      value={state.pythonParams?.[param] ?? ''}
      min={spec?.min}
      max={spec?.max}
      step={spec?.integer === false ? 'any' : 1}
      disabled={disabled}
      issues={issues}
      onChange={(v) => onChange({ ...state, pythonParams: { ...state.pythonParams, [param]: v } })}
      testId={`builder-pyparam-${workload.name}-${param}`}
    />
  );
}
