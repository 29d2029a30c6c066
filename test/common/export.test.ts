import { describe, expect, it } from 'vitest';
import {
  EXPORTERS,
  EXPORT_FORMATS,
  csvField,
  exporterForFile,
  mdText,
  toCsv,
  toHtml,
  toMarkdown,
  toTrace,
  CHUNK_CHARS,
  inChunks,
  jsonPieces,
} from '../../electron/common/export/index';
import { escapeHtml as esc } from '../../electron/common/export/text';
import { parseReport } from '../../electron/common/report-parse';
import { REPORT_VERSION, type Report, type ResultEntry } from '../../electron/common/report';
import { summarize } from '../../electron/common/stats';
import {
  ADAPTIVE_MISSED,
  adaptiveReport,
  HOSTILE,
  hostileReport,
  hugeReport,
  loadSample,
} from '../fixtures/reports/fixtures';

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** An export as text (CSV comes as UTF-8 bytes). */
const text = (format: keyof typeof EXPORTERS, r = loadSample()) => {
  const out = EXPORTERS[format].export(r);
  return typeof out === 'string' ? out : new TextDecoder().decode(out);
};

describe('exporters on the real fixture report', () => {
  const report = loadSample();

  it('every format has an exporter with an extension and a media type', () => {
    for (const f of EXPORT_FORMATS) {
      expect(EXPORTERS[f].format).toBe(f);
      expect(EXPORTERS[f].extension).toMatch(/^\.[a-z.]+$/);
      expect(EXPORTERS[f].mime).toMatch(/^[a-z]+\/[a-z-]+$/);
    }
  });

  it.each(EXPORT_FORMATS)('%s output matches its snapshot', (format) => {
    expect(text(format)).toMatchSnapshot();
  });

  it('JSON round trip gives back the same report', () => {
    expect(parseReport(text('json'), 'round-trip')).toEqual(report);
  });

  it('CSV has a row per measured run with every raw time and every cell figure, its text on the first row', () => {
    const rows = parseCsv(toCsv(report));
    const [head, ...body] = rows;
    expect(head?.slice(0, 6)).toEqual(['workload', 'kind', 'model', 'workers', 'repetition', 'wallMs']);
    const runs = report.results.reduce((n, r) => n + Math.max(1, r.wallMs?.raw.length ?? 0), 0);
    expect(body).toHaveLength(runs);
    for (const row of body) expect(row).toHaveLength(head?.length ?? 0);
    const col = (name: string) => head?.indexOf(name) ?? -1;
    for (const r of report.results) {
      const mine = body.filter(
        (x) =>
          x[col('workload')] === r.workload &&
          x[col('model')] === r.model &&
          x[col('workers')] === String(r.workers),
      );
      expect(mine.map((x) => Number(x[col('wallMs')]))).toEqual(r.wallMs?.raw);
      for (const x of mine) {
        expect(Number(x[col('medianMs')])).toBe(r.wallMs?.median);
        expect(Number(x[col('speedup')])).toBe(r.speedup?.median);
        expect(Number(x[col('speedupCiLow')])).toBe(r.speedup?.ciLow);
        expect(Number(x[col('speedupCiHigh')])).toBe(r.speedup?.ciHigh);
        expect(Number(x[col('efficiency')])).toBe(r.efficiency);
        expect(x[col('checksumOk')]).toBe(String(r.checksumOk));
      }
      expect(mine[0]?.[col('warnings')]).toBe(r.warnings.map((w) => w.kind).join(';'));
      for (const x of mine.slice(1)) expect([x[col('warnings')], x[col('failureMessage')]]).toEqual(['', '']);
    }
    expect(toCsv(report)).toMatch(/\r\n$/);
  });

  it('CPU time and cores busy (version 2) are in the CSV per run and charted in the HTML', () => {
    const withCpu: Report = {
      ...report,
      version: REPORT_VERSION,
      results: report.results.map((r) => {
        const cpuMs = (r.wallMs?.raw ?? []).map((w) => w * 1.5);
        return cpuMs.length
          ? {
              ...r,
              cpuMs: summarize(cpuMs),
              coresBusy: summarize(cpuMs.map(() => 1.5)),
              cpuMethod: 'thread' as const,
            }
          : r;
      }),
    };
    const [head, ...body] = parseCsv(toCsv(withCpu));
    const first = withCpu.results.find((r) => r.cpuMs);
    expect(body[0]?.[head?.indexOf('cpuMs') ?? -1]).toBe(String(first?.cpuMs?.raw[0]));
    expect(body[0]?.[head?.indexOf('coresBusy') ?? -1]).toBe('1.5');
    const workloads = new Set(report.results.map((r) => r.workload));
    expect(toHtml(withCpu).match(/<svg class="chart cores-busy"/g)).toHaveLength(workloads.size);
    expect(toHtml(report)).not.toContain('cores-busy');
    expect(parseReport(JSON.stringify(withCpu), 'round-trip')).toEqual(withCpu);
  });

  it('markdown shows every cell with its median, speedup and interval', () => {
    const md = toMarkdown(report);
    for (const r of report.results) {
      const row = md.split('\n').find((l) => l.startsWith(`| ${r.workload} | ${r.model} | ${r.workers} |`));
      expect(row, `${r.workload}/${r.model}×${r.workers}`).toBeDefined();
      expect(row).toContain(` ${r.wallMs?.median.toFixed(2)} `);
      expect(row).toContain(
        `${r.speedup?.median.toFixed(2)}x \\[${r.speedup?.ciLow.toFixed(2)}, ${r.speedup?.ciHigh.toFixed(2)}\\]`,
      );
    }
    expect(md).toContain(report.machine.cpuModel);
    for (const w of report.results.flatMap((r) => r.warnings)) expect(md).toContain(w.kind);
  });

  it('HTML is one self-contained file: CSP, inline style and SVG charts, no script, no external reference', () => {
    const html = toHtml(report);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:|\/\/)/i);
    expect(html).toMatch(/@media print/);
    const workloads = new Set(report.results.map((r) => r.workload));
    expect(html.match(/<svg class="chart speedup"/g)).toHaveLength(workloads.size);
    expect(html.match(/<svg class="chart wall"/g)).toHaveLength(workloads.size);
    expect(html).toContain(`${report.machine.logicalCores} cores`);
    expect(html).toContain('ideal (linear)');
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('trace is Chrome trace JSON: a pid per GIL cell, a tid per thread, X events in microseconds', () => {
    const trace = JSON.parse(text('trace')) as ReturnType<typeof toTrace>;
    const gilCells = report.results.filter((r) => r.gil && r.gil.timeline.length);
    expect(gilCells.length).toBeGreaterThan(0);
    const pids = new Set(trace.traceEvents.map((e) => e.pid));
    expect(pids.size).toBe(gilCells.length);
    const names = trace.traceEvents.filter((e) => e.name === 'thread_name');
    expect(names.length).toBe(gilCells.reduce((n, r) => n + (r.gil?.threads.length ?? 0), 0));
    const spans = trace.traceEvents.filter((e) => e.ph === 'X');
    expect(spans.length).toBe(gilCells.reduce((n, r) => n + (r.gil?.timeline.length ?? 0), 0));
    const first = gilCells[0]?.gil?.timeline[0];
    const ev = spans[0];
    expect(ev?.ts).toBeCloseTo((first?.startMs ?? 0) * 1000, 2);
    expect(ev?.dur).toBeCloseTo(((first?.endMs ?? 0) - (first?.startMs ?? 0)) * 1000, 2);
    for (const e of spans) {
      expect(['hold', 'wait', 'io']).toContain(e.name);
      expect(e.dur).toBeGreaterThanOrEqual(0);
    }
  });

  it('chooses the exporter by file name, .trace.json before .json', () => {
    expect(exporterForFile('a/b/run.trace.json')?.format).toBe('trace');
    expect(exporterForFile('RUN.JSON')?.format).toBe('json');
    expect(exporterForFile('x.md')?.format).toBe('md');
    expect(exporterForFile('x.html')?.format).toBe('html');
    expect(exporterForFile('x.csv')?.format).toBe('csv');
    expect(exporterForFile('x.docx')).toBeNull();
  });
});

