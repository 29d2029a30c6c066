/**
 * Markdown for issues, wikis and lab notebooks: machine, configuration, a results table with speedup and its
 * confidence interval, then every warning and failure in full. Text from the report is escaped so that it
 * stays text: a pipe cannot split a table cell, a newline cannot end a row, and HTML or link syntax in a
 * label is shown rather than rendered.
 */
import type { Report, ResultEntry } from '../report';
import {
  bytes,
  checksumText,
  efficiencyText,
  fixed,
  memoryText,
  modelTitle,
  notesOf,
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
import { inChunks, separated } from './chunks';
import type { Exporter } from './types';

/** Escapes text for a Markdown table cell or paragraph. */
export function mdText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string[] {
  const align = header.map((_, i) => (right.includes(i) ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)];
}

function machineRows(report: Report): string[][] {
  const m = report.machine;
  return [
    ['CPU', mdText(m.cpuModel)],
    ['Cores', `${m.physicalCores} physical / ${m.logicalCores} logical`],
    ['Memory', bytes(m.memoryBytes)],
    ['OS', mdText(`${m.os.platform} ${m.os.release} (${m.os.arch})`)],
    ['Node', mdText(m.node)],
    ['Electron', m.electron === null ? '-' : mdText(m.electron)],
    ...machineConditionRows(m).map(([k, v]) => [k, mdText(v)]),
  ];
}

function configRows(report: Report): string[][] {
  const c = report.config;
  return [
    ['Workloads', mdText(c.workloads.map(workloadSizeText).join('; '))],
    ['Models', c.models.map(mdText).join(', ')],
    ['Workers', c.workers.join(', ')],
    ['Runs per cell', `${describeRuns(c)} after ${c.warmup} warmup`],
    ['GIL switch interval', `${fixed(c.switchIntervalMs, 1)} ms`],
    ['Timeout per run', `${c.timeoutMs} ms`],
    ['Seed', String(c.seed)],
  ];
}

function resultRow(r: ResultEntry, adaptive: boolean): string[] {
  const w = r.wallMs;
  return [
    mdText(r.workload),
    r.model,
    String(r.workers),
    w ? fixed(w.median, 2) : '-',
    w ? fixed(w.stddev, 2) : '-',
    mdText(speedupText(r)),
    efficiencyText(r),
    // adaptive runs only, as in the terminal's table: a fixed number of runs is said once, in Configuration
    ...(adaptive ? [formatCellRuns(r.adaptive, r.loops)] : []),
    memoryText(r),
    checksumText(r),
    mdText(notesOf(r).join('; ')),
  ];
}

function* details(report: Report): Generator<string> {
  for (const r of report.results) {
    const where = `${mdText(r.workload)} / ${r.model} × ${r.workers}`;
    if (r.failure) yield `- **${where}** failed (${r.failure.reason}): ${mdText(r.failure.message)}`;
    for (const w of r.warnings) yield `- **${where}** ${w.kind}: ${mdText(w.message)}`;
  }
}

/** The lines of the Markdown file, one at a time: a report at the limits has megabytes of warning text. */
function* markdownLines(report: Report): Generator<string> {
  const target = report.config.targetCiPct;
  const adaptive = target !== undefined;
  const title = report.config.label ? `ThreadLab report: ${mdText(report.config.label)}` : 'ThreadLab report';
  yield* [`# ${title}`, ''];
  yield* [
    `Run ${mdText(report.id)}, started ${report.createdAt}` +
      (report.finishedAt ? `, finished ${report.finishedAt}` : '') +
      `. ThreadLab ${mdText(report.tool.version)}.`,
    '',
  ];
  if (report.status !== 'complete')
    yield* [`> **This report is ${report.status}**: it holds only the runs that finished.`, ''];
  yield* ['## Machine', '', ...table(['', ''], machineRows(report)), ''];
  yield* ['## Configuration', '', ...table(['', ''], configRows(report)), ''];
  const escaped = (rows: [string, string][]) => rows.map(([k, v]) => [mdText(k), mdText(v)]);
  if (report.python) yield* ['## Python', '', ...table(['', ''], escaped(pythonRunRows(report.python))), ''];
  if (report.userWorkload)
    yield* ['## Your workload', '', ...table(['', ''], escaped(userWorkloadRows(report.userWorkload))), ''];
  yield* [
    '## Results',
    '',
    'Speedup = median sequential time / median time, with its 95% bootstrap confidence interval.' +
      (target !== undefined ? ` ${mdText(describeRunsColumn(target))}` : ''),
    '',
    ...table(
      [
        'Workload',
        'Model',
        'Workers',
        'Median ms',
        'Stddev ms',
        'Speedup [95% CI]',
        'Efficiency',
        ...(adaptive ? ['Runs'] : []),
        'Memory',
        'Checksum',
        'Notes',
      ],
      report.results.map((r) => resultRow(r, adaptive)),
      adaptive ? [2, 3, 4, 6, 7, 8] : [2, 3, 4, 6, 7],
    ),
    '',
  ];
  if (report.results.some((r) => r.failure || r.warnings.length)) {
    yield* ['## Warnings and failures', ''];
    yield* details(report);
    yield '';
  }
  if (report.fits.length) {
    yield* [
      "## Amdahl's law",
      '',
      ...table(
        ['Workload', 'Model', 'Serial fraction', 'RMSE'],
        report.fits.map((f) => [mdText(f.workload), f.model, fixed(f.serialFraction, 3), fixed(f.rmse, 3)]),
        [2, 3],
      ),
      '',
    ];
  }
  if (report.spawn.length) {
    yield* [
      '## Start-up cost',
      '',
      ...table(
        ['Model', 'Workers', 'Per worker ms', 'Total ms'],
        report.spawn.map((s) => [
          modelTitle(s.model),
          String(s.workers),
          fixed(s.perWorkerMs, 1),
          fixed(s.totalMs, 1),
        ]),
        [1, 2, 3],
      ),
      '',
    ];
  }
}

export function toMarkdown(report: Report): string {
  return [...markdownLines(report)].join('\n');
}

export const markdownExporter: Exporter = {
  format: 'md',
  extension: '.md',
  mime: 'text/markdown',
  title: 'Markdown summary',
  export: toMarkdown,
  chunks: (report) => inChunks(separated(markdownLines(report), '\n')),
};
