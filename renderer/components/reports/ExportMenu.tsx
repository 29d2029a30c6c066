/**
 * "Export" for one report: a menu button with every format the engine writes. The file comes back as bytes
 * and is offered as a download. Rendered only where an engine is at hand (ResultsView is also drawn alone).
 * The File menu's Export command opens this menu when a report is on screen.
 */
import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ReportFileFormat } from '../../../electron/common/api';
import { useReportExport } from '../../hooks/useReportExport';
import { onReportCommand } from '../../lab';
import { LabContext } from '../../LabContext';
import { ErrorAlert } from '../common/ErrorAlert';
import '../../styles/reports.css';

/** The menu, in the order a user is most likely to want them. */
export const EXPORT_CHOICES: readonly { format: ReportFileFormat; label: string; hint: string }[] = [
  { format: 'html', label: 'Web page (HTML)', hint: 'charts and tables in one file; prints to PDF' },
  { format: 'pdf', label: 'PDF document', hint: 'the web page, printed' },
  { format: 'png', label: 'PNG image', hint: 'the web page as one picture' },
  { format: 'csv', label: 'CSV table', hint: 'one row per cell, for a spreadsheet' },
  { format: 'md', label: 'Markdown', hint: 'tables for a README or an issue' },
  { format: 'json', label: 'ThreadLab report (JSON)', hint: 'everything measured; can be imported again' },
  { format: 'trace', label: 'Chrome trace', hint: 'open it in ui.perfetto.dev or chrome://tracing' },
];

export function ExportMenu({ reportId }: { reportId: string }) {
  return useContext(LabContext) ? <ExportMenuInner reportId={reportId} /> : null;
}

function ExportMenuInner({ reportId }: { reportId: string }) {
  const exp = useReportExport(reportId);
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => onReportCommand('export-report', () => setOpen(true)), []);
  // Opening moves focus into the menu, as a menu button does.
  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      const root = buttonRef.current?.parentElement;
      if (root && e.target instanceof Node && !root.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') setOpen(false);
  };
  const pick = (format: ReportFileFormat) => {
    close();
    void exp.exportAs(format);
  };
  const busyLabel = EXPORT_CHOICES.find((c) => c.format === exp.busy)?.label;

  return (
    <div className="export" data-testid="export">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        data-testid="export-button"
        disabled={exp.busy !== null}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {exp.busy ? 'Exporting…' : 'Export'} <span aria-hidden="true">▾</span>
      </button>
      <ul
        ref={menuRef}
        id={`${id}-menu`}
        className="export-menu"
        role="menu"
        aria-label="Export this report as"
        hidden={!open}
        onKeyDown={onMenuKey}
      >
        {EXPORT_CHOICES.map((c) => (
          <li key={c.format} role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={`export-${c.format}`}
              onClick={() => pick(c.format)}
            >
              <span className="export-label">{c.label}</span>
              <span className="export-hint">{c.hint}</span>
            </button>
          </li>
        ))}
      </ul>
      <span className="export-status" role="status" data-testid="export-status">
        {busyLabel ? `Exporting as ${busyLabel}…` : exp.saved ? `Saved ${exp.saved}` : ''}
      </span>
      {exp.error ? (
        <ErrorAlert
          error={exp.error.view}
          title={`The ${EXPORT_CHOICES.find((c) => c.format === exp.error?.format)?.label ?? ''} export failed`}
          onDismiss={exp.clearError}
        />
      ) : null}
    </div>
  );
}
