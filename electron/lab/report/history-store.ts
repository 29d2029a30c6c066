/**
 * The run history: one file per run in a data folder, each a complete, schema-valid Report, so an entry can
 * be opened, exported and compared like any saved report. An entry is written the moment a run begins
 * (status 'incomplete') and rewritten as results arrive, so a crash or a kill leaves the runs that finished
 * on disk; `finish` replaces it with the final report. Every write is atomic (temporary file + rename). A file
 * that cannot be read is listed as corrupt with its error, never dropped and never fatal to `list()`.
 */
import { runTimingsOf } from '../../common/estimate';
import type { BestSpeedup, HistorySummary } from '../../common/history-summary';
import { lstat, readdir, rm, stat, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isBaseline, type ExperimentConfig } from '../../common/config';
import { LabError } from '../../common/errors';
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type Machine,
  type Report,
  type ResultEntry,
} from '../../common/report';
import { TOOL_VERSION } from '../version';
import { readReport, SYMLINK_REFUSED, writeFileAtomic } from './io';

/** The CLI's history folder: $THREADLAB_HOME/history, else ~/.threadlab/history. The app passes its own. */
export function defaultHistoryDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['THREADLAB_HOME'] || path.join(os.homedir(), '.threadlab');
  return path.join(home, 'history');
}

export type { BestSpeedup, HistorySummary } from '../../common/history-summary';

export interface History {
  readonly dir: string;
  /** Writes an 'incomplete' entry for the run at once. */
  begin(runId: string, config: ExperimentConfig, machine: Machine): Promise<void>;
  /** Adds or replaces one cell's result (by workload, model and workers) in a begun run. */
  update(runId: string, result: ResultEntry): Promise<void>;
  /** Replaces the entry with the final report (complete or cancelled). */
  finish(report: Report): Promise<void>;
  /** Every entry, newest first. */
  list(): Promise<HistorySummary[]>;
  get(id: string): Promise<Report>;
  /** Whether an entry with this id is recorded or being recorded (false for an id that cannot be one). */
  has(id: string): Promise<boolean>;
  delete(id: string): Promise<void>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Ids become file names: refuse anything that could leave the folder or hide as a temporary file. */
function checkId(id: string): void {
  if (!ID.test(id) || id.endsWith('.tmp') || id.includes('..'))
    throw LabError.invalid(
      [{ field: 'id', message: `'${id.slice(0, 120)}' is not a history entry id` }],
      'not-found',
    );
}

const sameCell = (a: ResultEntry, b: ResultEntry) =>
  a.workload === b.workload && a.model === b.model && a.workers === b.workers;

function summarise(id: string, r: Report, running: boolean, mtime: Date, size: number): HistorySummary {
  const best: BestSpeedup[] = [];
  for (const e of r.results) {
    if (isBaseline(e.model) || !e.speedup) continue;
    const i = best.findIndex((b) => b.model === e.model);
    const mine = { model: e.model, workload: e.workload, workers: e.workers, speedup: e.speedup.median };
    if (i < 0) best.push(mine);
    else if ((best[i]?.speedup ?? 0) < mine.speedup) best[i] = mine;
  }
  return {
    id,
    status: r.status,
    running,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    label: r.config.label,
    machine: `${r.machine.cpuModel} (${r.machine.logicalCores} logical cores, ${r.machine.os.platform})`,
    workloads: r.config.workloads.map((w) => w.name),
    models: r.config.models,
    cells: r.results.length,
    failedCells: r.results.filter((e) => e.failure).length,
    best,
    timings: runTimingsOf(r),
    error: null,
    modifiedAt: mtime.toISOString(),
    sizeBytes: size,
  };
}

/** Entries are read from the folder itself: a symbolic link in it is not followed. */
const NO_LINKS = { followLinks: false } as const;

/** The summary of an entry that cannot be read, with why. */
function corrupt(
  id: string,
  error: string,
  st: { readonly mtime: Date; readonly size: number },
): HistorySummary {
  return {
    id,
    status: 'corrupt',
    running: false,
    createdAt: null,
    finishedAt: null,
    label: '',
    machine: null,
    workloads: [],
    models: [],
    cells: 0,
    failedCells: 0,
    best: [],
    error,
    modifiedAt: st.mtime.toISOString(),
    sizeBytes: st.size,
  };
}

interface Active {
  report: Report;
  /** the last write in order; later writes start after it */
  chain: Promise<void>;
  /** a write queued but not started: it will write the newest state, so further calls share it */
  queued: Promise<void> | null;
}

class HistoryStore implements History {
  private readonly active = new Map<string, Active>();
  private readonly cache = new Map<string, { mtimeMs: number; size: number; summary: HistorySummary }>();

  constructor(readonly dir: string) {}

  private file(id: string): string {
    checkId(id);
    return path.join(this.dir, `${id}.json`);
  }

