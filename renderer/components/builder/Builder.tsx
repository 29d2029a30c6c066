/**
 * Build your own experiment: workloads and their sizes, models, worker counts, repetitions, warm-up and the
 * GIL switch interval. The form is sent as typed; the engine validates it and names any bad field, and the
 * message is shown beside that field and in the alert above the Start button.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { LabInfo } from '../../../electron/common/api';
import type { ExperimentConfigInput } from '../../../electron/common/config';
import { LIMITS } from '../../../electron/common/config';
import type { RunTimings } from '../../../electron/common/estimate';
import type { FieldIssue } from '../../../electron/common/errors';
import { estimateRun } from '../../state/estimate';
import {
  formToInput,
  initialForm,
  offersPythonSize,
  unavailableModels,
  visibleWorkloads,
  type BuilderForm,
} from '../../state/builder';
import { issuesFor, type ErrorView } from '../../state/errors';
import { ErrorAlert } from '../common/ErrorAlert';
import { ModelPicker } from './ModelPicker';
import { TextField } from './TextField';
import { WorkloadPicker } from './WorkloadPicker';

interface Props {
  readonly info: LabInfo;
  readonly disabled: boolean;
  /** the engine's refusal of the last start, with the workload order it was sent in */
  readonly startError: ErrorView | null;
  readonly sentOrder: readonly string[];
  /** this machine's past runs, newest first, for the estimate */
  readonly timings: readonly RunTimings[];
  readonly onStart: (input: ExperimentConfigInput) => void;
}

export function Builder({ info, disabled, startError, sentOrder, timings, onStart }: Props) {
  const [form, setForm] = useState<BuilderForm>(() => initialForm(info));
  const [local, setLocal] = useState<{ issues: readonly FieldIssue[]; order: readonly string[] } | null>(
    null,
  );
  const set = (patch: Partial<BuilderForm>) => setForm((f) => ({ ...f, ...patch }));

  const shown: ErrorView | null = local?.issues.length
    ? { message: 'Please fix the fields marked in red.', issues: local.issues }
    : startError;
  const order = local?.issues.length ? local.order : sentOrder;
  const issues = (key: string) => (shown ? issuesFor(shown.issues, key, order) : []);

  const estimate = useMemo(() => {
    const built = formToInput(form, info.workloads);
    return built.issues.length ? null : estimateRun(built.input, info, timings);
  }, [form, info, timings]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = formToInput(form, info.workloads);
    setLocal({ issues: built.issues, order: built.order });
    if (built.issues.length === 0) onStart(built.input);
  };

  return (
    <form
      className="builder"
      onSubmit={submit}
      noValidate
      aria-labelledby="builder-heading"
      data-testid="builder"
    >
      <WorkloadPicker
        workloads={visibleWorkloads(info.workloads)}
        form={form.workloads}
        onChange={(name, next) => set({ workloads: { ...form.workloads, [name]: next } })}
        issuesFor={issues}
        disabled={disabled}
        pythonSize={offersPythonSize(form.models)}
      />
      <ModelPicker
        models={info.models}
        chosen={form.models}
        onChange={(models) => set({ models })}
        issues={issues('models')}
        disabled={disabled}
        unavailable={unavailableModels(info.python)}
      />
      <fieldset className="group">
        <legend>How to measure</legend>
        <div className="field-row">
          <TextField
            type="text"
            label="Worker counts"
            hint={`Separated by commas. This machine has ${info.machine.logicalCores} logical cores.`}
            value={form.workers}
            onChange={(workers) => set({ workers })}
            issues={issues('workers')}
            disabled={disabled}
            testId="builder-workers"
          />
          <TextField
            label="Repetitions"
            hint="Measured runs per cell."
            value={form.repeat}
            min={LIMITS.repeat.min}
            max={LIMITS.repeat.max}
            step={1}
            onChange={(repeat) => set({ repeat })}
            issues={issues('repeat')}
            disabled={disabled}
            testId="builder-repeat"
          />
          <TextField
            label="Warm-up runs"
            hint="Unrecorded runs first."
            value={form.warmup}
            min={LIMITS.warmup.min}
            max={LIMITS.warmup.max}
            step={1}
            onChange={(warmup) => set({ warmup })}
            issues={issues('warmup')}
            disabled={disabled}
            testId="builder-warmup"
          />
          <TextField
            label="GIL switch interval (ms)"
            hint="CPython uses 5 ms."
            value={form.switchIntervalMs}
            min={LIMITS.switchIntervalMs.min}
            max={LIMITS.switchIntervalMs.max}
            step="any"
            onChange={(switchIntervalMs) => set({ switchIntervalMs })}
            issues={issues('switchIntervalMs')}
            disabled={disabled}
            testId="builder-switch-interval"
          />
          <TextField
            type="text"
            wide
            label="Label (optional)"
            value={form.label}
            onChange={(label) => set({ label })}
            issues={issues('label')}
            disabled={disabled}
            testId="builder-label"
          />
        </div>
      </fieldset>
      {shown ? <ErrorAlert error={shown} order={order} /> : null}
      <div className="actions">
        <p className="hint" data-testid="builder-estimate">
          {estimate
            ? `Estimated: ${estimate.text}. Work per cell: ${estimate.sizes}.`
            : 'No estimate until every field is valid.'}
        </p>
        <button
          type="submit"
          className="button button-primary"
          disabled={disabled}
          data-testid="builder-start"
        >
          Start experiment
        </button>
      </div>
    </form>
  );
}