describe('adaptive runs in every export', () => {
  const adaptive = adaptiveReport();
  const fixed = loadSample();
  const isMissed = (r: { workload: string; model: string; workers: number }) =>
    r.workload === ADAPTIVE_MISSED.workload &&
    r.model === ADAPTIVE_MISSED.model &&
    r.workers === ADAPTIVE_MISSED.workers;
  const MISSED_RUNS = '15 ±7.3% (not reached)';
  const TIGHT_RUNS = '5 ±1.5%';
  const POLICY = "5 to 15 measured runs (until the median's 95% interval is within ±5%) after 1 warmup";

  it('JSON keeps the policy and every cell’s adaptive record', () => {
    expect(parseReport(text('json', adaptive), 'round-trip')).toEqual(adaptive);
  });

  it('CSV has runs, medianCiPct and targetReached on every row of a cell', () => {
    const [head, ...body] = parseCsv(toCsv(adaptive));
    const col = (name: string) => head?.indexOf(name) ?? -1;
    expect(col('runs')).toBeGreaterThan(-1);
    expect(col('medianCiPct')).toBeGreaterThan(-1);
    expect(col('targetReached')).toBeGreaterThan(-1);
    for (const r of adaptive.results) {
      const rows = body.filter(
        (row) => row[0] === r.workload && row[2] === r.model && row[3] === String(r.workers),
      );
      expect(rows).toHaveLength(r.adaptive?.runs ?? -1);
      for (const row of rows) {
        expect(row[col('runs')]).toBe(String(r.adaptive?.runs));
        expect(row[col('medianCiPct')]).toBe(isMissed(r) ? '7.25' : '1.5');
        expect(row[col('targetReached')]).toBe(isMissed(r) ? 'false' : 'true');
      }
    }
    const missedFirst = body.find(
      (row) => row[0] === 'primes' && row[2] === 'gil' && row[3] === '2' && row[4] === '1',
    );
    expect(missedFirst?.[col('warnings')]).toContain('target-not-reached');
  });

  it('CSV of a fixed number of runs gives each cell’s runs and leaves the adaptive columns empty', () => {
    const [head, ...body] = parseCsv(toCsv(fixed));
    const col = (name: string) => head?.indexOf(name) ?? -1;
    for (const row of body) {
      expect(row[col('runs')]).toBe(String(fixed.config.repeat));
      expect(row[col('medianCiPct')]).toBe('');
      expect(row[col('targetReached')]).toBe('');
    }
  });

  it('Markdown says the policy, has a runs column and lists the target-not-reached warning', () => {
    const md = toMarkdown(adaptive);
    expect(md).toContain(`| Runs per cell | ${POLICY} |`);
    const lines = md.split('\n');
    const header = lines.find((l) => l.startsWith('| Workload |'));
    expect(header).toContain('| Efficiency | Runs | Memory |');
    for (const r of adaptive.results) {
      const row = lines.find((l) => l.startsWith(`| ${r.workload} | ${r.model} | ${r.workers} |`));
      expect(row).toContain(`| ${isMissed(r) ? MISSED_RUNS : TIGHT_RUNS} |`);
    }
    expect(md).toContain('"(not reached)" where that is still wider than the ±5% target');
    expect(md).toMatch(
      /- \*\*primes \/ gil × 2\*\* target-not-reached: primes \/ gil \/ 2 workers: after 15 runs/,
    );
  });

  it('Markdown of a fixed number of runs has no runs column', () => {
    const md = toMarkdown(fixed);
    expect(md).toContain('| Runs per cell | 5 measured runs after 1 warmup |');
    expect(md.split('\n').find((l) => l.startsWith('| Workload |'))).not.toContain('Runs');
    expect(md).not.toContain('(not reached)');
  });

  it('HTML says the policy, has a runs column with the miss marked and lists the warning', () => {
    const html = toHtml(adaptive);
    expect(html).toContain(`<tr><th>Runs per cell</th><td>${esc(POLICY)}</td></tr>`);
    expect(html.match(/<th class="num">Runs<\/th>/g)).toHaveLength(2);
    expect(html).toContain(`<td class="num mismatch">${esc(MISSED_RUNS)}</td>`);
    expect(html.match(new RegExp(`<td class="num">${esc(TIGHT_RUNS)}</td>`, 'g'))).toHaveLength(
      adaptive.results.length - 1,
    );
    expect(html).toMatch(
      /<li>primes \/ gil × 2 <span class="kind">target-not-reached<\/span>: primes \/ gil \/ 2 workers: after 15 runs/,
    );
  });

  it('HTML of a fixed number of runs has no runs column', () => {
    const html = toHtml(fixed);
    expect(html).toContain('<tr><th>Runs per cell</th><td>5 measured runs after 1 warmup</td></tr>');
    expect(html).not.toContain('>Runs</th>');
  });
});

