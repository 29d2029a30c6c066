/**
 * The reports behind LabApi: every experiment recorded in the history folder as it runs (so a crash leaves an
 * 'incomplete' entry), reports imported from files, and exports of either. Imports live in the history
 * folder's `imported/` subfolder under ids starting with `imported-`: they are not runs of this machine, so
 * `lab history` does not list them, and the id alone says which folder an entry is in.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_REPORT_BYTES,
  type ExportedFile,
  type HistoryEntrySummary,
  type LabEvent,
  type ReportFileFormat,
} from '../../common/api';
import { LabError } from '../../common/errors';
import { EXPORTERS, isRenderedFormat, RENDERED_FILES } from '../../common/export/index';
import type { Report } from '../../common/report';
import { parseReport } from '../../common/report-parse';
import { createHistory, type History, type HistorySummary } from '../report/history-store';
import { historyRecorder } from '../report/history-recorder';
import { writeFileAtomic } from '../report/io';
import { MAX_RENDER_QUEUE } from './budgets';
import { RenderQueue } from './render-queue';

/**
 * Renders the self-contained HTML export to PDF or PNG: a headless Chromium in serve mode and tests, an
 * offscreen BrowserWindow in the Electron shell. The engine never imports either.
 */
export type DocumentRenderer = (html: string, format: 'pdf' | 'png') => Promise<Uint8Array>;

/** Subfolder of the history folder that holds imported reports. */
export const IMPORTS_SUBDIR = 'imported';
export const IMPORTED_PREFIX = 'imported-';
/** Beside each imported report: the name of the file it came from (not .json, so the store ignores it). */
const FROM_SUFFIX = '.from';

export interface LibraryOptions {
  /** where runs are recorded; without it nothing is recorded and imports are refused */
  readonly historyDir?: string;
  readonly renderDocument?: DocumentRenderer;
}

export interface ReportLibrary {
  /** Feed it every engine event; it records experiments (never throws). */
  record(event: LabEvent): void;
  /** Resolves once every recording write so far is on disk (or has failed and been reported). */
  settled(): Promise<void>;
  list(): Promise<HistoryEntrySummary[]>;
  get(id: string): Promise<Report>;
  /** Whether this lab's history holds the run `runId` (recorded, or being recorded); imports are not runs. */
  hasRun(runId: string): Promise<boolean>;
  delete(id: string): Promise<void>;
  import(text: string, fileName: string): Promise<Report>;
  /** `signal`: the asking client has left; a PDF/PNG export still waiting for its turn is dropped. */
  export(id: string, format: ReportFileFormat, signal?: AbortSignal): Promise<ExportedFile>;
}

