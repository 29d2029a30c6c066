/**
 * Reports on disk: write any export format by the file's extension (atomically: a reader or a crash never
 * sees half a file), and read a saved report back with a size limit and errors that name the file and field.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../common/errors';
import { MAX_REPORT_BYTES } from '../../common/api';
import {
  CHUNK_CHARS,
  exporterForFile,
  EXPORTERS,
  isRenderedFormat,
  RENDERED_FILES,
  REPORT_FILE_FORMATS,
  type ReportFileFormat,
} from '../../common/export/index';
import type { Report } from '../../common/report';
import { parseReportJson, validateReport } from '../../common/report-parse';
import { renderPdf, renderPng, type BrowserOptions } from './chromium';

/** The file ending of every format, in REPORT_FILE_FORMATS order. */
export const FILE_EXTENSIONS = Object.fromEntries(
  REPORT_FILE_FORMATS.map((f) => [
    f,
    isRenderedFormat(f) ? RENDERED_FILES[f].extension : EXPORTERS[f].extension,
  ]),
) as Readonly<Record<ReportFileFormat, string>>;

/** The format a file name asks for, or null when its extension is not one ThreadLab writes. */
export function formatForFile(file: string): ReportFileFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith(RENDERED_FILES.pdf.extension)) return 'pdf';
  if (lower.endsWith(RENDERED_FILES.png.extension)) return 'png';
  return exporterForFile(file)?.format ?? null;
}

/** A file-system error with the path it is about in its message (ENOSPC, for one, names none). */
function errorAt(file: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const out = new Error(`${file}: ${message}`, { cause: err });
  const code = fsCode(err);
  return code ? Object.assign(out, { code }) : out;
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for fsync; NTFS journals the rename. */
async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | null = null;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (process.platform !== 'win32') throw err;
  } finally {
    await fh?.close();
  }
}

/** Bytes of the buffer that `writeChunks` encodes into: a chunk of CHUNK_CHARS characters fits, 3 bytes each. */
const WRITE_BUFFER_BYTES = 3 * CHUNK_CHARS;

/**
 * Writes chunks as they are made, never all held at once. Text is encoded into one reused buffer: a new
 * buffer per chunk is memory outside V8's heap that only a full collection gives back, and an export to
 * hundreds of MB left hundreds of them waiting.
 */
async function writeChunks(fh: FileHandle, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  for (const chunk of chunks) {
    // A chunk longer than the buffer could hold (UTF-8 takes at most 3 bytes per UTF-16 unit) goes as it is.
    if (typeof chunk === 'string' && chunk.length * 3 <= WRITE_BUFFER_BYTES)
      await fh.writeFile(buffer.subarray(0, buffer.write(chunk, 'utf8')));
    else await fh.writeFile(chunk);
  }
}

/**
 * The one way ThreadLab writes a file (`--json`, `--out`, history, exports): a temporary file in the same
 * folder, written and fsynced, renamed over `file`, then the folder fsynced so the rename survives a power
 * cut. A reader or a crash never sees half a file; on any failure (an exporter's included, when `data` is
 * chunks made as they are written) the temporary file is removed and the error names `file`.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fh: FileHandle | null = null;
  try {
    fh = await open(tmp, 'wx', 0o644);
    if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
    else await writeChunks(fh, data);
    await fh.sync();
    await fh.close();
    fh = null;
    await rename(tmp, file);
    await syncDir(dir);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw errorAt(file, err);
  }
}

/** The bytes of `report` in `format` (PDF and PNG start a headless Chromium). */
export async function renderReport(
  report: Report,
  format: ReportFileFormat,
  browser: BrowserOptions = {},
): Promise<string | Uint8Array> {
  if (format === 'pdf') return renderPdf(EXPORTERS.html.export(report) as string, browser);
  if (format === 'png') return renderPng(EXPORTERS.html.export(report) as string, browser);
  return EXPORTERS[format].export(report);
}

/**
 * Writes `report` to `file` in the format its extension names (.json .csv .md .html .trace.json .pdf .png).
 * @throws LabError('invalid-config') for an unknown extension; LabError('not-found') when PDF or PNG is asked
 *   for and no Chromium is installed.
 */
export async function writeReport(
  report: Report,
  file: string,
  browser: BrowserOptions = {},
): Promise<ReportFileFormat> {
  const format = formatForFile(file);
  if (!format)
    throw LabError.invalid([
      {
        field: 'out',
        message: `'${path.basename(file)}' has no extension ThreadLab can write (use ${Object.values(FILE_EXTENSIONS).join(' ')})`,
      },
    ]);
  await writeFileAtomic(
    file,
    isRenderedFormat(format) ? await renderReport(report, format, browser) : EXPORTERS[format].chunks(report),
  );
  return format;
}

/** Why a file in one of the lab's own folders is not read. */
export const SYMLINK_REFUSED = 'is a symbolic link, which ThreadLab does not follow out of its own folders';

function fsCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Reads and validates a saved JSON report. Nothing in it is executed.
 * @throws LabError('not-found') when the file does not exist; LabError('invalid-report') naming the file and,
 *   for schema errors, each field's path (`results[0].wallMs.median: must not be negative`). A file over
 *   `maxBytes` (by default the import limit, the one cap on a report's size) is refused before it is read.
 * With `followLinks: false` (the lab's own folders) a symbolic link is refused rather than followed: it could
 * lead anywhere on the machine, and the history is shown to watchers on the network.
 */
export async function readReport(
  file: string,
  maxBytes = MAX_REPORT_BYTES,
  options: { readonly followLinks?: boolean } = {},
): Promise<Report> {
  const name = path.basename(file);
  const follow = options.followLinks ?? true;
  let size: number;
  try {
    const st = await (follow ? stat : lstat)(file);
    if (st.isSymbolicLink())
      throw LabError.invalid([{ field: name, message: SYMLINK_REFUSED }], 'invalid-report');
    if (!st.isFile()) throw LabError.invalid([{ field: name, message: 'is not a file' }], 'invalid-report');
    size = st.size;
  } catch (err) {
    if (err instanceof LabError) throw err;
    if (fsCode(err) === 'ENOENT')
      throw new LabError('not-found', `${file}: no such file`, [{ field: name, message: 'no such file' }]);
    throw err;
  }
  if (size > maxBytes)
    throw LabError.invalid(
      [
        {
          field: name,
          message: `is ${(size / 2 ** 20).toFixed(1)} MiB; reports over ${maxBytes / 2 ** 20} MiB are refused`,
        },
      ],
      'invalid-report',
    );
  // O_NOFOLLOW as well: a link put in the file's place after the check above is refused all the same.
  const flag = follow ? 'r' : constants.O_RDONLY | constants.O_NOFOLLOW;
  try {
    return validateReport(await readJson(file, name, flag), name);
  } catch (err) {
    if (err instanceof LabError) throw new LabError(err.code, `${name}: ${err.message}`, err.issues);
    throw err;
  }
}

/** The file's JSON, parsed; its text is this function's alone, so it can be collected once this returns. */
async function readJson(file: string, name: string, flag: string | number): Promise<unknown> {
  // A byte-order mark is what some Windows editors add; it is not part of the JSON.
  return parseReportJson((await readFile(file, { encoding: 'utf8', flag })).replace(/^\uFEFF/, ''), name);
}
