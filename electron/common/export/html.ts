/**
 * ONE self-contained HTML file: inline CSS, charts as inline SVG, no script at all, and a Content Security
 * Policy that would block one anyway. Every string that comes from the report goes through `esc`: labels,
 * workload names and failure messages can hold anything, and the file may be opened by someone who trusts it.
 * Prints to A4 with @media print (the engine's PDF export and the app's File > Export PDF both print it).
 */
import type { Report, ResultEntry } from '../report';
import { HTML_STYLE } from './html-style';
import { stripChartPieces } from './strip-chart';
import { coresBusyChart, speedupChart, timelineChart, wallChart } from './svg';
import {
  bytes,
  checksumText,
  efficiencyText,
  escapeHtml as esc,
  fixed,
  memoryText,
  modelTitle,
  speedupText,
} from './text';
import {
  describeRuns,
  describeRunsColumn,
  formatCellRuns,
  machineConditionRows,
  pythonRunRows,
  userWorkloadRows,
  workloadSizeText,
} from '../format';
import { inChunks } from './chunks';
import type { Exporter } from './types';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

type Row = readonly (string | { readonly html: string; readonly cls?: string })[];

/** A table whose plain cells are escaped here; `{ html }` cells are markup built from escaped parts. */
function table(
  header: readonly string[],
  rows: readonly Row[],
  numeric: readonly number[] = [],
  cls = '',
): string {
  const th = header.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        '<tr>' +
        r
          .map((c, i) => {
            const classes = [
              numeric.includes(i) ? 'num' : '',
              typeof c === 'string' ? '' : (c.cls ?? ''),
            ].filter(Boolean);
            const attr = classes.length ? ` class="${classes.join(' ')}"` : '';
            return `<td${attr}>${typeof c === 'string' ? esc(c) : c.html}</td>`;
          })
          .join('') +
        '</tr>',
    )
    .join('');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const kv = (rows: readonly (readonly [string, string])[]) =>
  `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;

function machine(report: Report): string {
  const m = report.machine;
  return kv([
    ['CPU', m.cpuModel],
    ['Cores', `${m.physicalCores} physical / ${m.logicalCores} logical`],
    ['Memory', bytes(m.memoryBytes)],
    ['Operating system', `${m.os.platform} ${m.os.release} (${m.os.arch})`],
    ['Node', m.node],
    ['Electron', m.electron ?? '-'],
    ...machineConditionRows(m),
  ]);
}

function config(report: Report): string {
  const c = report.config;
  return kv([
    ['Workloads', c.workloads.map(workloadSizeText).join('; ')],
    ['Models', c.models.map(modelTitle).join(', ')],
    ['Worker counts', c.workers.join(', ')],
    ['Runs per cell', `${describeRuns(c)} after ${c.warmup} warmup`],
    ['GIL switch interval', `${fixed(c.switchIntervalMs, 1)} ms`],
    ['Timeout per run', `${c.timeoutMs} ms`],
    ['Memory limit per worker', `${c.memoryLimitMb} MiB`],
    ['Seed', String(c.seed)],
  ]);
}

function resultRow(r: ResultEntry, adaptive: boolean): Row {
  const w = r.wallMs;
  const notes = [
    ...(r.failure
      ? [`<span class="failed">FAILED (${esc(r.failure.reason)}): ${esc(r.failure.message)}</span>`]
      : []),
    ...r.warnings.map((x) => `<span class="kind">${esc(x.kind)}</span>`),
  ];
  return [
    r.model,
    String(r.workers),
    w ? fixed(w.median, 2) : '-',
    w ? fixed(w.stddev, 2) : '-',
    w ? `${fixed(w.min, 1)}…${fixed(w.max, 1)}` : '-',
    speedupText(r),
    efficiencyText(r),
    // adaptive runs only, as in the terminal's table: a fixed number of runs is said once, in Configuration
    ...(adaptive
      ? [
          {
            html: esc(formatCellRuns(r.adaptive, r.loops)),
            cls: r.adaptive?.reached === false ? 'mismatch' : '',
          },
        ]
      : []),
    memoryText(r),
    { html: esc(checksumText(r)), cls: r.checksumOk === false ? 'mismatch' : '' },
    { html: notes.join('; ') },
  ];
}

function gilTable(rows: readonly ResultEntry[]): string {
  const out: Row[] = [];
  for (const r of rows) {
    for (const t of r.gil?.threads ?? []) {
      out.push([
        `${r.model} × ${r.workers}`,
        String(t.thread),
        fixed(t.holdMs, 1),
        fixed(t.waitMs, 1),
        fixed(t.ioMs, 1),
        String(t.acquisitions),
        String(t.switches),
        String(t.forcedDrops),
      ]);
    }
  }
  if (!out.length) return '';
  return (
    '<h3>Emulated GIL (sums over the measured runs)</h3>' +
    table(
      ['Cell', 'Thread', 'Hold ms', 'Wait ms', 'I/O ms', 'Acquired', 'Switches', 'Forced drops'],
      out,
      [1, 2, 3, 4, 5, 6, 7],
    )
  );
}

/** One workload's charts and tables, part by part (its strip plot alone is megabytes at the limits). */
function* workloadParts(report: Report, name: string): Generator<string> {
  const rows = report.results.filter((r) => r.workload === name);
  yield `<section class="workload"><h2>${esc(name)}</h2>`;
  yield '\n' + `<figure>${speedupChart(name, rows, report.machine.logicalCores)}</figure>`;
  yield '\n' + `<figure>${wallChart(name, rows)}</figure>`;
  const busy = coresBusyChart(name, rows, report.machine.logicalCores);
  if (busy) yield '\n' + `<figure>${busy}</figure>`;
  const strip = stripChartPieces(name, rows);
  if (strip) {
    yield '\n<figure>';
    yield* strip;
    yield `<figcaption class="muted">Each dot is one measured run; the bar is the cell's median. Two clusters in a row mean the runs did not all see the same machine (another program, a CPU changing speed), and the median hides it.</figcaption></figure>`;
  }
  const target = report.config.targetCiPct;
  const adaptive = target !== undefined;
  yield (
    '\n' +
    table(
      [
        'Model',
        'Workers',
        'Median ms',
        'Stddev ms',
        'Min…max ms',
        'Speedup [95% CI]',
        'Efficiency',
        ...(adaptive ? ['Runs'] : []),
        'Memory',
        'Checksum',
        'Notes',
      ],
      rows.map((r) => resultRow(r, adaptive)),
      adaptive ? [1, 2, 3, 4, 5, 6, 7, 8] : [1, 2, 3, 4, 5, 6, 7],
    )
  );
  if (adaptive) yield '\n' + `<p class="muted">${esc(describeRunsColumn(target))}</p>`;
  yield '\n' + gilTable(rows);
  // The busiest GIL cell's last run says the most about contention; one timeline per workload keeps it short.
  const gil = rows.filter((r) => r.gil && r.gil.timeline.length).sort((a, b) => b.workers - a.workers)[0];
  if (gil?.gil) {
    const title = `${name}: GIL timeline, ${gil.workers} threads, last measured run${gil.gil.truncated ? ' (truncated)' : ''}`;
    yield (
      '\n' +
      `<figure>${timelineChart(title, gil.gil.timeline, gil.gil.timelineWallMs, gil.gil.threads.length)}</figure>`
    );
  }
  yield '\n</section>';
}

