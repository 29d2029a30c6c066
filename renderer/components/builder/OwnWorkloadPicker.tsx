/**
 * "Open your own workload…": a real file input, which opens the system's file dialog in the desktop app and
 * in a browser alike, for a .mjs or .py file. Once the engine has checked it, this says what the file
 * declares (title, language, units, parameters with their ranges, the models it runs on) and the workload
 * list above offers it like any other. A refusal is shown here, naming the file and the problem. Watchers
 * get a one-line reason instead: opening a file makes the lab machine run its code.
 */
import { useId, useRef } from 'react';
import { MODEL_TITLES } from '../../../electron/common/config';
import { modelsFor, userWorkloadMeta, type UserWorkloadRecord } from '../../../electron/common/user-workload';
import { KIND_LABEL } from '../../charts/describe';
import { LANGUAGE_TITLE, type OwnWorkload } from '../../state/own-workload';

interface Props {
  readonly state: OwnWorkload;
  /** a watcher: may not make the lab machine run anything */
  readonly readOnly: boolean;
  readonly disabled: boolean;
  onFile(file: File): void;
}

function Summary({ record }: { record: UserWorkloadRecord }) {
  const meta = userWorkloadMeta(record);
  return (
    <div className="own-workload-summary" data-testid="own-workload-summary" data-language={record.language}>
      <p>
        <strong data-testid="own-workload-title">{meta.title}</strong> from <code>{record.file}</code>:{' '}
        {LANGUAGE_TITLE[record.language]},{' '}
        <span className={`kind kind-${meta.kind}`}>{KIND_LABEL[meta.kind]}</span>, {record.meta.units} units.
        Runs on{' '}
        {modelsFor(record.language)
          .map((m) => MODEL_TITLES[m])
          .join(', ')}
        .
      </p>
      {meta.params.length ? (
        <ul className="own-workload-params" data-testid="own-workload-params">
          {meta.params.map((p) => (
            <li key={p.name}>
              <code>{p.name}</code> {p.min}–{p.max}, default {p.default}
              {p.description ? `: ${p.description}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">It declares no parameters.</p>
      )}
    </div>
  );
}

export function OwnWorkloadPicker({ state, readOnly, disabled, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  return (
    <fieldset className="group own-workload" data-testid="own-workload">
      <legend>Your own code</legend>
      {readOnly ? (
        <p className="hint" data-testid="own-workload-watcher">
          Only the person at the machine can run their own code.
        </p>
      ) : (
        <>
          <p className="hint">
            A .mjs (JavaScript module) or .py (Python) file that declares its units and parameters and
            computes one unit (the README shows one). It runs on this machine, with your rights: open only
            code you trust.
          </p>
          <input
            ref={input}
            type="file"
            accept=".mjs,.py"
            className="visually-hidden"
            tabIndex={-1}
            data-testid="own-workload-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // Reset, so choosing the same file again (edited since) is a new change.
              e.currentTarget.value = '';
              if (file) onFile(file);
            }}
          />
          <button
            type="button"
            className="button"
            disabled={disabled || state.opening !== null}
            aria-describedby={state.error ? errorId : undefined}
            onClick={() => input.current?.click()}
            data-testid="own-workload-open"
          >
            {state.opening !== null ? `Checking ${state.opening}…` : 'Open your own workload…'}
          </button>
          {state.error ? (
            <p className="field-errors" id={errorId} role="alert" data-testid="own-workload-error">
              {state.error}
            </p>
          ) : null}
          {state.record ? <Summary record={state.record} /> : null}
        </>
      )}
    </fieldset>
  );
}