  private flush(id: string, a: Active): Promise<void> {
    if (a.queued) return a.queued;
    const file = this.file(id);
    const write = a.chain.then(async () => {
      a.queued = null;
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(a.report, null, 2) + '\n');
    });
    a.queued = write;
    a.chain = write.catch(() => undefined);
    return write;
  }

  begin(runId: string, config: ExperimentConfig, machine: Machine): Promise<void> {
    this.file(runId);
    const report: Report = {
      schema: REPORT_SCHEMA,
      version: REPORT_VERSION,
      id: runId,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      status: 'incomplete',
      tool: { name: 'threadlab', version: TOOL_VERSION },
      machine,
      config,
      spawn: [],
      samples: { intervalMs: config.sampleIntervalMs, points: [], samplerCpuPct: 0 },
      results: [],
      fits: [],
    };
    const a: Active = { report, chain: Promise.resolve(), queued: null };
    this.active.set(runId, a);
    return this.flush(runId, a);
  }

  update(runId: string, result: ResultEntry): Promise<void> {
    const a = this.active.get(runId);
    if (!a) return Promise.reject(new LabError('not-found', `history: run ${runId} was not begun`));
    const results = a.report.results.filter((r) => !sameCell(r, result));
    const at = a.report.results.findIndex((r) => sameCell(r, result));
    results.splice(at < 0 ? results.length : at, 0, result);
    a.report = { ...a.report, results };
    return this.flush(runId, a);
  }

  async finish(report: Report): Promise<void> {
    const a = this.active.get(report.id) ?? { report, chain: Promise.resolve(), queued: null };
    a.report = report;
    try {
      await this.flush(report.id, a);
    } finally {
      this.active.delete(report.id);
    }
  }

  async list(): Promise<HistorySummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
      throw err;
    }
    const out: HistorySummary[] = [];
    for (const name of names) {
      if (/^\..+\.tmp$/.test(name)) await this.dropStale(path.join(this.dir, name));
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!ID.test(id)) continue;
      const summary = await this.summary(id, path.join(this.dir, name));
      if (summary) out.push(summary);
    }
    const when = (s: HistorySummary) => s.createdAt ?? s.modifiedAt;
    return out.sort((p, q) => (when(p) < when(q) ? 1 : when(p) > when(q) ? -1 : p.id.localeCompare(q.id)));
  }

  /** A temporary file that a kill left mid-write; an hour is far longer than any write takes. */
  private async dropStale(file: string): Promise<void> {
    try {
      if (Date.now() - (await stat(file)).mtimeMs > 3_600_000) await rm(file, { force: true });
    } catch {
      // another process may have renamed or removed it meanwhile
    }
  }

  private async summary(id: string, file: string): Promise<HistorySummary | null> {
    let st;
    try {
      // lstat: a link is reported, not followed (it could lead anywhere, and the list goes to watchers).
      st = await lstat(file);
    } catch {
      return null; // deleted between readdir and stat
    }
    if (st.isSymbolicLink()) return corrupt(id, `${path.basename(file)}: ${SYMLINK_REFUSED}`, st);
    if (!st.isFile()) return null;
    const live = this.active.get(id);
    // A run being recorded is summarised from memory: the file may be mid-rewrite.
    if (live) return summarise(id, live.report, true, st.mtime, st.size);
    const hit = this.cache.get(id);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.summary;
    let summary: HistorySummary;
    try {
      summary = summarise(id, await readReport(file, undefined, NO_LINKS), false, st.mtime, st.size);
    } catch (err) {
      summary = corrupt(id, err instanceof Error ? err.message : String(err), st);
    }
    this.cache.set(id, { mtimeMs: st.mtimeMs, size: st.size, summary });
    return summary;
  }

  async get(id: string): Promise<Report> {
    const a = this.active.get(id);
    if (a) return structuredClone(a.report);
    try {
      return await readReport(this.file(id), undefined, NO_LINKS);
    } catch (err) {
      if (err instanceof LabError && err.code === 'not-found')
        throw new LabError('not-found', `no history entry '${id}'`);
      throw err;
    }
  }

  async has(id: string): Promise<boolean> {
    if (this.active.has(id)) return true;
    try {
      return (await stat(this.file(id))).isFile();
    } catch {
      return false; // no such file, or not an id at all
    }
  }

  async delete(id: string): Promise<void> {
    const file = this.file(id);
    if (this.active.has(id)) throw new LabError('busy', `history entry '${id}' is still being recorded`);
    try {
      await lstat(file); // a link is an entry too (listed as corrupt): deleting it removes the link only
    } catch {
      throw new LabError('not-found', `no history entry '${id}'`);
    }
    await rm(file);
    this.cache.delete(id);
  }
}

/** A history store in `dir` (created on the first write). Several stores may read one folder. */
export function createHistory(dir: string): History {
  return new HistoryStore(path.resolve(dir));
}
