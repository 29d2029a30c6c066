/**
 * Charts drawn as inline SVG strings, so the HTML report needs no script, no library and no network: speedup
 * against workers (with its confidence interval, the ideal line and the machine's core count), wall-time
 * bars, and the GIL timeline. Every coordinate goes through `n()` so an absurd figure in a report (1e300 ms)
 * still gives a well-formed drawing instead of NaN attributes.
 */
import type { Model } from '../config';
import type { ResultEntry, TimelineSpan } from '../report';
import { escapeHtml as esc, fixed } from './text';

export const MODEL_COLORS: Readonly<Record<Model, string>> = {
  sequential: '#555555',
  threads: '#1f77b4',
  processes: '#2ca02c',
  async: '#9467bd',
  gil: '#d62728',
  'py-sequential': '#8c564b',
  'py-threads': '#ff7f0e',
  'py-processes': '#17becf',
  'py-asyncio': '#e377c2',
  'py-ft-threads': '#bcbd22',
};
// Dashes keep the series apart when the report is printed in black and white.
const MODEL_DASH: Readonly<Record<Model, string>> = {
  sequential: '',
  threads: '',
  processes: '7 3',
  async: '9 3 2 3',
  gil: '2 2',
  'py-sequential': '1 3',
  'py-threads': '5 2 1 2',
  'py-processes': '7 3 1 3',
  'py-asyncio': '3 3',
  'py-ft-threads': '6 2',
};
const STATE_COLORS = { hold: '#2ca02c', wait: '#d62728', io: '#1f77b4' } as const;

/** A coordinate: finite, bounded, one decimal. */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  return (Math.round(Math.max(-1e6, Math.min(1e6, v)) * 10) / 10).toString();
}

