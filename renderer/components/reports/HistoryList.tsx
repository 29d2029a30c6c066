/** The history: every recorded run and imported report, newest first, with a delete that asks first. */
import { useState } from 'react';
import type { ErrorView } from '../../state/errors';
import type { HistoryRow } from '../../state/reports';
import { ErrorAlert } from '../common/ErrorAlert';
import { ConfirmDialog } from './ConfirmDialog';
import { HistoryItem } from './HistoryItem';

interface Props {
  readonly rows: readonly HistoryRow[];
  readonly picked: readonly string[];
  readonly readOnly: boolean;
  onOpen(id: string): void;
  onTogglePick(id: string): void;
  onDelete(id: string): Promise<ErrorView | null>;
}

export function HistoryList({ rows, picked, readOnly, onOpen, onTogglePick, onDelete }: Props) {
  const [confirming, setConfirming] = useState<HistoryRow | null>(null);
  const [deleteError, setDeleteError] = useState<ErrorView | null>(null);

  const confirm = async () => {
    const row = confirming;
    setConfirming(null);
    if (row) setDeleteError(await onDelete(row.id));
  };

  if (!rows.length)
    return (
      <p className="note" data-testid="history-empty">
        No reports yet. Every experiment you run is kept here, and you can import reports saved elsewhere.
      </p>
    );

  return (
    <>
      {deleteError ? (
        <ErrorAlert
          error={deleteError}
          title="The entry was not deleted"
          onDismiss={() => setDeleteError(null)}
        />
      ) : null}
      <ul className="history-list" data-testid="history-list">
        {rows.map((row) => {
          const at = picked.indexOf(row.id);
          return (
            <HistoryItem
              key={row.id}
              row={row}
              pick={at === 0 ? 'A' : at === 1 ? 'B' : null}
              readOnly={readOnly}
              onOpen={onOpen}
              onTogglePick={onTogglePick}
              onDelete={setConfirming}
            />
          );
        })}
      </ul>
      {confirming ? (
        <ConfirmDialog
          title="Delete this report?"
          confirmLabel="Delete"
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(null)}
        >
          <p>
            <strong>{confirming.title}</strong> ({confirming.when}) will be removed from this lab’s history.
            This cannot be undone; export it first if you may want it later.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