describe('hostile text stays text', () => {
  const report = hostileReport();

  it('HTML escapes every string and carries no script or handler from the data', () => {
    const html = toHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    // Handlers may appear as escaped text, never inside a tag.
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).toContain('&#60;script&#62;window.__pwned=1&#60;/script&#62;');
    expect(html).toContain('&#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62;');
    expect(html).toContain('&#34;quoted&#34; &#39;single&#39; &#38; | pipe');
    // The title of the document and the chart titles are escaped too.
    expect(html).toMatch(/<title>ThreadLab report: &#60;img/);
    expect(html).toContain('&#60;/title&#62;&#60;script&#62;');
  });

  it('markdown shows markup as text and keeps every table row one row', () => {
    const md = toMarkdown(report);
    expect(md).not.toMatch(/<script|<img|<svg|<b>/i);
    expect(md).toContain('&lt;script&gt;');
    // brackets escaped, so no link can form around the javascript: URL
    expect(md).toContain('\\[link\\](javascript:');
    expect(md).not.toMatch(/(?<!\\)\]\(/);
    const results = md
      .slice(md.indexOf('## Results'), md.indexOf('## ', md.indexOf('## Results') + 3))
      .split('\n');
    const header = results.find((l) => l.startsWith('| Workload | Model |')) ?? '';
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    const hostileRows = results.filter((x) => x.startsWith(`| ${mdText(HOSTILE.workload)} |`));
    expect(hostileRows.length).toBe(report.results.filter((r) => r.workload === HOSTILE.workload).length);
    for (const l of hostileRows) expect(cells(l)).toBe(cells(header));
    expect(mdText('a|b\nc\r\nd')).toBe('a\\|b<br>c<br>d');
  });

  it('CSV quotes per RFC 4180 and neutralises formula cells', () => {
    const rows = parseCsv(toCsv(report));
    const all = rows.flat();
    for (const f of all) expect(f).not.toMatch(/^[=+\-@\t\r]/);
    expect(all).toContain(HOSTILE.workload); // starts with '<': not a trigger, left as it is
    const failure = all.find((f) => f.includes('svg onload'));
    expect(failure).toBe(HOSTILE.failure);
    const width = rows[0]?.length;
    for (const r of rows) expect(r).toHaveLength(width ?? 0);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-1)).toBe('-1'); // a number of ours is not text from anyone
  });

  it.each([
    ['leading spaces', ' =1+1'],
    ['a no-break space', '\u00a0=1+1'],
    ['an ideographic space', '\u3000+1'],
    ['an em space and a byte-order mark', '\u2003\ufeff-1'],
    ['full-width equals', '\uff1d1+1'],
    ['full-width plus', '\uff0b1'],
    ['full-width minus', '\uff0d1'],
    ['full-width at', '\uff20SUM(A1)'],
    ['the minus sign', '\u22121'],
    ['a leading tab', '\tx'],
    ['a leading CR', '\rx'],
    ['a leading LF', '\n=1+1'],
  ])('CSV neutralises a formula behind %s', (_, text) => {
    const field = csvField(text);
    const unquoted = field.startsWith('"') ? field.slice(1, -1) : field;
    expect(unquoted.startsWith(`'`), JSON.stringify(field)).toBe(true);
    expect(unquoted.slice(1)).toBe(text);
  });

  it('CSV keeps plain text that only contains a trigger later as it is', () => {
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('primes')).toBe('primes');
  });

  it('a warning that starts with a formula trigger is neutralised in CSV', () => {
    const r = structuredClone(report);
    const e = r.results[2];
    if (e) e.failure = { reason: 'error', message: '=HYPERLINK("http://x","click")' };
    const rows = parseCsv(toCsv(r));
    expect(rows.flat()).toContain(`'=HYPERLINK("http://x","click")`);
  });

  it('trace keeps hostile names as JSON strings', () => {
    const trace = toTrace(report);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    expect(trace.metadata['label']).toBe(HOSTILE.label);
  });
});