/** The smallest 1, 2, 2.5 or 5 times a power of ten at or above v. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  if (!Number.isFinite(v)) return Number.MAX_VALUE;
  const p = 10 ** Math.floor(Math.log10(v));
  const f = v / p;
  const nice = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
  return Number.isFinite(nice) ? nice : v;
}

/** Tick values from 0 to max at a 1-2-2.5-5 step; quarters when the magnitudes are absurd. */
export function ticks(max: number): number[] {
  const step = niceCeil(max / 5);
  const count = Math.floor(max / step + 1e-9);
  if (!Number.isFinite(step) || count < 1 || count > 12) return [0, 0.25, 0.5, 0.75, 1].map((k) => k * max);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

export function tick(v: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

export function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${esc(s)}</text>`;
}

interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash: string;
}

/** A legend laid out left to right, wrapping at `width`. Returns the markup and its height. */
function legend(
  items: readonly LegendItem[],
  x0: number,
  y0: number,
  width: number,
): { svg: string; height: number } {
  let x = x0;
  let y = y0;
  const parts: string[] = [];
  for (const it of items) {
    const w = 34 + it.label.length * 6.5;
    if (x + w > width && x > x0) {
      x = x0;
      y += 18;
    }
    const dash = it.dash ? ` stroke-dasharray="${it.dash}"` : '';
    parts.push(
      `<line x1="${n(x)}" y1="${n(y - 4)}" x2="${n(x + 24)}" y2="${n(y - 4)}" stroke="${it.color}" stroke-width="2.5"${dash}/>`,
    );
    parts.push(text(x + 30, y, it.label, 'class="legend"'));
    x += w;
  }
  return { svg: parts.join(''), height: y - y0 + 18 };
}

/** Every chart's width in the HTML report. */
export const W = 640;

/** One cell's point on a per-worker-count line chart: a median with a whisker from low to high. */
interface WorkerPoint {
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

interface WorkerChart {
  readonly title: string;
  readonly yLabel: string;
  readonly className: string;
  readonly description: string;
  /** unit after a figure in a tooltip: 'x' for speedup, ' cores' for cores busy */
  readonly unit: string;
  readonly point: (r: ResultEntry) => WorkerPoint | null;
}

/**
 * A figure against worker count for one workload: a line per model with whiskers, the ideal (figure =
 * workers) and a marker at the machine's logical core count, past which CPU-bound work cannot gain.
 */
function workerChart(chart: WorkerChart, results: readonly ResultEntry[], logicalCores: number): string {
  const pts = results.flatMap((r) => {
    const p = chart.point(r);
    return p ? [{ r, p }] : [];
  });
  const models = [...new Set(pts.map(({ r }) => r.model))];
  const maxX = Math.max(2, ...results.map((r) => r.workers));
  const top = Math.max(1.2, ...pts.map(({ p }) => Math.max(p.high, p.median)));
  const yMax = niceCeil(Number.isFinite(top * 1.05) ? top * 1.05 : top);
  const L = 52;
  const R = W - 16;
  const T = 28;
  const B = 250;
  // Inset so that points at the ends do not sit on the axes.
  const pad = 16;
  const x = (w: number) => L + pad + ((w - 1) / (maxX - 1)) * (R - L - 2 * pad);
  const y = (s: number) => B - (Math.min(s, yMax) / yMax) * (B - T);
  const parts: string[] = [];
  parts.push(text(L, 16, chart.title, 'class="title"'));
  for (const t of ticks(yMax)) {
    parts.push(`<line x1="${L}" y1="${n(y(t))}" x2="${R}" y2="${n(y(t))}" class="grid"/>`);
    parts.push(text(L - 6, y(t) + 4, tick(t), 'text-anchor="end"'));
  }
  const xs = [...new Set([1, ...results.map((r) => r.workers)])].sort((a, b) => a - b);
  for (const w of xs) parts.push(text(x(w), B + 16, String(w), 'text-anchor="middle"'));
  parts.push(
    `<line x1="${L}" y1="${B}" x2="${R}" y2="${B}" class="axis"/><line x1="${L}" y1="${T}" x2="${L}" y2="${B}" class="axis"/>`,
  );
  parts.push(text((L + R) / 2, B + 34, 'workers', 'text-anchor="middle"'));
  parts.push(
    text(14, (T + B) / 2, chart.yLabel, `text-anchor="middle" transform="rotate(-90 14 ${n((T + B) / 2)})"`),
  );
  const idealEnd = Math.min(maxX, yMax);
  parts.push(
    `<line x1="${n(x(1))}" y1="${n(y(1))}" x2="${n(x(idealEnd))}" y2="${n(y(idealEnd))}" class="ideal"/>`,
  );
  if (logicalCores >= 1 && logicalCores <= maxX) {
    parts.push(
      `<line x1="${n(x(logicalCores))}" y1="${T}" x2="${n(x(logicalCores))}" y2="${B}" class="cores"/>`,
    );
    parts.push(text(x(logicalCores) - 4, T + 10, `${logicalCores} cores`, 'text-anchor="end" class="note"'));
  }
  models.forEach((m, k) => {
    // A few pixels apart per model, so the whiskers of equal worker counts do not hide one another.
    const dx = (k - (models.length - 1) / 2) * 4;
    const series = pts.filter(({ r }) => r.model === m).sort((a, b) => a.r.workers - b.r.workers);
    const color = MODEL_COLORS[m];
    const dash = MODEL_DASH[m] ? ` stroke-dasharray="${MODEL_DASH[m]}"` : '';
    const line = series.map(({ r, p }) => `${n(x(r.workers) + dx)},${n(y(p.median))}`).join(' ');
    if (series.length > 1)
      parts.push(`<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2.5"${dash}/>`);
    for (const { r, p } of series) {
      const cx = x(r.workers) + dx;
      const u = chart.unit;
      parts.push(
        `<line x1="${n(cx)}" y1="${n(y(p.low))}" x2="${n(cx)}" y2="${n(y(p.high))}" stroke="${color}" stroke-width="1.2"/>` +
          `<circle cx="${n(cx)}" cy="${n(y(p.median))}" r="3.5" fill="${color}"><title>${esc(
            `${m} × ${r.workers}: ${fixed(p.median, 2)}${u} [${fixed(p.low, 2)}, ${fixed(p.high, 2)}]`,
          )}</title></circle>`,
      );
    }
  });
  const items: LegendItem[] = [
    ...models.map((m) => ({ label: m, color: MODEL_COLORS[m], dash: MODEL_DASH[m] })),
    { label: 'ideal (linear)', color: '#999999', dash: '4 4' },
  ];
  const leg = legend(items, L, B + 58, R);
  const h = B + 58 + leg.height;
  const caption =
    logicalCores > maxX
      ? ` This machine has ${logicalCores} logical cores, more than the largest worker count.`
      : '';
  return svgDoc(`${chart.description}${caption}`, h, parts.join('') + leg.svg, chart.className);
}

/** Speedup against worker count for one workload, with its 95% confidence interval as whiskers. */
export function speedupChart(
  workload: string,
  results: readonly ResultEntry[],
  logicalCores: number,
): string {
  return workerChart(
    {
      title: `${workload}: speedup vs workers`,
      yLabel: 'speedup (x)',
      className: 'speedup',
      description: `Speedup of ${workload} against worker count.`,
      unit: 'x',
      point: (r) =>
        r.speedup ? { median: r.speedup.median, low: r.speedup.ciLow, high: r.speedup.ciHigh } : null,
    },
    results,
    logicalCores,
  );
}

/**
 * Cores kept busy (CPU time / wall time) against worker count for one workload, whiskers from the least to
 * the most busy run: about 1 for GIL-bound threads however many there are, about N for N free threads up to
 * the core count. Null when the report has no CPU figures (version 1).
 */
