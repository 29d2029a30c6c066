/** `lab compare a.json b.json [--json]`: cell-by-cell medians, ratios, tests and verdicts of two reports. */
import type { Command } from 'commander';
import { compareReports, formatP, type CompareVerdict, type Comparison } from '../../../common/compare';
import { visible } from '../../../common/terminal-text';
import { loadReport } from './report';
import { writeOut } from '../print';

function pad(rows: readonly (readonly string[])[], right: readonly number[]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (right.includes(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const ms = (v: number) => v.toFixed(v >= 100 ? 0 : 2);

export function formatComparison(c: Comparison): string {
  const head = [
    'workload',
    'model',
    'workers',
    'A median ms',
    'B median ms',
    'B/A',
    'n A/B',
    'p (MWU)',
    'p (Welch)',
    'verdict',
  ];
  const verdict: Record<CompareVerdict, string> = {
    'not-computable': 'not computable',
    'a-faster': 'A faster',
    'b-faster': 'B faster',
    'no-difference': 'no difference',
    insufficient: 'too few runs',
  };
  // Every field is made visible before the widths are measured: a hostile name cannot break the layout.
  const rows = c.cells.map((x) => [
    visible(x.workload),
    x.model,
    String(x.workers),
    ms(x.medianA),
    ms(x.medianB),
    Number.isFinite(x.ratio) ? `${x.ratio.toFixed(2)}x` : '-',
    `${x.nA}/${x.nB}`,
    x.mannWhitney ? formatP(x.mannWhitney.p).replace('p ', '').replace('= ', '') : '-',
    x.welch ? formatP(x.welch.p).replace('p ', '').replace('= ', '') : '-',
    verdict[x.verdict] + (x.smallSample && x.verdict !== 'insufficient' ? ' (small n)' : ''),
  ]);
  const side = (n: string, s: Comparison['a']) =>
    visible(
      `${n}: ${s.label ? `'${s.label}' ` : ''}${s.id}, ${s.createdAt}${s.status === 'complete' ? '' : ` (${s.status})`} — ${s.machine}`,
    );
  const out = [side('A', c.a), side('B', c.b), '', ...pad([head, ...rows], [2, 3, 4, 5, 6, 7, 8]), ''];
  const notable = c.cells.filter((x) => x.verdict === 'a-faster' || x.verdict === 'b-faster');
  if (notable.length) out.push('Significant differences:', ...notable.map((x) => `  ${visible(x.text)}`), '');
  out.push('By model:', ...c.models.map((m) => `  ${visible(m.text)}`), '', `Overall: ${visible(c.overall)}`);
  if (c.cells.some((x) => x.smallSample))
    out.push(
      `Note: cells with fewer than 5 runs a side cannot give a confident verdict; run with --repeat 5 or more.`,
    );
  const unsure = c.cells.filter((x) => x.verdict === 'not-computable');
  if (unsure.length) out.push('Not computable:', ...unsure.map((x) => `  ${visible(x.text)}`));
  if (c.onlyInA.length) out.push(`Only in A: ${visible(c.onlyInA.join(', '))}`);
  if (c.onlyInB.length) out.push(`Only in B: ${visible(c.onlyInB.join(', '))}`);
  for (const n of c.notes) out.push(`Note: ${visible(n)}`);
  return out.join('\n');
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare two saved reports cell by cell (Mann-Whitney U on the raw times, Welch t as a second opinion)',
    )
    .argument('<a>', 'report A (JSON)')
    .argument('<b>', 'report B (JSON)')
    .option('--json', 'print the comparison as JSON', false)
    .action(async (fileA: string, fileB: string, opts: { json: boolean }) => {
      const a = await loadReport(fileA);
      if ('code' in a) return void (process.exitCode = a.code);
      const b = await loadReport(fileB);
      if ('code' in b) return void (process.exitCode = b.code);
      const comparison = compareReports(a.report, b.report);
      writeOut((opts.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison)) + '\n');
      process.exitCode = 0;
    });
}