/** Every failure and warning in full: a report at the limits has megabytes of them, so one item at a time. */
function* warnings(report: Report): Generator<string> {
  if (!report.results.some((r) => r.failure || r.warnings.length)) return;
  yield '<h2>Warnings and failures</h2><ul class="notes">';
  for (const r of report.results) {
    const where = `${esc(r.workload)} / ${esc(r.model)} × ${r.workers}`;
    if (r.failure)
      yield `<li><span class="failed">${where} failed (${esc(r.failure.reason)})</span>: ${esc(r.failure.message)}</li>`;
    for (const w of r.warnings)
      yield `<li>${where} <span class="kind">${esc(w.kind)}</span>: ${esc(w.message)}</li>`;
  }
  yield '</ul>';
}

function statistics(report: Report): string {
  const parts = ['<h2>Statistics</h2>'];
  parts.push(
    '<p class="muted">Speedup = median sequential time / median time, with a 95% percentile bootstrap confidence interval. ' +
      'Outliers by modified z-score (|0.6745 (x − median) / MAD| &gt; 3.5). Efficiency = speedup / workers.</p>',
  );
  if (report.fits.length)
    parts.push(
      "<h3>Amdahl's law fit</h3>" +
        table(
          ['Workload', 'Model', 'Serial fraction', 'RMSE'],
          report.fits.map((f) => [f.workload, f.model, fixed(f.serialFraction, 3), fixed(f.rmse, 3)]),
          [2, 3],
        ),
    );
  if (report.spawn.length)
    parts.push(
      '<h3>Start-up cost</h3>' +
        table(
          ['Model', 'Workers', 'Per worker ms', 'Total ms'],
          report.spawn.map((s) => [
            modelTitle(s.model),
            String(s.workers),
            fixed(s.perWorkerMs, 1),
            fixed(s.totalMs, 1),
          ]),
          [1, 2, 3],
        ),
    );
  const pts = report.samples.points;
  if (report.samples.error) parts.push(`<p class="warn">CPU load: ${esc(report.samples.error)}.</p>`);
  if (pts.length) {
    const loads = pts.flatMap((p) => p.loadPct);
    const avg = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    parts.push(
      `<p>CPU load: ${pts.length} samples every ${fixed(report.samples.intervalMs, 0)} ms, mean ${fixed(avg, 0)}% per core; ` +
        `the sampler itself used ${fixed(report.samples.samplerCpuPct, 3)}% of one core.</p>`,
    );
  }
  return parts.join('\n');
}

