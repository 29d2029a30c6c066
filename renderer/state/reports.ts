/**
 * The history list as the Reports section shows it: one row per engine summary, shaped in plain TypeScript so
 * it is tested against real history entries. Nothing here formats markup: every string is rendered as text.
 */
import type { BestSpeedup, HistoryEntrySummary } from '../../electron/common/api';
import { MODEL_STYLE } from '../charts/palette';
import { formatSpeedup, plural } from '../../electron/common/format';

/** How an entry's state reads in the list; `tone` picks the badge colour (text carries the meaning too). */
export interface RowStatus {
  readonly kind: HistoryEntrySummary['status'] | 'running';
  readonly label: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'info';
  /** one sentence on what the state means for the figures */
  readonly detail: string | null;
}

export interface HistoryRow {
  readonly id: string;
  readonly title: string;
  readonly imported: boolean;
  /** "Imported from sample.json" for imports */
  readonly origin: string | null;
  readonly when: string;
  readonly whenIso: string | null;
  readonly machine: string;
  readonly workloads: string;
  readonly models: string;
  readonly status: RowStatus;
  /** best speedup per model, e.g. "Threads 1.93× (2 workers, primes)" */
  readonly headline: readonly string[];
  readonly cells: string;
  /** why a corrupt entry cannot be read */
  readonly error: string | null;
  readonly canOpen: boolean;
  readonly canCompare: boolean;
  readonly canDelete: boolean;
}

export interface DateFormat {
  readonly locale?: string;
  readonly timeZone?: string;
}

/** A local date and time, or a plain "date unknown" for an entry too damaged to have one. */
export function formatWhen(iso: string | null, format: DateFormat = {}): string {
  if (!iso) return 'date unknown';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return 'date unknown';
  return new Date(t).toLocaleString(format.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(format.timeZone ? { timeZone: format.timeZone } : {}),
  });
}

export function rowStatus(entry: HistoryEntrySummary): RowStatus {
  if (entry.running)
    return { kind: 'running', label: 'Recording', tone: 'info', detail: 'This experiment is still running.' };
  switch (entry.status) {
    case 'complete':
      return { kind: 'complete', label: 'Complete', tone: 'ok', detail: null };
    case 'cancelled':
      return {
        kind: 'cancelled',
        label: 'Cancelled',
        tone: 'warn',
        detail: 'Stopped by the user: the figures cover the runs measured before that.',
      };
    case 'incomplete':
      return {
        kind: 'incomplete',
        label: 'Incomplete',
        tone: 'warn',
        detail:
          'Cut off before it finished (a crash or quit): the figures cover the runs that were recorded.',
      };
    default:
      return { kind: 'corrupt', label: 'Unreadable', tone: 'bad', detail: 'This file cannot be read.' };
  }
}

export function headlineOf(
  best: readonly BestSpeedup[],
  titles: Readonly<Record<string, string>> = {},
): string[] {
  return best.map(
    (b) =>
      `${MODEL_STYLE[b.model]?.short ?? b.model} ${formatSpeedup(b.speedup)} ` +
      `(${plural(b.workers, 'worker')}, ${titles[b.workload] ?? b.workload})`,
  );
}

export function historyRow(
  entry: HistoryEntrySummary,
  titles: Readonly<Record<string, string>> = {},
  format: DateFormat = {},
): HistoryRow {
  const status = rowStatus(entry);
  const corrupt = status.kind === 'corrupt';
  const imported = entry.source === 'imported';
  return {
    id: entry.id,
    title: entry.label.trim() || (corrupt ? `Entry ${entry.id}` : 'Untitled experiment'),
    imported,
    origin: imported ? `Imported from ${entry.importedFrom ?? 'a file'}` : null,
    when: formatWhen(entry.createdAt ?? (corrupt ? entry.modifiedAt : null), format),
    whenIso: entry.createdAt,
    machine: entry.machine ?? 'machine unknown',
    workloads: entry.workloads.map((w) => titles[w] ?? w).join(', ') || '–',
    models: entry.models.map((m) => MODEL_STYLE[m]?.short ?? m).join(', ') || '–',
    status,
    headline: headlineOf(entry.best, titles),
    cells: entry.failedCells
      ? `${plural(entry.cells, 'cell')}, ${entry.failedCells} failed`
      : plural(entry.cells, 'cell'),
    error: entry.error,
    canOpen: !corrupt,
    canCompare: !corrupt && !entry.running,
    canDelete: !entry.running,
  };
}

/** Picks for a comparison: toggling a third entry drops the oldest pick, so two are never exceeded. */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  return [...picked, id].slice(-2);
}

/** Drops picks whose entries are gone (deleted, or no longer comparable). */
export function keepPicks(picked: readonly string[], rows: readonly HistoryRow[]): string[] {
  const ok = new Set(rows.filter((r) => r.canCompare).map((r) => r.id));
  const kept = picked.filter((p) => ok.has(p));
  return kept.length === picked.length ? (picked as string[]) : kept;
}
