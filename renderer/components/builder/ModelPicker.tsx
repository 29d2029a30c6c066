/** The execution models to compare; the sequential baseline is always measured, so it is not offered. */
import { isBaseline, MODEL_TITLES, type Model } from '../../../electron/common/config';
import type { FieldIssue } from '../../../electron/common/errors';
import { MODEL_STYLE } from '../../charts/palette';
import { Swatch } from '../common/Marker';
import { FieldErrors } from './FieldErrors';

interface Props {
  readonly models: readonly Model[];
  readonly chosen: readonly Model[];
  readonly onChange: (next: Model[]) => void;
  readonly issues: readonly FieldIssue[];
  readonly disabled: boolean;
  /** models that cannot run on this machine, each with its reason (no Python, no free-threaded build) */
  readonly unavailable: Readonly<Partial<Record<Model, string>>>;
}

export function ModelPicker({ models, chosen, onChange, issues, disabled, unavailable }: Props) {
  const offered = models.filter((m) => !isBaseline(m));
  const toggle = (m: Model, on: boolean) =>
    onChange(offered.filter((x) => (x === m ? on : chosen.includes(x))));
  return (
    <fieldset
      className="group"
      aria-invalid={issues.length > 0}
      aria-describedby={issues.length ? 'models-err' : undefined}
    >
      <legend>Models</legend>
      <p className="hint">Every speedup is measured against one sequential worker, which always runs too.</p>
      <div className="check-row">
        {offered.map((m) => {
          const why = unavailable[m];
          return (
            <label key={m} className="check" title={why}>
              <input
                type="checkbox"
                checked={chosen.includes(m)}
                disabled={disabled || (why !== undefined && !chosen.includes(m))}
                onChange={(e) => toggle(m, e.target.checked)}
                data-testid={`builder-model-${m}`}
              />
              <Swatch color={MODEL_STYLE[m].color} shape={MODEL_STYLE[m].shape} />
              <span>{MODEL_TITLES[m]}</span>
              {why !== undefined ? (
                <small className="hint" data-testid={`builder-model-${m}-unavailable`}>
                  {' '}
                  (unavailable: {why})
                </small>
              ) : null}
            </label>
          );
        })}
      </div>
      <FieldErrors id="models-err" issues={issues} testId="builder-models-error" />
    </fieldset>
  );
}
