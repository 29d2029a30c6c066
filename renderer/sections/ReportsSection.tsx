/**
 * Reports: every experiment this lab recorded and every report imported from a file. Open one to see it
 * with the same charts as a fresh result (and export it), pick two to compare them, delete what is not
 * needed. The File menu's Import and Export commands land here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '../components/common/ErrorAlert';
import { HistoryList } from '../components/reports/HistoryList';
import { ImportButton, ImportOutcomes } from '../components/reports/ImportPanel';
import { ComparePair, OpenReport } from '../components/reports/ReportLoaders';
import { useHistory } from '../hooks/useHistory';
import { useReportImport } from '../hooks/useReportImport';
import { onReportCommand } from '../lab';
import { historyRow, keepPicks, togglePick } from '../state/reports';
import type { SectionProps } from './section';
import '../styles/reports.css';

type View = { kind: 'list' } | { kind: 'open'; id: string } | { kind: 'compare'; a: string; b: string };

export function ReportsSection({ info, editInBuilder }: SectionProps) {
  const history = useHistory();
  const importer = useReportImport(history.reload);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [picks, setPicks] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const titles = useMemo(() => Object.fromEntries(info.workloads.map((w) => [w.name, w.title])), [info]);
  const rows = useMemo(
    () => (history.entries ?? []).map((e) => historyRow(e, titles)),
    [history.entries, titles],
  );
  const picked = keepPicks(picks, rows);
  const rowOf = (id: string) => rows.find((r) => r.id === id);

  useEffect(
    () =>
      onReportCommand('import-report', () => {
        setNotice(null);
        document.getElementById('report-import-button')?.focus();
        // Shells may refuse a picker opened without a click; the focused button is then one key away.
        inputRef.current?.click();
      }),
    [],
  );
  const isOpen = view.kind === 'open';
  useEffect(
    () =>
      onReportCommand('export-report', () => {
        // With a report open, its Export menu answers the command.
        if (!isOpen)
          setNotice('Open a report first: its Export button, beside the title, offers every format.');
      }),
    [isOpen],
  );
  // A new view is announced by moving focus to its heading (not on first render: the tab keeps focus).
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    headingRef.current?.focus();
  }, [view]);

  const onTogglePick = useCallback((id: string) => setPicks((p) => togglePick(p, id)), []);
  const onOpen = useCallback((id: string) => {
    setNotice(null);
    setView({ kind: 'open', id });
  }, []);
  const [a, b] = picked;

  const heading =
    view.kind === 'open'
      ? rowOf(view.id)?.imported
        ? 'An imported report'
        : 'A report from the history'
      : view.kind === 'compare'
        ? 'Comparing two reports'
        : 'Reports';

  return (
    <div className="reports" data-testid="reports">
      <section className="panel reports-head" aria-labelledby="reports-heading">
        <div className="panel-head">
          <h2 id="reports-heading" ref={headingRef} tabIndex={-1}>
            {heading}
          </h2>
          <div className="reports-tools">
            {view.kind !== 'list' ? (
              <button
                type="button"
                className="button"
                data-testid="reports-back"
                onClick={() => setView({ kind: 'list' })}
              >
                <span aria-hidden="true">← </span>All reports
              </button>
            ) : (
              <button type="button" className="button button-quiet" onClick={history.reload}>
                Refresh
              </button>
            )}
            {info.readOnly ? null : (
              <ImportButton
                inputRef={inputRef}
                busy={importer.busy}
                onFiles={(files) => {
                  // The outcome and the new entries are shown in the list.
                  setView({ kind: 'list' });
                  void importer.importFiles(files);
                }}
              />
            )}
          </div>
        </div>
        {view.kind === 'list' ? (
          <p className="note">
            Every experiment run here is kept, including one cut off by a crash or a quit (marked incomplete).
            Imported reports are kept apart and marked with the file they came from.
          </p>
        ) : null}
        {info.readOnly ? (
          <p className="note">You are watching: importing and deleting are left to the lab machine.</p>
        ) : null}
        {view.kind === 'list' ? (
          <ImportOutcomes outcomes={importer.outcomes} onDismiss={importer.dismiss} />
        ) : null}
        {notice ? (
          <p className="banner" role="status" data-testid="reports-notice">
            {notice}
          </p>
        ) : null}
        {view.kind === 'list' && picked.length ? (
          <div className="compare-bar" data-testid="compare-bar">
            <span>
              {a ? `A: ${rowOf(a)?.title ?? a}` : ''}
              {b ? ` · B: ${rowOf(b)?.title ?? b}` : ' · pick one more report to compare with'}
            </span>
            <button
              type="button"
              className="button"
              disabled={!b}
              onClick={() => setPicks([...picked].reverse())}
            >
              Swap A and B
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!a || !b}
              data-testid="compare-start"
              onClick={() => a && b && setView({ kind: 'compare', a, b })}
            >
              Compare
            </button>
          </div>
        ) : null}
      </section>

      {view.kind === 'list' ? (
        <section className="panel" aria-label="History">
          {history.error ? (
            <ErrorAlert
              error={history.error}
              title="The history could not be read"
              onDismiss={history.reload}
            />
          ) : null}
          {history.entries ? (
            <HistoryList
              rows={rows}
              picked={picked}
              readOnly={info.readOnly}
              onOpen={onOpen}
              onTogglePick={onTogglePick}
              onDelete={history.remove}
            />
          ) : (
            <p className="note" aria-busy="true">
              Reading the history…
            </p>
          )}
        </section>
      ) : null}
      {view.kind === 'open' ? (
        <OpenReport
          id={view.id}
          titles={titles}
          origin={rowOf(view.id)?.origin ?? null}
          onEditSettings={editInBuilder}
        />
      ) : null}
      {view.kind === 'compare' ? <ComparePair a={view.a} b={view.b} titles={titles} /> : null}
    </div>
  );
}
