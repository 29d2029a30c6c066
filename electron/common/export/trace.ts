/**
 * The GIL timeline as Chrome trace event JSON, which Perfetto (ui.perfetto.dev) and chrome://tracing open:
 * one process per result cell that recorded a timeline, one thread per GIL-bound thread, a complete ('X')
 * event per hold, wait or io span, with ts and dur in microseconds as the format requires.
 */
import type { Report } from '../report';
import type { Exporter } from './types';

/** One event of the Trace Event Format (only the fields used here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

export interface TraceFile {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly metadata: Readonly<Record<string, string | number>>;
}

// Nanosecond resolution is what the timeline has; more digits would only bloat the file.
const us = (msValue: number): number => Math.round(msValue * 1e6) / 1e3;

export function toTrace(report: Report): TraceFile {
  const events: TraceEvent[] = [];
  report.results.forEach((r, i) => {
    if (!r.gil || r.gil.timeline.length === 0) return;
    const pid = i + 1;
    const name = `${r.workload} / ${r.model} × ${r.workers}${r.gil.truncated ? ' (truncated)' : ''}`;
    events.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name } });
    events.push({ name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } });
    const threads = [
      ...new Set([...r.gil.threads.map((t) => t.thread), ...r.gil.timeline.map((s) => s.thread)]),
    ];
    for (const t of threads.sort((a, b) => a - b)) {
      events.push({ name: 'thread_name', ph: 'M', pid, tid: t + 1, args: { name: `thread ${t}` } });
    }
    for (const s of r.gil.timeline) {
      events.push({
        name: s.state,
        cat: 'gil',
        ph: 'X',
        pid,
        // tid 0 is reserved for the process' metadata in some viewers; threads start at 1.
        tid: s.thread + 1,
        ts: us(s.startMs),
        dur: us(Math.max(0, s.endMs - s.startMs)),
      });
    }
  });
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: {
      source: 'threadlab',
      reportId: report.id,
      label: report.config.label,
      switchIntervalMs: report.config.switchIntervalMs,
    },
  };
}

export const traceExporter: Exporter = {
  format: 'trace',
  extension: '.trace.json',
  mime: 'application/json',
  title: 'GIL timeline (Chrome trace for Perfetto)',
  export: (report) => JSON.stringify(toTrace(report)) + '\n',
  // at most a few MB: the timeline is capped per cell (REPORT_LIMITS.spansPerCell)
  chunks: (report) => [JSON.stringify(toTrace(report)) + '\n'],
};
