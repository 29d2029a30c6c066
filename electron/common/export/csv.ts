/**
 * CSV, one row per measured run (what a spreadsheet or pandas wants). RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, quote or line break. A cell's statistics (short numbers) are repeated on each of its
 * rows so any row can be filtered or pivoted alone; its failure message and warnings, which can be long, are
 * on its first row only, so the file grows with the number of runs and never with runs x message length.
 * A cell that a spreadsheet would read as a formula gets a leading apostrophe, after OWASP's advice on CSV
 * injection: labels, workload names and failure messages can come from anyone.
 */
import type { Report, ResultEntry } from '../report';
import type { Exporter } from './types';

const HEADER = [
  'workload',
  'kind',
  'model',
  'workers',
  'repetition',
  'wallMs',
  'outlier',
  'medianMs',
  'speedup',
  'speedupCiLow',
  'speedupCiHigh',
  'efficiency',
  'checksumOk',
  'failureReason',
  'failureMessage',
  'warnings',
] as const;

type Field = string | number | boolean | null;

/**
 * What a spreadsheet may take for the start of a formula: = + - @ (also full-width, small and the minus
 * sign, which some spreadsheets fold to ASCII), after any leading white space (spaces, no-break and other
 * Unicode spaces, a byte-order mark), or a leading tab, CR or LF.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212\uFE62\uFE63\uFE66])/u;

/** Neutralises formula triggers in text, then quotes per RFC 4180. Numbers and booleans are our own. */
export function csvField(value: Field): string {
  let s = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The cell's figures, on every one of its rows. */
function cellFigures(r: ResultEntry): Field[] {
  return [
    r.wallMs?.median ?? null,
    r.speedup?.median ?? null,
    r.speedup?.ciLow ?? null,
    r.speedup?.ciHigh ?? null,
    r.efficiency,
    r.checksumOk,
    r.failure?.reason ?? null,
  ];
}

/** The cell's text, on its first row only. */
function cellText(r: ResultEntry): Field[] {
  return [r.failure?.message ?? null, r.warnings.map((w) => w.kind).join(';')];
}

const NO_TEXT: Field[] = [null, null];

function* rows(r: ResultEntry): Generator<Field[]> {
  const head: Field[] = [r.workload, r.kind, r.model, r.workers];
  const figures = cellFigures(r);
  const raw = r.wallMs?.raw ?? [];
  // A cell without a single finished run still gets a row, so its failure is not lost from the file.
  if (raw.length === 0) {
    yield [...head, null, null, null, ...figures, ...cellText(r)];
    return;
  }
  const outliers = new Set(r.wallMs?.outliers ?? []);
  for (let i = 0; i < raw.length; i++)
    yield [...head, i + 1, raw[i] ?? null, outliers.has(i), ...figures, ...(i === 0 ? cellText(r) : NO_TEXT)];
}

export function toCsv(report: Report): string {
  const lines = [HEADER.map(csvField).join(',')];
  for (const r of report.results) for (const row of rows(r)) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export const csvExporter: Exporter = {
  format: 'csv',
  extension: '.csv',
  mime: 'text/csv',
  title: 'Measured runs (CSV)',
  export: toCsv,
};
