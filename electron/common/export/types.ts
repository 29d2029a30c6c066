/**
 * One interface for every exporter (after hyperfine's): pure functions of a Report, so the CLI, the app's
 * main process and the renderer can all call them, and each one is snapshot-tested on a fixed report.
 */
import type { Report } from '../report';

/**
 * Formats that can be produced without a browser, each spelled once: these names are the LabApi's
 * exportReport argument and the exporters' keys. (`.markdown` files are still read as Markdown by
 * exporterForFile.)
 */
export const EXPORT_FORMATS = ['json', 'csv', 'md', 'html', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats rendered from the `html` export by a browser engine (each one costs a Chromium). */
export const RENDERED_FORMATS = ['pdf', 'png'] as const;
export type RenderedFormat = (typeof RENDERED_FORMATS)[number];
/** File ending and media type of each rendered format (the exporters carry their own). */
export const RENDERED_FILES: Readonly<
  Record<RenderedFormat, { readonly extension: string; readonly mime: string }>
> = {
  pdf: { extension: '.pdf', mime: 'application/pdf' },
  png: { extension: '.png', mime: 'image/png' },
};

/** Every format a report can be written in: what exportReport and `lab report --out` produce. */
export const REPORT_FILE_FORMATS = [...EXPORT_FORMATS, ...RENDERED_FORMATS] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

export function isRenderedFormat(format: unknown): format is RenderedFormat {
  return (RENDERED_FORMATS as readonly unknown[]).includes(format);
}

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
  /**
   * The same file, as text in chunks of about a MiB each (joined, they are `export`'s text): what is written
   * to disk, so that no one string or buffer holds a file of hundreds of MB.
   */
  chunks(report: Report): Iterable<string>;
}