describe('absurd figures', () => {
  it('huge numbers give well-formed SVG and readable tables in every format', () => {
    const r = hugeReport();
    const html = toHtml(r);
    expect(html).not.toMatch(/NaN|Infinity/);
    for (const m of html.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"/g)) {
      expect(Number.isFinite(Number(m[1])), m[0]).toBe(true);
    }
    expect(toMarkdown(r)).not.toMatch(/NaN|Infinity/);
    expect(parseCsv(toCsv(r)).flat()).toContain('1e+300');
    expect(parseReport(EXPORTERS.json.export(r) as string)).toEqual(r);
  });

  it('a report without results or timelines still exports', () => {
    const r = structuredClone(loadSample());
    r.results = [];
    r.fits = [];
    r.status = 'incomplete';
    r.finishedAt = null;
    for (const f of EXPORT_FORMATS) expect(() => EXPORTERS[f].export(r)).not.toThrow();
    expect(toHtml(r)).toContain('This report is incomplete');
    expect(toTrace(r).traceEvents).toEqual([]);
    expect(parseCsv(toCsv(r))).toHaveLength(1);
  });
});

describe('exports in chunks (what is written to disk)', () => {
  const joined = (r: Report, format: (typeof EXPORT_FORMATS)[number]) =>
    [...EXPORTERS[format].chunks(r)].join('');
  const whole = (r: Report, format: (typeof EXPORT_FORMATS)[number]) => {
    const out = EXPORTERS[format].export(r);
    return typeof out === 'string' ? out : new TextDecoder().decode(out);
  };

  it.each(EXPORT_FORMATS)(
    '%s: the chunks join to the whole export, for a hostile and a large report',
    (format) => {
      for (const r of [hostileReport(), hugeReport()]) expect(joined(r, format)).toBe(whole(r, format));
    },
  );

  it('inChunks gathers small pieces into chunks of about chunkChars, losing none', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `row ${i}\n`);
    const chunks = [...inChunks(pieces, 500)];
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(500);
    for (const c of chunks) expect(c.length).toBeLessThan(500 + 10);
    expect(CHUNK_CHARS * 2).toBeLessThanOrEqual(128 * 1024); // a two-byte chunk stays a regular heap object
  });

  it('jsonPieces is JSON.stringify to the character, undefined, empty and toJSON values included', () => {
    const odd = {
      a: [],
      b: {},
      c: undefined,
      d: [undefined, () => 1, null],
      e: { f: { g: { h: [1, { i: '\u202e\n"' }] } } },
      t: new Date(0),
    };
    for (const v of [odd, [[[[1, [2]]]]], 'x\ny', null, {}, []])
      expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v, null, 2));
  });
});

