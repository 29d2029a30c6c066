/**
 * Build your own experiment: workloads and their sizes (your own file among them, once opened), models, runs
 * per cell (a fixed number, or until the interval is tight), worker counts, warm-up and the GIL switch
 * interval. The form is sent as typed; the engine validates it and names any bad field, and the message is
 * shown beside that field and in the alert above the Start button.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { LabInfo } from '../../../electron/common/api';
import type { ExperimentConfigInput } from '../../../electron/common/config';
import { LIMITS } from '../../../electron/common/config';
import type { RunTimings } from '../../../electron/common/estimate';
import type { FieldIssue } from '../../../electron/common/errors';
import type { UserWorkloadRecord } from '../../../electron/common/user-workload';
import { useOwnWorkload } from '../../hooks/useOwnWorkload';
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
import { catalogWith, formRestoring, formWithOwn, unfitModels } from '../../state/own-workload';
import { ErrorAlert } from '../common/ErrorAlert';
import { ModelPicker } from './ModelPicker';
import { OwnWorkloadPicker } from './OwnWorkloadPicker';
import { RunPolicyFields } from './RunPolicyFields';
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
  /** the form to start from (a report's settings re-opened); read when mounted, so give it a new key */
  readonly initial?: BuilderForm;
}

export function Builder({ info, disabled, startError, sentOrder, timings, onStart, initial }: Props) {
  const [form, setForm] = useState<BuilderForm>(() => initial ?? initialForm(info));
  const [local, setLocal] = useState<{ issues: readonly FieldIssue[]; order: readonly string[] } | null>(
    null,
  );
  const set = (patch: Partial<BuilderForm>) => setForm((f) => ({ ...f, ...patch }));
  const own = useOwnWorkload({
    readOnly: info.readOnly,
    onOpened: useCallback(
      (record: UserWorkloadRecord, previous: UserWorkloadRecord | null) =>
        setForm((f) => formWithOwn(f, record, previous)),
      [],
    ),
    onRestored: (record: UserWorkloadRecord) =>
      setForm((f) => formRestoring(f, record, initial !== undefined)),
  });
  const record = own.state.record;
  const catalog = useMemo(() => catalogWith(info.workloads, record), [info.workloads, record]);

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
    const built = formToInput(form, catalog);
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
        workloads={visibleWorkloads(catalog)}
        form={form.workloads}
        onChange={(name, next) => set({ workloads: { ...form.workloads, [name]: next } })}
        issuesFor={issues}
        disabled={disabled}
        pythonSize={offersPythonSize(form.models)}
      />
      <OwnWorkloadPicker
        state={own.state}
        readOnly={info.readOnly}
        disabled={disabled}
        onFile={(file) => void own.open(file)}
      />
      <ModelPicker
        models={info.models}
        chosen={form.models}
        onChange={(models) => set({ models })}
        issues={issues('models')}
        disabled={disabled}
        unavailable={{ ...unavailableModels(info.python), ...unfitModels(record, form, info.models) }}
      />
      <RunPolicyFields form={form} onChange={set} issuesFor={issues} disabled={disabled} />
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
