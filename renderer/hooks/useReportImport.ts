/** Imports report files one after another (memory stays bounded) and remembers how each one went. */
import { useCallback, useState } from 'react';
import { useLab } from '../LabContext';
import { importFailure, importSuccess, tooLarge, type ImportOutcome } from '../state/reports-import';

export interface ReportImport {
  readonly outcomes: readonly ImportOutcome[];
  readonly busy: boolean;
  importFiles(files: readonly File[]): Promise<void>;
  dismiss(key: string): void;
}

export function useReportImport(onImported: () => void): ReportImport {
  const lab = useLab();
  const [outcomes, setOutcomes] = useState<readonly ImportOutcome[]>([]);
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: readonly File[]) => {
      if (!files.length) return;
      setBusy(true);
      const done: ImportOutcome[] = [];
      for (const file of files) {
        const refused = tooLarge(file.name, file.size);
        if (refused) {
          done.push(refused);
          continue;
        }
        try {
          done.push(importSuccess(file.name, await lab.importReport(await file.text(), file.name)));
        } catch (err) {
          done.push(importFailure(file.name, err));
        }
      }
      setOutcomes(done);
      setBusy(false);
      if (done.some((o) => o.ok)) onImported();
    },
    [lab, onImported],
  );

  const dismiss = useCallback((key: string) => setOutcomes((list) => list.filter((o) => o.key !== key)), []);
  return { outcomes, busy, importFiles, dismiss };
}