export function coresBusyChart(
  workload: string,
  results: readonly ResultEntry[],
  logicalCores: number,
): string | null {
  if (!results.some((r) => r.coresBusy)) return null;
  return workerChart(
    {
      title: `${workload}: cores busy vs workers`,
      yLabel: 'cores busy',
      className: 'cores-busy',
      description: `Cores kept busy by ${workload} (CPU time / wall time) against worker count.`,
      unit: ' cores',
      point: (r) =>
        r.coresBusy && !r.failure
          ? { median: r.coresBusy.median, low: r.coresBusy.min, high: r.coresBusy.max }
          : null,
    },
    results,
    logicalCores,
  );
}

/** Median wall time of every cell of one workload as a bar, with a whisker from the fastest to the slowest run. */
export function wallChart(workload: string, results: readonly ResultEntry[]): string {
  const L = 150;
  const R = W - 70;
  const T = 28;
  const row = 22;
  const top = Math.max(0, ...results.map((r) => r.wallMs?.max ?? 0));
  const xMax = niceCeil(top);
  const x = (v: number) => L + (Math.min(v, xMax) / xMax) * (R - L);
  const parts: string[] = [text(8, 16, `${workload}: wall time per run (median, min…max)`, 'class="title"')];
  const B = T + results.length * row;
  for (const t of ticks(xMax)) {
    parts.push(`<line x1="${n(x(t))}" y1="${T}" x2="${n(x(t))}" y2="${B}" class="grid"/>`);
    parts.push(text(x(t), B + 14, tick(t), 'text-anchor="middle"'));
  }
  results.forEach((r, i) => {
    const cy = T + i * row + row / 2;
    parts.push(text(L - 8, cy + 4, `${r.model} × ${r.workers}`, 'text-anchor="end"'));
    const w = r.wallMs;
    if (!w) {
      parts.push(text(L + 4, cy + 4, r.failure ? `failed (${r.failure.reason})` : 'no runs', 'class="note"'));
      return;
    }
    const color = MODEL_COLORS[r.model];
    parts.push(
      `<rect x="${L}" y="${n(cy - 7)}" width="${n(Math.max(1, x(w.median) - L))}" height="14" fill="${color}" opacity="0.8">` +
        `<title>${esc(`${r.model} × ${r.workers}: median ${fixed(w.median, 2)} ms`)}</title></rect>` +
        `<line x1="${n(x(w.min))}" y1="${n(cy)}" x2="${n(x(w.max))}" y2="${n(cy)}" stroke="#222" stroke-width="1"/>`,
    );
    parts.push(text(R + 6, cy + 4, `${fixed(w.median, w.median >= 100 ? 0 : 1)} ms`, 'class="note"'));
  });
  parts.push(`<line x1="${L}" y1="${T}" x2="${L}" y2="${B}" class="axis"/>`);
  parts.push(text((L + R) / 2, B + 32, 'milliseconds', 'text-anchor="middle"'));
  return svgDoc(`Wall time of ${workload} per model and worker count.`, B + 42, parts.join(''), 'wall');
}

/** Which thread held, waited for, or released the emulated GIL (for io) over the last measured run. */
export function timelineChart(
  title: string,
  spans: readonly TimelineSpan[],
  wallMs: number,
  threads: number,
): string {
  const L = 80;
  const R = W - 16;
  const T = 28;
  const row = 20;
  const end = Math.max(wallMs, ...spans.map((s) => s.endMs), 1e-3);
  const x = (t: number) => L + (Math.min(t, end) / end) * (R - L);
  const parts: string[] = [text(8, 16, title, 'class="title"')];
  for (let t = 0; t < threads; t++)
    parts.push(text(L - 8, T + t * row + 14, `thread ${t}`, 'text-anchor="end"'));
  for (const s of spans) {
    parts.push(
      `<rect x="${n(x(s.startMs))}" y="${n(T + s.thread * row + 3)}" width="${n(Math.max(0.5, x(s.endMs) - x(s.startMs)))}" height="14" fill="${STATE_COLORS[s.state]}"/>`,
    );
  }
  const B = T + threads * row;
  parts.push(`<line x1="${L}" y1="${B}" x2="${R}" y2="${B}" class="axis"/>`);
  for (const t of ticks(end)) parts.push(text(x(t), B + 14, `${tick(t)} ms`, 'text-anchor="middle"'));
  const leg = legend(
    (['hold', 'wait', 'io'] as const).map((s) => ({ label: s, color: STATE_COLORS[s], dash: '' })),
    L,
    B + 36,
    R,
  );
  return svgDoc(title, B + 36 + leg.height, parts.join('') + leg.svg, 'timeline');
}

export function svgDoc(label: string, height: number, body: string, kind: string): string {
  return `${svgOpen(label, height, kind)}${body}</svg>`;
}

/** svgDoc's opening, for a chart written in pieces (the strip plot); close it with `</svg>`. */
export function svgOpen(label: string, height: number, kind: string): string {
  return (
    `<svg class="chart ${kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${n(height)}" width="${W}" height="${n(height)}" role="img">` +
    `<title>${esc(label)}</title>`
  );
}
