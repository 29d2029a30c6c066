/**
 * Runs per cell: a fixed number of them, or adaptive runs (as hyperfine's --min-runs/--max-runs and pyperf's
 * calibration), where each cell runs until the 95% interval of its median is within the target. The bounds
 * shown are the engine's LIMITS, and its messages land beside these fields like any other.
 */
import { useId } from 'react';
import { LIMITS } from '../../../electron/common/config';
import type { FieldIssue } from '../../../electron/common/errors';
import type { BuilderForm, RunPolicyChoice } from '../../state/builder';
import { TextField } from './TextField';

export type RunPolicyForm = Pick<
  BuilderForm,
  'runPolicy' | 'repeat' | 'minRuns' | 'maxRuns' | 'targetCiPct' | 'minTimeMs'
>;

interface Props {
  readonly form: RunPolicyForm;
  readonly onChange: (patch: Partial<RunPolicyForm>) => void;
  readonly issuesFor: (key: string) => FieldIssue[];
  readonly disabled: boolean;
}

const CHOICES: readonly { readonly value: RunPolicyChoice; readonly label: string }[] = [
  { value: 'fixed', label: 'Fixed number of runs' },
  { value: 'adaptive', label: 'Until the interval is tight' },
];

const MEANING: Readonly<Record<RunPolicyChoice, string>> = {
  fixed: 'Every cell runs exactly this many times, however much its times vary.',
  adaptive:
    'Each cell runs at least the minimum, then again round by round until the 95% interval of its median is ' +
    'within ± the target, or the maximum is reached. On a quiet machine that takes a few runs; a cell that ' +
    'uses them all without getting there is warned about by name.',
};

export function RunPolicyFields({ form, onChange, issuesFor, disabled }: Props) {
  const name = useId();
  const meaningId = `${name}-meaning`;
  return (
    <fieldset className="group" aria-describedby={meaningId} data-testid="builder-run-policy">
      <legend>Runs per cell</legend>
      <div className="check-row">
        {CHOICES.map((c) => (
          <label key={c.value} className="check">
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={form.runPolicy === c.value}
              disabled={disabled}
              onChange={() => onChange({ runPolicy: c.value })}
              data-testid={`builder-policy-${c.value}`}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <p className="hint" id={meaningId} data-testid="builder-policy-meaning">
        {MEANING[form.runPolicy]}
      </p>
      <div className="field-row">
        {form.runPolicy === 'fixed' ? (
          <TextField
            label="Repetitions"
            hint="Measured runs per cell."
            value={form.repeat}
            min={LIMITS.repeat.min}
            max={LIMITS.repeat.max}
            step={1}
            onChange={(repeat) => onChange({ repeat })}
            issues={issuesFor('repeat')}
            disabled={disabled}
            testId="builder-repeat"
          />
        ) : (
          <>
            <TextField
              label="Min runs"
              hint={`At least ${LIMITS.minRuns.min}, so an interval is never one value.`}
              value={form.minRuns}
              min={LIMITS.minRuns.min}
              max={LIMITS.minRuns.max}
              step={1}
              onChange={(minRuns) => onChange({ minRuns })}
              issues={issuesFor('minRuns')}
              disabled={disabled}
              testId="builder-min-runs"
            />
            <TextField
              label="Max runs"
              hint="A cell stops here even if not tight."
              value={form.maxRuns}
              min={LIMITS.maxRuns.min}
              max={LIMITS.maxRuns.max}
              step={1}
              onChange={(maxRuns) => onChange({ maxRuns })}
              issues={issuesFor('maxRuns')}
              disabled={disabled}
              testId="builder-max-runs"
            />
            <TextField
              label="Target ± (%)"
              hint={`${LIMITS.targetCiPct.min}–${LIMITS.targetCiPct.max}% of the median.`}
              value={form.targetCiPct}
              min={LIMITS.targetCiPct.min}
              max={LIMITS.targetCiPct.max}
              step="any"
              onChange={(targetCiPct) => onChange({ targetCiPct })}
              issues={issuesFor('targetCiPct')}
              disabled={disabled}
              testId="builder-target-ci"
            />
            <TextField
              label="Shortest run (ms)"
              hint="A shorter job repeats until a run lasts this long, as pyperf calibrates; empty: one job a run."
              value={form.minTimeMs}
              min={LIMITS.minTimeMs.min}
              max={LIMITS.minTimeMs.max}
              step="any"
              onChange={(minTimeMs) => onChange({ minTimeMs })}
              issues={issuesFor('minTimeMs')}
              disabled={disabled}
              testId="builder-min-time"
            />
          </>
        )}
      </div>
    </fieldset>
  );
}
