/** Exports a history entry in one format and offers the file as a download; one export at a time. */
import { useCallback, useState } from 'react';
import type { ReportFileFormat } from '../../electron/common/api';
import { saveExport } from '../components/reports/download';
import { useLab } from '../LabContext';
import { toErrorView, type ErrorView } from '../state/errors';

export interface ReportExport {
  /** the format being exported, or null */
  readonly busy: ReportFileFormat | null;
  readonly error: { readonly format: ReportFileFormat; readonly view: ErrorView } | null;
  /** the name of the last file offered */
  readonly saved: string | null;
  exportAs(format: ReportFileFormat): Promise<void>;
  clearError(): void;
}

export function useReportExport(reportId: string): ReportExport {
  const lab = useLab();
  const [busy, setBusy] = useState<ReportFileFormat | null>(null);
  const [error, setError] = useState<ReportExport['error']>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const exportAs = useCallback(
    async (format: ReportFileFormat) => {
      setBusy(format);
      setError(null);
      setSaved(null);
      try {
        const file = await lab.exportReport(reportId, format);
        saveExport(file);
        setSaved(file.fileName);
      } catch (err) {
        setError({ format, view: toErrorView(err) });
      } finally {
        setBusy(null);
      }
    },
    [lab, reportId],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, saved, exportAs, clearError };
}
