import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../electron/common/errors';
import { EXPORTERS } from '../../../electron/common/export/index';
import { REPORT_VERSION, type Report } from '../../../electron/common/report';
import { summarize } from '../../../electron/common/stats';
import { findChromium } from '../../../electron/lab/report/chromium';
import { formatForFile, readReport, writeReport } from '../../../electron/lab/report/io';
import { SAMPLE_B_FILE, SAMPLE_FILE, loadSample } from '../../fixtures/reports/fixtures';
import { labCli } from '../../support/lab';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-report-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cli = path.resolve('out/lab/cli.js');
const lab = labCli(tmp);

/** Writes a variant of the sample (changed by `edit`, or raw text) and returns its path. */
function variant(name: string, edit: ((r: Record<string, unknown>) => void) | string): string {
  const file = path.join(tmp, name);
  if (typeof edit === 'string') writeFileSync(file, edit);
  else {
    const r = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Record<string, unknown>;
    edit(r);
    writeFileSync(file, JSON.stringify(r));
  }
  return file;
}

type Json = Record<string, unknown> & { results: Record<string, unknown>[] };
const first = (r: Record<string, unknown>) => (r as Json).results[0] as Record<string, unknown>;

async function refusal(file: string): Promise<LabError> {
  const err = await readReport(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

describe('writeReport / readReport', () => {
  it.each(['json', 'csv', 'md', 'html', 'trace.json'])(
    'writes .%s atomically with the exporter of its extension',
    async (ext) => {
      const report = loadSample();
      const dir = mkdtempSync(path.join(tmp, 'out-'));
      const file = path.join(dir, `report.${ext}`);
      const format = await writeReport(report, file);
      const expected = EXPORTERS[format as keyof typeof EXPORTERS].export(report);
      expect(readFileSync(file, 'utf8')).toBe(
        typeof expected === 'string' ? expected : new TextDecoder().decode(expected),
      );
      expect(readdirSync(dir)).toEqual([`report.${ext}`]); // no temporary file left behind
    },
  );

  it('reads back exactly what it wrote', async () => {
    const file = path.join(tmp, 'rt.json');
    await writeReport(loadSample(), file);
    expect(await readReport(file)).toEqual(loadSample());
  });

  it('reads a version-1 report as it is, and round-trips the fields version 2 added', async () => {
    const v1 = loadSample();
    expect(v1.version).toBe(1);
    const file = path.join(tmp, 'v2.json');
    const cpu = summarize([12, 14, 13]);
    const v2: Report = {
      ...v1,
      version: REPORT_VERSION,
      results: v1.results.map((r) => ({
        ...r,
        cpuMs: cpu,
        coresBusy: summarize([1.9, 1.8, 2]),
        cpuMethod: 'thread',
      })),
    };
    await writeReport(v2, file);
    expect(await readReport(file)).toEqual(v2);
  });

  it('round-trips the machine conditions (known and unknown) and per-worker memory figures', async () => {
    const v1 = loadSample();
    const file = path.join(tmp, 'conditions.json');
    const withConditions: Report = {
      ...v1,
      version: REPORT_VERSION,
      machine: {
        ...v1.machine,
        cpuFrequency: { currentMhz: 2096, minMhz: null, maxMhz: 4700 },
        governor: null,
        onBattery: false,
        loadAverage: { oneMin: 3.1, fiveMin: 2.5, fifteenMin: 1.25 },
        virtualMachine: true,
      },
      results: v1.results.map((r) => ({ ...r, memoryBytes: [12_345_678, 23_456_789].slice(0, r.workers) })),
    };
    await writeReport(withConditions, file);
    expect(await readReport(file)).toEqual(withConditions);
  });

  it('round-trips what adaptive runs, the py-* models and a user workload add (each optional)', async () => {
    const v1 = loadSample();
    const file = path.join(tmp, 'added-fields.json');
    const added: Report = {
      ...v1,
      version: REPORT_VERSION,
      config: { ...v1.config, targetCiPct: 5, minRuns: 5, maxRuns: 15 },
      results: v1.results.map((r, i) =>
        i === 0
          ? {
              ...r,
              adaptive: { runs: 7, medianCiPct: 3.25, reached: true },
              pythonLanes: {
                wallMs: 40.5,
                lanes: [
                  {
                    thread: 0,
                    cpuMs: 19.5,
                    wallMs: 40.25,
                    startMs: 0.125,
                    units: [{ index: 0, startMs: 0.125, endMs: 19.75 }],
                  },
                ],
              },
            }
          : i === 1
            ? { ...r, adaptive: { runs: 15, medianCiPct: null, reached: false } }
            : r,
      ),
      python: {
        interpreters: [
          {
            models: ['py-sequential', 'py-threads'],
            version: '3.11.2',
            implementation: 'CPython',
            executable: '/usr/bin/python3.11',
            gilEnabled: true,
            freeThreadedBuild: false,
          },
        ],
        unavailable: [{ models: ['py-ft-threads'], reason: 'no free-threaded Python found' }],
      },
      userWorkload: {
        file: 'my-kernel.mjs',
        language: 'js',
        sha256: 'ab'.repeat(32),
        meta: {
          name: 'my-kernel',
          kind: 'cpu',
          units: 8,
          params: { n: { default: 20000, min: 1, max: 10000000, description: 'numbers per unit' } },
        },
      },
    };
    await writeReport(added, file);
    expect(await readReport(file)).toEqual(added);
  });

  it('refuses an extension it cannot write, naming the option', async () => {
    const err = await writeReport(loadSample(), path.join(tmp, 'x.docx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).issues[0]?.field).toBe('out');
    expect(formatForFile('a.PDF')).toBe('pdf');
    expect(formatForFile('a.trace.json')).toBe('trace');
    expect(formatForFile('a.png')).toBe('png');
  });

  it('accepts a byte-order mark', async () => {
    const file = variant('bom.json', '\uFEFF' + readFileSync(SAMPLE_FILE, 'utf8'));
    expect((await readReport(file)).id).toBe(loadSample().id);
  });

  it.each<[string, ((r: Record<string, unknown>) => void) | string, RegExp]>([
    ['missing.json', (r) => delete first(r)['wallMs'], /^results\[0\]\.wallMs$/],
    ['version.json', (r) => (r['version'] = 3), /^version$/],
    ['schema.json', (r) => (r['schema'] = 'something.else'), /^schema$/],
    [
      'negative.json',
      (r) => ((first(r)['wallMs'] as Record<string, unknown>)['median'] = -1),
      /^results\[0\]\.wallMs\.median$/,
    ],
    ['string.json', (r) => (first(r)['workers'] = '2'), /^results\[0\]\.workers$/],
    ['extra.json', (r) => (first(r)['onload'] = 'x'), /^results\[0\]$/],
    [
      'label.json',
      (r) => ((r['config'] as Record<string, unknown>)['label'] = 'x'.repeat(5000)),
      /^config\.label$/,
    ],
    [
      'huge.json',
      readFileSync(SAMPLE_FILE, 'utf8').replace(/"median": [\d.]+/, '"median": 1e400'),
      /^results\[0\]\.wallMs\.median$/,
    ],
    ['truncated.json', readFileSync(SAMPLE_FILE, 'utf8').slice(0, 2000), /^truncated\.json$/],
    ['array.json', '[1, 2, 3]', /^array\.json$/],
    ['empty.json', '', /^empty\.json$/],
  ])('%s is refused with a LabError naming the field', async (name, edit, field) => {
    const err = await refusal(variant(name, edit));
    expect(err.code).toBe('invalid-report');
    expect(err.message.startsWith(`${name}: `)).toBe(true);
    expect(err.issues.map((i) => i.field)).toContainEqual(expect.stringMatching(field));
  });

  it('refuses a file over the size limit before reading it', async () => {
    const file = path.join(tmp, 'big.json');
    writeFileSync(file, '');
    truncateSync(file, 51 * 2 ** 20); // sparse: zeros, which would fail as JSON if it were read
    const err = await refusal(file);
    expect(err.issues[0]?.message).toMatch(/is 51\.0 MiB; reports over 50 MiB are refused/);
    const small = await readReport(SAMPLE_FILE, 1000).catch((e: unknown) => e as LabError);
    expect((small as LabError).issues[0]?.message).toMatch(/reports over/);
  });

  it('a missing file is not-found', async () => {
    const err = await refusal(path.join(tmp, 'nope.json'));
    expect(err.code).toBe('not-found');
  });

  it('without a Chromium, PDF export fails with a message saying how to get one', async () => {
    expect(findChromium({ THREADLAB_CHROMIUM: path.join(tmp, 'no-chrome') })).toBeNull();
    const err = await writeReport(loadSample(), path.join(tmp, 'x.pdf'), {
      executablePath: path.join(tmp, 'no-chrome'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('not-found');
    expect((err as LabError).message).toMatch(/apt-get install chromium/);
    expect((err as LabError).message).toMatch(/File > Export PDF works without Chromium/);
    expect(existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
  });
});

describe('CLI: report and compare', () => {
  it('report turns a saved JSON report into several formats', () => {
    const md = path.join(tmp, 'cli.md');
    const html = path.join(tmp, 'cli.html');
    const r = lab('report', SAMPLE_FILE, '--out', md, '-o', html);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(md, 'utf8')).toBe(EXPORTERS.md.export(loadSample()));
    expect(readFileSync(html, 'utf8')).toBe(EXPORTERS.html.export(loadSample()));
  });

  it('a corrupt or hostile file exits 2 with the field path', () => {
    const bad = variant(
      'cli-bad.json',
      (r) => ((first(r)['wallMs'] as Record<string, unknown>)['median'] = -5),
    );
    const r = lab('report', bad, '-o', path.join(tmp, 'never.md'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cli-bad\.json is not a valid ThreadLab report/);
    expect(r.stderr).toMatch(/results\[0\]\.wallMs\.median: must not be negative/);
    expect(existsSync(path.join(tmp, 'never.md'))).toBe(false);
    const trunc = lab(
      'report',
      variant('cli-trunc.json', '{"schema": "threadlab.rep'),
      '-o',
      path.join(tmp, 'never.md'),
    );
    expect(trunc.status).toBe(2);
    expect(trunc.stderr).toMatch(/cli-trunc\.json: is not valid JSON/);
    expect(lab('report', path.join(tmp, 'missing.json'), '-o', path.join(tmp, 'never.md')).status).toBe(2);
    expect(lab('report', SAMPLE_FILE, '-o', path.join(tmp, 'x.docx')).status).toBe(2);
    expect(lab('report', SAMPLE_FILE).status).toBe(2);
  });

  it('compare prints a table, verdicts and the overall verdict; --json gives the data', () => {
    const r = lab('compare', SAMPLE_FILE, SAMPLE_B_FILE);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/workload\s+model\s+workers\s+A median ms\s+B median ms\s+B\/A/);
    expect(r.stdout).toMatch(/^sleep\s+threads\s+2\s/m);
    expect(r.stdout).toMatch(/By model:\n\s+\w+/);
    expect(r.stdout).toMatch(/Overall: /);
    const j = lab('compare', SAMPLE_FILE, SAMPLE_B_FILE, '--json');
    const parsed = JSON.parse(j.stdout) as { cells: unknown[]; overall: string };
    expect(parsed.cells).toHaveLength(loadSample().results.length);
    const bad = variant('cmp-bad.json', (r2) => (r2['version'] = 99));
    const refused = lab('compare', SAMPLE_FILE, bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/version: 99 is not a version/);
  });

  it('run --out writes each file after the run, and --no-history records nothing', () => {
    const home = mkdtempSync(path.join(tmp, 'home-'));
    const out = ['run.md', 'run.csv', 'run.trace.json'].map((f) => path.join(home, f));
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'run',
        '-w',
        'primes',
        '-m',
        'gil',
        '-n',
        '2',
        '-r',
        '2',
        '--warmup',
        '0',
        '-p',
        'units=4',
        '-p',
        'span=1000',
        '-q',
        '--no-history',
        ...out.flatMap((f) => ['--out', f]),
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, THREADLAB_HOME: home } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out[0] ?? '', 'utf8')).toMatch(/^\| primes \| gil \| 2 \|/m);
    expect(
      readFileSync(out[1] ?? '', 'utf8')
        .split('\r\n')
        .filter(Boolean),
    ).toHaveLength(1 + 2 + 2); // header, 2 runs × 2 cells
    expect(JSON.parse(readFileSync(out[2] ?? '', 'utf8'))).toHaveProperty('traceEvents');
    expect(existsSync(path.join(home, 'history'))).toBe(false);
  });
});
