/** Every exporter, and the choice of one by format or by file name. Pure: no file system here. */
import { csvExporter } from './csv';
import { htmlExporter } from './html';
import { jsonExporter } from './json';
import { markdownExporter } from './markdown';
import { traceExporter } from './trace';
import type { ExportFormat, Exporter } from './types';

export type { ExportFormat, Exporter, RenderedFormat, ReportFileFormat } from './types';
export {
  EXPORT_FORMATS,
  isRenderedFormat,
  RENDERED_FILES,
  RENDERED_FORMATS,
  REPORT_FILE_FORMATS,
} from './types';
export { CHUNK_CHARS, inChunks, jsonPieces } from './chunks';
export { toCsv, csvField } from './csv';
export { toHtml, HTML_CSP } from './html';
export { toMarkdown, mdText } from './markdown';
export { toTrace, type TraceEvent, type TraceFile } from './trace';

export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  json: jsonExporter,
  csv: csvExporter,
  md: markdownExporter,
  html: htmlExporter,
  trace: traceExporter,
};

/** The exporter for a file name by its ending (`.trace.json` before `.json`), or null. Case-insensitive. */
export function exporterForFile(fileName: string): Exporter | null {
  const lower = fileName.toLowerCase();
  const byLength = Object.values(EXPORTERS).sort((a, b) => b.extension.length - a.extension.length);
  return (
    byLength.find((e) => lower.endsWith(e.extension)) ??
    (lower.endsWith('.markdown') ? markdownExporter : null)
  );
}