describe('Python interpreters and an own workload in the exports', () => {
  const ESC = '\u001b[2J\u001b]0;pwned\u0007';
  /** The sample with the Python record and own workload a `--workload x.py` run writes, its text hostile. */
  function withPython(): Report {
    const r = structuredClone(loadSample());
    r.python = {
      interpreters: [
        {
          models: ['py-threads', 'py-processes'],
          version: '3.11.7',
          implementation: 'CPython',
          executable: `/opt/<script>alert(1)</script>/python3${ESC}`,
          gilEnabled: true,
          freeThreadedBuild: false,
        },
        {
          models: ['py-ft-threads'],
          version: '3.13.0t',
          implementation: 'CPython',
          executable: '/usr/bin/python3.13t',
          gilEnabled: false,
          freeThreadedBuild: true,
        },
      ],
      unavailable: [{ models: ['py-asyncio'], reason: `<img src=x onerror=alert(1)> | pipe ${ESC}` }],
    };
    r.userWorkload = {
      file: 'mine<script>.py',
      language: 'python',
      sha256: 'a'.repeat(64),
      meta: {
        name: 'mine',
        kind: 'cpu',
        units: 8,
        params: { n: { default: 5, min: 1, max: 9, description: '<b>size</b>' } },
        title: `My <script>alert(1)</script> | work${ESC}`,
        description: 'a *bold* [link](javascript:alert(1))',
      },
    };
    return r;
  }

  it('HTML: a Python and a Your workload section, every value escaped', () => {
    const html = toHtml(withPython());
    expect(html).toContain('<h2>Python</h2>');
    expect(html).toContain('Python for py-threads, py-processes');
    expect(html).toContain('CPython 3.13.0t, GIL disabled (free-threaded build): /usr/bin/python3.13t');
    expect(html).toContain('Not run: py-asyncio');
    expect(html).toContain('<h2>Your workload</h2>');
    expect(html).toContain(`<td>${esc('mine<script>.py (Python)')}</td>`);
    expect(html).toContain(`n = 5 (1–9): ${esc('<b>size</b>')}`);
    expect(html).not.toMatch(/<script|<img|<b>/i);
  });

  it('Markdown: the same sections, escaped so no markup or table break gets through', () => {
    const md = toMarkdown(withPython());
    expect(md).toContain('## Python');
    expect(md).toContain(
      '| Python for py-threads, py-processes | CPython 3.11.7, GIL enabled: /opt/&lt;script&gt;',
    );
    expect(md).toContain('## Your workload');
    expect(md).toContain('My &lt;script&gt;alert(1)&lt;/script&gt; \\| work');
    expect(md).toContain('a \\*bold\\* \\[link\\](javascript:alert(1))');
    expect(md).not.toMatch(/<script|<img|<b>/i);
    // every table row of the two sections keeps its two cells: a pipe in a value is escaped
    const rows = md.split('\n').filter((l) => l.startsWith('| Python for') || l.startsWith('| Not run'));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(4);
  });

  it('CSV: each py-* row names its interpreter; Node models and reports without Python leave it empty', () => {
    const r = withPython();
    const py = r.results.find((e) => e.model === 'py-threads') ?? {
      ...r.results[0],
      model: 'py-threads' as const,
    };
    if (!r.results.includes(py as ResultEntry)) r.results.push(py as ResultEntry);
    const rows = parseCsv(toCsv(r));
    const header = rows[0] ?? [];
    const col = header.indexOf('interpreter');
    // last but one: calibration's loops come after it
    expect(col).toBe(header.length - 2);
    expect(header.at(-1)).toBe('loops');
    const body = rows.slice(1).filter((row) => row.length > 1);
    expect(body.filter((row) => row[2] === 'py-threads').every((row) => row[col] === 'CPython 3.11.7')).toBe(
      true,
    );
    expect(body.filter((row) => row[2] === 'threads').every((row) => row[col] === '')).toBe(true);
    expect(
      parseCsv(toCsv(loadSample()))
        .slice(1)
        .every((row) => row.length === 1 || row[col] === ''),
    ).toBe(true);
  });

  it('the Python record and own workload round-trip through the JSON export', () => {
    const r = withPython();
    const back = parseReport(EXPORTERS.json.export(r) as string);
    expect(back.python).toEqual(r.python);
    expect(back.userWorkload).toEqual(r.userWorkload);
  });
});
