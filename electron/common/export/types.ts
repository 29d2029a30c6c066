/**
 * One interface for every exporter (after hyperfine's): pure functions of a Report, so the CLI, the app's
 * main process and the renderer can all call them, and each one is snapshot-tested on a fixed report.
 */
import type { Report } from '../report';

/** Formats that can be produced without a browser. PDF and PNG are rendered from `html` by the engine. */
export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'html', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Turns a report into the bytes or text of one file format. Never throws on a schema-valid report. */
export interface Exporter {
  readonly format: ExportFormat;
  /** file name ending, with its dot (`.trace.json` for the trace) */
  readonly extension: string;
  /** media type, for save dialogs and downloads */
  readonly mime: string;
  /** plain-words name for menus and dialogs */
  readonly title: string;
  export(report: Report): string | Uint8Array;
}