/** The page in pieces, section by section: a report at the limits makes a page of about 70 MB. */
function* htmlPieces(report: Report): Generator<string> {
  const title = report.config.label ? `ThreadLab report: ${report.config.label}` : 'ThreadLab report';
  const workloads = [...new Set(report.results.map((r) => r.workload))];
  const banner =
    report.status === 'complete'
      ? ''
      : `<p class="banner">This report is ${esc(report.status)}: it holds only the runs that finished.</p>`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">Run ${esc(report.id)} · started ${esc(report.createdAt)}${report.finishedAt ? ` · finished ${esc(report.finishedAt)}` : ''}</p>
${banner}
</header>
<h2>Machine</h2>
${machine(report)}
<h2>Configuration</h2>
${config(report)}
`;
  if (report.python) yield `<h2>Python</h2>\n${kv(pythonRunRows(report.python))}\n`;
  if (report.userWorkload) yield `<h2>Your workload</h2>\n${kv(userWorkloadRows(report.userWorkload))}\n`;
  // each section built as it is written, not all of them first
  for (const [i, w] of workloads.entries()) {
    if (i) yield '\n';
    yield* workloadParts(report, w);
  }
  yield '\n';
  yield* warnings(report);
  yield `
${statistics(report)}
<footer>ThreadLab ${esc(report.tool.version)} · report schema ${esc(report.schema)} v${report.version}</footer>
</body>
</html>
`;
}

export function toHtml(report: Report): string {
  return [...htmlPieces(report)].join('');
}

export const htmlExporter: Exporter = {
  format: 'html',
  extension: '.html',
  mime: 'text/html',
  title: 'Report page (HTML, self-contained)',
  export: toHtml,
  chunks: (report) => inChunks(htmlPieces(report)),
};