export function createReportLibrary(options: LibraryOptions): ReportLibrary {
  const dir = options.historyDir ? path.resolve(options.historyDir) : null;
  const runs = dir ? createHistory(dir) : null;
  const imports = dir ? createHistory(path.join(dir, IMPORTS_SUBDIR)) : null;
  const recorder = runs ? historyRecorder(runs) : null;
  const renders = new RenderQueue(MAX_RENDER_QUEUE);

  const storeFor = (id: string): History => {
    const store = id.startsWith(IMPORTED_PREFIX) ? imports : runs;
    if (!store) throw new LabError('not-found', `no history entry '${id}' (this lab keeps no history)`);
    return store;
  };

  const importedFrom = async (id: string): Promise<string | null> => {
    if (!imports) return null;
    try {
      // O_NOFOLLOW: the name goes to every client, watchers too; a link here must not show what it leads to.
      const flag = constants.O_RDONLY | constants.O_NOFOLLOW;
      const name = await readFile(path.join(imports.dir, `${id}${FROM_SUFFIX}`), { encoding: 'utf8', flag });
      return name.slice(0, 255);
    } catch {
      return null;
    }
  };

  const render = (html: string, format: 'pdf' | 'png', signal?: AbortSignal): Promise<Uint8Array> => {
    const renderer = options.renderDocument;
    if (!renderer)
      return Promise.reject(
        new LabError(
          'not-found',
          `${format.toUpperCase()} export needs a browser engine, and this lab was started without one. ` +
            'The html export holds the same report and prints to PDF from any browser.',
        ),
      );
    return renders.run(() => renderer(html, format), signal);
  };

  const get = async (id: string): Promise<Report> => {
    await recorder?.settled();
    return storeFor(id).get(id);
  };

  return {
    record(event) {
      try {
        recorder?.(event);
      } catch (err) {
        // the recorder reports its own write errors; anything else must not break a run either
        process.stderr.write(`history: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    },

    async settled() {
      await recorder?.settled();
    },

    async list() {
      await recorder?.settled();
      const entry = (
        s: HistorySummary,
        source: HistoryEntrySummary['source'],
        from: string | null,
      ): HistoryEntrySummary => ({ ...s, source, importedFrom: from });
      const recorded = (await runs?.list()) ?? [];
      const imported = ((await imports?.list()) ?? []).filter((s) => s.id.startsWith(IMPORTED_PREFIX));
      const all = [
        ...recorded.filter((s) => !s.id.startsWith(IMPORTED_PREFIX)).map((s) => entry(s, 'run', null)),
        ...(await Promise.all(imported.map(async (s) => entry(s, 'imported', await importedFrom(s.id))))),
      ];
      const when = (s: HistoryEntrySummary) => s.createdAt ?? s.modifiedAt;
      return all.sort((p, q) => (when(p) < when(q) ? 1 : when(p) > when(q) ? -1 : p.id.localeCompare(q.id)));
    },

    get,

    async hasRun(runId) {
      await recorder?.settled();
      return !runId.startsWith(IMPORTED_PREFIX) && ((await runs?.has(runId)) ?? false);
    },

    async delete(id) {
      await recorder?.settled();
      const store = storeFor(id);
      await store.delete(id);
      if (store === imports) await rm(path.join(store.dir, `${id}${FROM_SUFFIX}`), { force: true });
    },

    async import(text, fileName) {
      const name = displayName(fileName);
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_REPORT_BYTES)
        throw LabError.invalid(
          [
            {
              field: name,
              message: `is ${(bytes / 2 ** 20).toFixed(1)} MiB; reports over ${MAX_REPORT_BYTES / 2 ** 20} MiB are refused`,
            },
          ],
          'invalid-report',
        );
      // A byte-order mark is what some Windows editors add; it is not part of the JSON.
      const report = parseReport(text.replace(/^\uFEFF/, ''), name);
      if (!imports)
        throw new LabError(
          'not-found',
          'this lab keeps no history folder, so it has nowhere to keep an imported report',
        );
      const stored: Report = { ...report, id: `${IMPORTED_PREFIX}${randomUUID()}` };
      await mkdir(imports.dir, { recursive: true });
      // The name first: a report listed without it would show as imported from nowhere.
      await writeFileAtomic(path.join(imports.dir, `${stored.id}${FROM_SUFFIX}`), name);
      await imports.finish(stored);
      return stored;
    },

    async export(id, format, signal) {
      const report = await get(id);
      if (isRenderedFormat(format)) {
        const html = EXPORTERS.html.export(report);
        const text = typeof html === 'string' ? html : new TextDecoder().decode(html);
        const bytes = await render(text, format, signal);
        return file(report, RENDERED_FILES[format].extension, RENDERED_FILES[format].mime, bytes);
      }
      const exporter = EXPORTERS[format];
      return file(report, exporter.extension, exporter.mime, exporter.export(report));
    },
  };
}

/** The last path segment, without control characters: shown in lists and error messages, never opened. */
export function displayName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const clean = Array.from(base)
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
    })
    .join('')
    .trim()
    .slice(0, 255);
  return clean || 'report.json';
}

/** `threadlab-<label or id>-<date><ext>`: letters, digits and dashes only, safe on every file system. */
export function exportFileName(report: Report, extension: string): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '');
  const name = slug(report.config.label) || slug(report.id).slice(0, 8) || 'report';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(report.createdAt)?.[0];
  return `threadlab-${name}${date ? `-${date}` : ''}${extension}`;
}

function file(report: Report, extension: string, mime: string, data: string | Uint8Array): ExportedFile {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return { fileName: exportFileName(report, extension), mime, base64: bytes.toString('base64') };
}
