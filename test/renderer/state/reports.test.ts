/**
 * The history list as the Reports section shapes it, from real history entries: the fixture reports
 * imported through the engine, one recorded run cut off before it finished, and one unreadable file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntrySummary } from '../../../electron/common/api';
import type { Report } from '../../../electron/common/report';
import { createLabService, type LabService } from '../../../electron/lab/api/lab-service';
import { formatWhen, historyRow, keepPicks, togglePick } from '../../../renderer/state/reports';
import { loadSample, loadSampleB, SAMPLE_B_FILE, SAMPLE_FILE } from '../../fixtures/reports/fixtures';
import { readFileSync } from 'node:fs';

const UTC = { locale: 'en-GB', timeZone: 'UTC' };
const titles = { primes: 'Prime counting', sleep: 'Timer sleep' };
let dir: string;
let service: LabService;
let entries: HistoryEntrySummary[];

/** The best speedup of a model over a report's cells, found the plain way. */
function bestOf(r: Report, model: string) {
  const cells = r.results.filter((e) => e.model === model && e.speedup);
  return cells.reduce((a, b) => ((b.speedup?.median ?? 0) > (a.speedup?.median ?? 0) ? b : a));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-reports-state-'));
  service = createLabService({ historyDir: dir, sampleCpu: false });
  await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
  await service.importReport(readFileSync(SAMPLE_B_FILE, 'utf8'), 'C:\\Users\\me\\sample-b.json');
  // A run the engine began recording but never finished (the app was killed): what begin() leaves behind.
  const cut = { ...loadSample(), id: 'cut-short', status: 'incomplete', finishedAt: null };
  cut.results = cut.results.slice(0, 3);
  writeFileSync(path.join(dir, 'cut-short.json'), JSON.stringify(cut));
  writeFileSync(path.join(dir, 'broken.json'), '{"schema": "threadlab.report", "version": 1, "id": ');
  entries = await service.listHistory();
});

afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history rows from real entries', () => {
  it('lists every entry: both imports, the incomplete run and the unreadable file', () => {
    expect(entries).toHaveLength(4);
    const rows = entries.map((e) => historyRow(e, titles, UTC));
    expect(rows.map((r) => r.status.kind).sort()).toEqual(['complete', 'complete', 'corrupt', 'incomplete']);
  });

  it('an import shows its label, origin file, machine, workloads, models and best speedup per model', () => {
    const a = loadSample();
    const entry = entries.find((e) => e.importedFrom === 'sample.json');
    expect(entry).toBeDefined();
    const row = historyRow(entry as HistoryEntrySummary, titles, UTC);
    expect(row.title).toBe(a.config.label);
    expect(row.imported).toBe(true);
    expect(row.origin).toBe('Imported from sample.json');
    expect(row.when).toBe(formatWhen(a.createdAt, UTC));
    expect(row.machine).toContain(a.machine.cpuModel);
    expect(row.workloads).toBe('Prime counting, Timer sleep');
    expect(row.models).toBe('Threads, Processes, Threads + GIL');
    expect(row.cells).toBe(`${a.results.length} cells`);
    const threads = bestOf(a, 'threads');
    expect(row.headline[0]).toBe(
      `Threads ${threads.speedup?.median.toFixed(2)}× (${threads.workers} workers, ${titles[threads.workload as 'sleep']})`,
    );
    expect(row.headline).toHaveLength(3);
    expect(row.status).toMatchObject({ label: 'Complete', tone: 'ok' });
    expect(row).toMatchObject({ canOpen: true, canCompare: true, canDelete: true });
  });

  it('keeps only the last segment of an imported file’s path', () => {
    const entry = entries.find((e) => e.label === loadSampleB().config.label);
    expect(historyRow(entry as HistoryEntrySummary).origin).toBe('Imported from sample-b.json');
  });

  it('shows a run cut off by a crash as incomplete, with what was recorded', () => {
    const row = historyRow(entries.find((e) => e.id === 'cut-short') as HistoryEntrySummary, titles, UTC);
    expect(row.imported).toBe(false);
    expect(row.origin).toBeNull();
    expect(row.status).toMatchObject({ kind: 'incomplete', label: 'Incomplete', tone: 'warn' });
    expect(row.status.detail).toMatch(/crash or quit/);
    expect(row.cells).toBe('3 cells');
    expect(row).toMatchObject({ canOpen: true, canCompare: true, canDelete: true });
  });

  it('shows an unreadable entry with the reason, never hides it, and lets it be deleted only', () => {
    const row = historyRow(entries.find((e) => e.id === 'broken') as HistoryEntrySummary, titles, UTC);
    expect(row.status).toMatchObject({ kind: 'corrupt', label: 'Unreadable', tone: 'bad' });
    expect(row.error).toBeTruthy();
    expect(row.title).toBe('Entry broken');
    expect(row.when).not.toBe('date unknown'); // the file's modification time stands in
    expect(row).toMatchObject({ canOpen: false, canCompare: false, canDelete: true });
  });
});

describe('formatting and picking', () => {
  it('formats dates in the given zone, and says so when there is none', () => {
    expect(formatWhen('2026-11-22T02:33:35.809Z', UTC)).toBe('22 Nov 2026, 02:33');
    expect(formatWhen(null)).toBe('date unknown');
    expect(formatWhen('not a date')).toBe('date unknown');
  });

  it('picks at most two entries for a comparison, dropping the oldest pick', () => {
    expect(togglePick([], 'a')).toEqual(['a']);
    expect(togglePick(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePick(['a', 'b'], 'c')).toEqual(['b', 'c']);
    expect(togglePick(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('forgets picks whose entries are gone or cannot be compared', () => {
    const rows = entries.map((e) => historyRow(e));
    const ids = rows.filter((r) => r.canCompare).map((r) => r.id);
    expect(keepPicks([ids[0] ?? '', 'broken'], rows)).toEqual([ids[0]]);
    expect(keepPicks(['gone'], rows)).toEqual([]);
    const both = [ids[0] ?? '', ids[1] ?? ''];
    expect(keepPicks(both, rows)).toBe(both);
  });
});
