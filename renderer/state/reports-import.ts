/**
 * What importing a file came to, per file. A refused file keeps the engine's field issues (`results[0].
 * wallMs.median: must not be negative`) so the user sees exactly what is wrong and where; the file's own text
 * is never shown, and everything here is rendered as plain text.
 */
import { MAX_REPORT_BYTES } from '../../electron/common/api';
import type { FieldIssue } from '../../electron/common/errors';
import type { Report } from '../../electron/common/report';
import { toErrorView } from './errors';

export type ImportOutcome =
  | {
      readonly key: string;
      readonly fileName: string;
      readonly ok: true;
      readonly id: string;
      readonly label: string;
    }
  | {
      readonly key: string;
      readonly fileName: string;
      readonly ok: false;
      readonly message: string;
      readonly issues: readonly FieldIssue[];
    };

let counter = 0;
const nextKey = () => `import-${++counter}`;

export function importSuccess(fileName: string, report: Report): ImportOutcome {
  return { key: nextKey(), fileName, ok: true, id: report.id, label: report.config.label };
}

export function importFailure(fileName: string, err: unknown): ImportOutcome {
  const view = toErrorView(err);
  const raw = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  const message = view.issues.length
    ? 'It is not a valid ThreadLab report:'
    : typeof raw === 'string' && raw
      ? raw
      : view.message;
  return { key: nextKey(), fileName, ok: false, message, issues: view.issues };
}

/** A file too large to be a report is refused before it is read into memory. */
export function tooLarge(fileName: string, sizeBytes: number): ImportOutcome | null {
  if (sizeBytes <= MAX_REPORT_BYTES) return null;
  return importFailure(fileName, {
    message: 'too large',
    issues: [
      {
        field: fileName,
        message: `is ${(sizeBytes / 2 ** 20).toFixed(1)} MiB; reports over ${MAX_REPORT_BYTES / 2 ** 20} MiB are refused`,
      },
    ],
  });
}
