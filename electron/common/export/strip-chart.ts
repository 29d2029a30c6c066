/**
 * The HTML report's strip plot: every measured run of every cell of one workload as a dot, the median as a
 * bar across its row, so a cell whose runs fall into two groups is seen at a glance. Inline SVG like the
 * other charts (svg.ts), with the same guarded coordinates and escaped labels.
 */
import type { ResultEntry } from '../report';
import { stripRows } from '../strip';
import { fixed, escapeHtml as esc } from './text';
import { MODEL_COLORS, n, niceCeil, svgOpen, text, tick, ticks, W } from './svg';

const ROW = 24;
/** How far a dot may sit from its row's centre line, in px: the jitter's -1..1 scaled. */
const SPREAD = 7;

/** Null when no cell of the workload has a measured run. */
export function stripChart(workload: string, results: readonly ResultEntry[]): string | null {
  const pieces = stripChartPieces(workload, results);
  return pieces && [...pieces].join('');
}

/**
 * The same SVG in pieces, a dot at a time, or null when no cell has a measured run. At the schema's limits a
 * workload's plot is 3 MB of dots; written as they are made, each dot's text dies young instead of waiting
 * in one list for the join.
 */
export function stripChartPieces(
  workload: string,
  results: readonly ResultEntry[],
): Generator<string> | null {
  const rows = stripRows(results, workload);
  return rows.length ? pieces(workload, rows) : null;
}

function* pieces(workload: string, rows: ReturnType<typeof stripRows>): Generator<string> {
  const L = 150;
  const R = W - 20;
  const T = 28;
  const xMax = niceCeil(Math.max(...rows.flatMap((r) => r.points.map((p) => p.wallMs))));
  const x = (v: number) => L + (Math.min(v, xMax) / xMax) * (R - L);
  const B = T + rows.length * ROW;
  yield svgOpen(
    `Every measured run of ${workload} per model and worker count, with each cell's median.`,
    B + 42,
    'strip',
  );
  yield text(8, 16, `${workload}: every run's wall time (dots), median (bar)`, 'class="title"');
  for (const t of ticks(xMax)) {
    yield `<line x1="${n(x(t))}" y1="${T}" x2="${n(x(t))}" y2="${B}" class="grid"/>`;
    yield text(x(t), B + 14, tick(t), 'text-anchor="middle"');
  }
  for (const [i, row] of rows.entries()) {
    const cy = T + i * ROW + ROW / 2;
    const color = MODEL_COLORS[row.model];
    yield text(L - 8, cy + 4, row.label, 'text-anchor="end"');
    for (const p of row.points) {
      // An outlier is a ring rather than a dot, so it stays visible in black and white.
      const paint = p.outlier
        ? `fill="none" stroke="${color}" stroke-width="1.5"`
        : `fill="${color}" opacity="0.75"`;
      yield `<circle class="dot" cx="${n(x(p.wallMs))}" cy="${n(cy + p.jitter * SPREAD)}" r="3" ${paint}><title>${esc(
        `${row.label}, run ${p.run}: ${fixed(p.wallMs, 2)} ms${p.outlier ? ' (outlier)' : ''}`,
      )}</title></circle>`;
    }
    yield `<line class="median" x1="${n(x(row.medianMs))}" y1="${n(cy - SPREAD - 3)}" x2="${n(x(row.medianMs))}" y2="${n(cy + SPREAD + 3)}" stroke="#222" stroke-width="2"><title>${esc(
      `${row.label}: median ${fixed(row.medianMs, 2)} ms${row.points.length < row.runs ? ` (${row.points.length} of ${row.runs} runs drawn)` : ''}`,
    )}</title></line>`;
  }
  yield `<line x1="${L}" y1="${T}" x2="${L}" y2="${B}" class="axis"/>`;
  yield text((L + R) / 2, B + 32, 'milliseconds per run', 'text-anchor="middle"');
  yield '</svg>';
}
