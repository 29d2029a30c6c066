/**
 * CSV, one row per measured run (what a spreadsheet or pandas wants), with the cell's statistics repeated on
 * each of its rows. RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
 * A cell that a spreadsheet would read as a formula (= + - @ tab CR first) gets a leading apostrophe, after
 * OWASP's advice on CSV injection: labels, workload names and failure messages can come from anyone.
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

/** Neutralises formula triggers, then quotes per RFC 4180. */
export function csvField(value: Field): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellFields(r: ResultEntry): Field[] {
  return [
    r.wallMs?.median ?? null,
    r.speedup?.median ?? null,
    r.speedup?.ciLow ?? null,
    r.speedup?.ciHigh ?? null,
    r.efficiency,
    r.checksumOk,
    r.failure?.reason ?? null,
    r.failure?.message ?? null,
    r.warnings.map((w) => w.kind).join(';'),
  ];
}

function rows(r: ResultEntry): Field[][] {
  const head: Field[] = [r.workload, r.kind, r.model, r.workers];
  const cell = cellFields(r);
  const raw = r.wallMs?.raw ?? [];
  // A cell without a single finished run still gets a row, so its failure is not lost from the file.
  if (raw.length === 0) return [[...head, null, null, null, ...cell]];
  const outliers = new Set(r.wallMs?.outliers ?? []);
  return raw.map((t, i) => [...head, i + 1, t, outliers.has(i), ...cell]);
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
