/**
 * Import: a file picker for one or more report files, and how each one went. A refused file's problems are
 * listed field by field, as plain text; nothing from a file is ever rendered as markup.
 */
import type { RefObject } from 'react';
import type { ImportOutcome } from '../../state/reports-import';

interface ButtonProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly busy: boolean;
  onFiles(files: File[]): void;
}

/** The picker: a real file input (hidden, reached through the button) that takes several files at once. */
export function ImportButton({ inputRef, busy, onFiles }: ButtonProps) {
  return (
    <span className="import">
      <input
        ref={inputRef}
        id="report-import-input"
        type="file"
        accept=".json,application/json"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          // Reset so choosing the same file again is a new change.
          e.currentTarget.value = '';
          onFiles(files);
        }}
      />
      <button
        id="report-import-button"
        type="button"
        className="button"
        disabled={busy}
        data-testid="import-button"
        onClick={() => inputRef.current?.click()}
      >
        {busy ? 'Importing…' : 'Import reports…'}
      </button>
    </span>
  );
}

interface OutcomeProps {
  readonly outcomes: readonly ImportOutcome[];
  onDismiss(key: string): void;
}

/** How each file of the last import went. */
export function ImportOutcomes({ outcomes, onDismiss }: OutcomeProps) {
  return (
    <>
      {outcomes.length ? (
        <ul className="import-outcomes" data-testid="import-outcomes">
          {outcomes.map((o) =>
            o.ok ? (
              <li key={o.key} className="banner" role="status" data-testid="import-ok">
                Imported <strong>{o.fileName}</strong>
                {o.label ? ` (“${o.label}”)` : ''}.{' '}
                <button type="button" className="button-link" onClick={() => onDismiss(o.key)}>
                  Dismiss
                </button>
              </li>
            ) : (
              <li key={o.key} className="alert" role="alert" data-testid="import-error">
                <p className="alert-title">
                  <strong>{o.fileName} could not be imported.</strong> {o.message}
                </p>
                {o.issues.length ? (
                  <ul>
                    {o.issues.map((issue, i) => (
                      <li key={i} data-testid="import-issue">
                        <code className="field-path">{issue.field}</code>: {issue.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <button type="button" className="button button-quiet" onClick={() => onDismiss(o.key)}>
                  Dismiss
                </button>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </>
  );
}
