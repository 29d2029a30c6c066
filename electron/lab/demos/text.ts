/** Plain-text renderings of the catalog and of an outcome, for the CLI. */
import type { DemoMeta, DemoMetric, DemoOutcome } from '../../common/demos';
import { formatMetric } from '../../common/format';
import { count, ms, ratio } from './numbers';

const WIDTH = 100;

export function wrap(text: string, indent = ''): string {
  const out: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() && line.length + word.length + 1 > WIDTH) {
      out.push(line.trimEnd());
      line = indent;
    }
    line += (line.trim() ? ' ' : '') + word;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out.join('\n');
}

export function formatCatalog(demos: readonly DemoMeta[]): string {
  const out = ['Demos (run one with: npm run lab -- demo <name> [--json] [--slow] [-p name=value]):', ''];
  for (const d of demos) {
    out.push(`  ${d.id.padEnd(18)} ${d.title}  [${d.uses.join(', ')}]`);
    out.push(wrap(d.summary, '      '));
    if (d.params.length)
      out.push(
        wrap(
          `params: ${d.params.map((p) => `${p.name}=${p.default} (${p.min}..${p.max}${p.unit ? ` ${p.unit}` : ''})`).join(', ')}`,
          '      ',
        ),
      );
    out.push('');
  }
  return out.join('\n');
}

/** A metric as the app shows it, unit word and all. */
export function formatValue(m: Pick<DemoMetric, 'value' | 'unit'>): string {
  const f = formatMetric(m);
  return f.unit ? `${f.value} ${f.unit}` : f.value;
}

export function formatQuestion(meta: Pick<DemoMeta, 'question'>): string {
  const q = meta.question;
  return [
    wrap(`Predict: ${q.prompt}`),
    ...q.choices.map((c, i) => `  ${String.fromCharCode(97 + i)}) ${c.label}`),
  ].join('\n');
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map(
    (r) =>
      '  ' +
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   '),
  );
}

/** Demo-specific lines worth reading beside the sentence. */
export function detailLines(o: DemoOutcome): string[] {
  const d = o.details;
  switch (d.kind) {
    case 'race':
    case 'lock':
    case 'atomics':
      return [
        ...table([
          ['run', 'expected', 'actual', 'lost', 'ms'],
          ...d.runs.map((r, i) => [
            String(i + 1),
            count(r.expected),
            count(r.actual),
            count(r.lost),
            ms(r.ms),
          ]),
        ]),
        ...d.comparisons.map(
          (c) => `  ${c.mode}: ${c.exactRuns}/${c.runs} runs exact, median ${ms(c.medianMs)} ms per run`,
        ),
      ];
    case 'convoy':
      return table([
        ['setting', 'round trips/s', 'p50 ms', 'p99 ms', 'of alone'],
        ...d.settings.map((s) => [
          s.label,
          count(s.rps),
          ms(s.p50Ms),
          ms(s.p99Ms),
          `${Math.round(s.ofAlone * 100)}%`,
        ]),
      ]);
    case 'deadlock':
      return [
        `  detected: ${d.detected} (by ${d.detectedBy}, ${ms(d.detectedAfterMs)} ms after both blocked)`,
        ...d.cycle.map((e) => `  ${e.thread} holds ${e.holds}, wants ${e.wants}`),
        `  recovery: ${d.recovery.terminated} threads terminated in ${ms(d.recovery.terminateMs)} ms, ${d.recovery.remaining} left running`,
        ...d.fixes.map(
          (f) =>
            `  fix ${f.name}: ${f.completed ? 'completed' : 'DID NOT complete'} ${f.rounds} rounds in ${ms(f.ms)} ms, ${f.retries} retries (${f.description})`,
        ),
      ];
    case 'tcp-server':
      return table([
        ['server', 'served', 'req/s', 'p50 ms', 'p99 ms'],
        ...d.servers.map((s) => [
          s.model,
          `${count(s.served)}/${count(s.expected)}`,
          count(s.rps),
          ms(s.p50Ms),
          ms(s.p99Ms),
        ]),
      ]);
    case 'pools':
      return table([
        ['pool', 'start ms', 'jobs ms', 'completion order'],
        ...d.pools.map((p) => [p.pool, ms(p.startMs), ms(p.totalMs), p.completionOrder.join(' ')]),
      ]);
    case 'native-gil':
      return table([
        ['hash', 'KiB/job', '1 thread ms', '2 threads ms', 'speedup'],
        ...d.variants.map((v) => [
          v.name,
          count(v.kibPerJob),
          ms(v.oneThreadMs),
          ms(v.twoThreadsMs),
          `${ratio(v.speedup)}×`,
        ]),
      ]);
    case 'thread-vs-process':
      return [
        `  spawn ms, thread:  ${d.spawnMs.thread.map(ms).join(', ')}`,
        `  spawn ms, process: ${d.spawnMs.process.map(ms).join(', ')}`,
      ];
    default:
      return [];
  }
}

export function formatOutcome(o: DemoOutcome): string {
  const label = o.question.choices.find((c) => c.id === o.answer.choice)?.label ?? o.answer.choice;
  const out = [
    '',
    wrap(`Result: ${o.sentence}`),
    '',
    wrap(`Answer: ${label} (${o.answer.why})`),
    '',
    'Key numbers:',
    ...table(o.metrics.map((m) => [m.label, formatValue(m)])),
  ];
  const extra = detailLines(o);
  if (extra.length) out.push('', ...extra);
  if (o.notes.length) out.push('', ...o.notes.map((n) => wrap(`note: ${n}`)));
  out.push(
    '',
    `(${o.lanes.length} lanes recorded; ${ms(o.wallMs)} ms; ${o.logicalCores} logical cores; --json prints everything)`,
  );
  return out.join('\n');
}
