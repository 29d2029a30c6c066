/** One entry of the history list: what ran, where, how it ended, its best speedups, and what can be done. */
import type { HistoryRow } from '../../state/reports';

interface Props {
  readonly row: HistoryRow;
  /** 'A' or 'B' when picked for a comparison */
  readonly pick: 'A' | 'B' | null;
  readonly readOnly: boolean;
  onOpen(id: string): void;
  onTogglePick(id: string): void;
  onDelete(row: HistoryRow): void;
}

export function HistoryItem({ row, pick, readOnly, onOpen, onTogglePick, onDelete }: Props) {
  const headingId = `history-${row.id}-title`;
  return (
    <li
      className={`history-item${pick ? ' history-picked' : ''}`}
      data-testid="history-item"
      data-id={row.id}
      data-status={row.status.kind}
      data-source={row.imported ? 'imported' : 'run'}
      aria-labelledby={headingId}
    >
      <div className="history-main">
        <div className="history-title-row">
          <h3 id={headingId} className="history-title">
            {row.title}
          </h3>
          <span className={`status-badge status-${row.status.tone}`} data-testid="history-status">
            {row.status.label}
          </span>
          {row.imported ? <span className="kind">Imported</span> : null}
          {pick ? (
            <span className="pick-badge" aria-hidden="true">
              {pick}
            </span>
          ) : null}
        </div>
        <p className="history-meta">
          <time dateTime={row.whenIso ?? undefined}>{row.when}</time> · {row.machine}
        </p>
        {row.origin ? (
          <p className="history-origin" data-testid="history-origin">
            {row.origin}
          </p>
        ) : null}
        {row.status.kind !== 'corrupt' ? (
          <p className="history-facts">
            <span>
              <span className="muted">Workloads:</span> {row.workloads}
            </span>
            <span>
              <span className="muted">Models:</span> {row.models}
            </span>
            <span className="muted">{row.cells}</span>
          </p>
        ) : null}
        {row.headline.length ? (
          <ul className="history-best" aria-label="Best speedup of each model" data-testid="history-best">
            {row.headline.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        ) : null}
        {row.status.detail && row.status.kind !== 'corrupt' ? (
          <p className="note">{row.status.detail}</p>
        ) : null}
        {row.error ? (
          <p className="bad history-error" data-testid="history-error">
            {row.status.detail} {row.error}
          </p>
        ) : null}
      </div>
      <div className="history-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!row.canOpen}
          aria-label={`Open ${row.title}`}
          data-testid="history-open"
          onClick={() => onOpen(row.id)}
        >
          Open
        </button>
        <label className={`toggle pick-toggle${row.canCompare ? '' : ' disabled'}`}>
          <input
            type="checkbox"
            checked={pick !== null}
            disabled={!row.canCompare}
            aria-label={`Pick ${row.title} for comparison`}
            data-testid="history-pick"
            onChange={() => onTogglePick(row.id)}
          />
          Compare
        </label>
        {readOnly ? null : (
          <button
            type="button"
            className="button button-quiet"
            disabled={!row.canDelete}
            aria-label={`Delete ${row.title}`}
            data-testid="history-delete"
            onClick={() => onDelete(row)}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
