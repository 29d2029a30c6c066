/**
 * CSV, one row per measured run (what a spreadsheet or pandas wants). RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, quote or line break. A cell's statistics (short numbers) are repeated on each of its
 * rows so any row can be filtered or pivoted alone; its failure message and warnings, which can be long, are
 * on its first row only, so the file grows with the number of runs and never with runs x message length.
 * A cell that a spreadsheet would read as a formula gets a leading apostrophe, after OWASP's advice on CSV
 * injection: labels, workload names and failure messages can come from anyone.
 */
import { interpreterName } from '../format';
import type { Report, ResultEntry } from '../report';
import { inChunks } from './chunks';
import type { Exporter } from './types';

const HEADER = [
  'workload',
  'kind',
  'model',
  'workers',
  'repetition',
  'wallMs',
  'outlier',
  'cpuMs',
  'coresBusy',
  'medianMs',
  'speedup',
  'speedupCiLow',
  'speedupCiHigh',
  'efficiency',
  'runs',
  'medianCiPct',
  'targetReached',
  'checksumOk',
  'failureReason',
  'failureMessage',
  'warnings',
  'interpreter',
  'loops',
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
    // measured runs of the cell; with adaptive runs also how tight its median got and whether that met the
    // target (empty for a fixed number of runs, where no target was set)
    r.adaptive?.runs ?? r.wallMs?.raw.length ?? 0,
    r.adaptive ? r.adaptive.medianCiPct : null,
    r.adaptive ? r.adaptive.reached : null,
    r.checksumOk,
    r.failure?.reason ?? null,
  ];
}

const line = (fields: readonly Field[]): string => fields.map(csvField).join(',');

/** The rows of one cell, each ending in CRLF: the cell's fields are quoted once, not once per run. */
function* cellRows(r: ResultEntry, interpreter: string | null): Generator<string> {
  const head = line([r.workload, r.kind, r.model, r.workers]);
  const figures = line(cellFigures(r));
  // last: the interpreter, and the jobs each run repeated where runs were calibrated (empty otherwise)
  const tail = `${csvField(interpreter)},${csvField(r.loops ?? null)}`;
  const text = line([r.failure?.message ?? null, r.warnings.map((w) => w.kind).join(';')]);
  const raw = r.wallMs?.raw ?? [];
  // A cell without a single finished run still gets a row, so its failure is not lost from the file.
  if (raw.length === 0) {
    yield `${head},,,,,,${figures},${text},${tail}\r\n`;
    return;
  }
  const outliers = new Set(r.wallMs?.outliers ?? []);
  // CPU figures per run, empty in a version-1 report
  const cpu = (i: number) => `${csvField(r.cpuMs?.raw[i] ?? null)},${csvField(r.coresBusy?.raw[i] ?? null)}`;
  for (let i = 0; i < raw.length; i++)
    yield `${head},${i + 1},${csvField(raw[i] ?? null)},${outliers.has(i)},${cpu(i)},${figures},${i === 0 ? text : ','},${tail}\r\n`;
}

/** The CSV in chunks of about a MiB: a string of every row would need the file's size several times. */
function* csvChunks(report: Report): Generator<string> {
  function* rows(): Generator<string> {
    yield line([...HEADER]) + '\r\n';
    // the interpreter that ran a py-* cell's model, on each of its rows (empty for Node's models)
    const interpreters = new Map(
      (report.python?.interpreters ?? []).flatMap((i) =>
        i.models.map((m) => [m as string, interpreterName(i)]),
      ),
    );
    for (const r of report.results) yield* cellRows(r, interpreters.get(r.model) ?? null);
  }
  yield* inChunks(rows());
}

/** The CSV as UTF-8 bytes, encoded chunk by chunk. */
export function toCsvBytes(report: Report): Uint8Array {
  const utf8 = new TextEncoder();
  const chunks = Array.from(csvChunks(report), (c) => utf8.encode(c));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The CSV as text, for callers that want a string (the exporter itself returns the bytes). */
export const toCsv = (report: Report): string => new TextDecoder().decode(toCsvBytes(report));

export const csvExporter: Exporter = {
  format: 'csv',
  extension: '.csv',
  mime: 'text/csv',
  title: 'Measured runs (CSV)',
  export: toCsvBytes,
  chunks: csvChunks,
};
