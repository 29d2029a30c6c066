/** The readable results table printed on stdout. */
import type { Report, ResultEntry } from '../../common/report';
import { describeRuns, formatCellRuns, machineConditionRows, workloadSizeText } from '../../common/format';
import { visible } from '../../common/terminal-text';

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function row(r: ResultEntry, adaptive: boolean): string[] {
  const w = r.wallMs;
  const s = r.speedup;
  const notes = [
    // An unavailable model's reason is the same for all its cells: it is said once, under the table.
    ...(r.failure?.reason === 'unavailable'
      ? ['unavailable']
      : r.failure
        ? [`FAILED (${r.failure.reason}): ${r.failure.message}`]
        : []),
    ...r.warnings.map((x) => x.kind),
    ...(r.gil ? [`gil switches ${r.gil.threads.reduce((a, t) => a + t.switches, 0)}`] : []),
  ];
  // Report text is made visible per field, before widths are measured, so it cannot forge a row.
  return [
    visible(r.workload),
    r.model,
    String(r.workers),
    w ? fmt(w.median) : '-',
    w ? `± ${fmt(w.stddev)}` : '',
    w ? `${fmt(w.min)}…${fmt(w.max)}` : '',
    s ? `${fmt(s.median, 2)}x` : '-',
    s ? `[${fmt(s.ciLow, 2)}, ${fmt(s.ciHigh, 2)}]` : '',
    r.efficiency !== null ? `${Math.round(r.efficiency * 100)}%` : '-',
    ...(adaptive ? [formatCellRuns(r.adaptive, r.loops)] : []),
    r.cpuMs ? fmt(r.cpuMs.median) : '-',
    r.coresBusy ? fmt(r.coresBusy.median, 2) : '-',
    r.interference ? fmt(r.interference.otherCores, 2) : '-',
    r.memoryBytes.length ? fmt(r.memoryBytes.reduce((a, b) => a + b, 0) / 2 ** 20) : '-',
    r.checksumOk === null ? '-' : r.checksumOk ? 'ok' : 'MISMATCH',
    visible(notes.join('; ')),
  ];
}

export function formatTable(report: Report): string {
  const adaptive = report.config.targetCiPct !== undefined;
  const header = [
    'workload',
    'model',
    'workers',
    'median ms',
    'stddev',
    'min…max',
    'speedup',
    '95% CI',
    'effic.',
    ...(adaptive ? ['runs'] : []),
    'cpu ms',
    'cores busy',
    'others',
    'mem MiB',
    'checksum',
    'notes',
  ];
  const rows = [header, ...report.results.map((r) => row(r, adaptive))];
  // Numbers are right-aligned: every column from 'median ms' up to 'checksum'.
  const lastNumeric = header.indexOf('checksum');
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) =>
        c >= 3 && c <= lastNumeric ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const m = report.machine;
  const conditions = machineConditionRows(m);
  const out = [
    // An imported or history report's machine strings are anyone's: a line break in one could forge a line.
    `${visible(m.cpuModel)} — ${m.physicalCores} physical / ${m.logicalCores} logical cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${visible(`${m.os.platform} ${m.os.arch}`)}, Node ${visible(m.node)}`,
    ...(conditions.length ? [visible(conditions.map(([k, v]) => `${k}: ${v}`).join('; '))] : []),
    `work per cell: ${visible(report.config.workloads.map(workloadSizeText).join('; '))}`,
    `${describeRuns(report.config)} per cell after ${report.config.warmup} warmup; speedup = median sequential (py-sequential for py-*) time / median time; GIL switch interval ${report.config.switchIntervalMs} ms`,
    'cpu ms: median CPU time of the workers per run (user + system); cores busy = cpu / wall time; others: cores other programs used meanwhile; mem: all workers (heap for threads, resident for processes and Python interpreters)',
    '',
    line(header),
    ...rows.slice(1).map(line),
    '',
    `spawn (per worker, ms): ${report.spawn.map((s) => `${s.model} ${fmt(s.perWorkerMs)}`).join(', ')}`,
    report.samples.error
      ? `CPU sampler: ${report.samples.points.length} samples; ${visible(report.samples.error)}`
      : `CPU sampler: ${report.samples.points.length} samples, its own cost ${fmt(report.samples.samplerCpuPct, 3)}% of one core`,
  ];
  for (const p of report.python?.interpreters ?? [])
    out.push(
      `python for ${p.models.join(', ')}: ${visible(p.implementation)} ${visible(p.version)} (${visible(p.executable)}), GIL ${p.gilEnabled ? 'enabled' : 'disabled'}${p.freeThreadedBuild ? ', free-threaded build' : ''}`,
    );
  for (const u of report.python?.unavailable ?? [])
    out.push(`unavailable: ${u.models.join(', ')}: ${visible(u.reason)}`);
  // The cells that used every run allowed and still vary too much: said in full, not only as a note.
  for (const r of report.results)
    for (const w of r.warnings)
      if (w.kind === 'target-not-reached') out.push(`warning: ${visible(w.message)}`);
  if (report.fits.length)
    out.push(
      `Amdahl serial fraction (workers <= cores): ${report.fits.map((f) => `${visible(f.workload)}/${f.model} ${fmt(f.serialFraction, 2)}`).join(', ')}`,
    );
  if (report.status !== 'complete')
    out.push(`report is ${report.status.toUpperCase()}: it holds only the runs that finished`);
  return out.join('\n');
}
