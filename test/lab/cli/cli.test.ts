/** The CLI end to end, as a user runs it: the bundled out/lab/cli.js in a real child process. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../electron/common/report-parse';
import { childPids, isAlive } from '../../support/processes';

const cli = path.resolve('out/lab/cli.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function lab(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, THREADLAB_HOME: tmp },
  });
}

describe('npm run lab', () => {
  it('list shows workloads with their parameters, and the models', () => {
    const r = lab('list');
    expect(r.status).toBe(0);
    for (const w of [
      'primes',
      'mandelbrot',
      'matmul',
      'fnv',
      'sha256',
      'sleep',
      'file-io',
      'tcp-echo',
      'mixed',
    ])
      expect(r.stdout).toContain(`  ${w}  [`);
    expect(r.stdout).toContain('--param span=');
    for (const m of ['sequential', 'threads', 'processes', 'async', 'gil'])
      expect(r.stdout).toMatch(new RegExp(`^  ${m} `, 'm'));
    expect(r.stdout).not.toContain('fault');
  });

  it('run prints a table and writes a JSON report that validates against the schema', () => {
    const out = path.join(tmp, 'report.json');
    const r = lab(
      'run',
      '-w',
      'primes',
      '-m',
      'threads,gil',
      '-n',
      '1,2',
      '-r',
      '3',
      '--warmup',
      '0',
      '-p',
      'units=4',
      '-p',
      'span=2000',
      '--json',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/workload\s+model\s+workers\s+median ms/);
    expect(r.stdout).toMatch(/^primes\s+gil\s+2\s/m);
    // the machine's conditions under its description, each a value or "unknown"
    expect(r.stdout).toMatch(
      /^CPU clock: .*; Load average at start: .*; Virtual machine: (yes|no|unknown)$/m,
    );
    const report = parseReport(readFileSync(out, 'utf8'));
    expect(report.results).toHaveLength(5);
    expect(report.config.workloads[0]?.params.span).toBe(2000);
    expect(report.results.every((x) => x.wallMs?.raw.length === 3)).toBe(true);
    // progress goes to stderr, never into the table
    expect(r.stdout).not.toMatch(/ETA/);
  });

  it('run --target-ci runs each cell until its median is tight and shows the runs it took', () => {
    const out = path.join(tmp, 'adaptive.json');
    const r = lab(
      'run',
      ...['-w', 'primes', '-m', 'threads', '-n', '2', '--warmup', '0', '-p', 'units=2', '-p', 'span=2000'],
      ...['--target-ci', '50', '--min-runs', '3', '--max-runs', '7', '--json', out],
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /3 to 7 measured runs \(until the median.s 95% interval is within ±50%\) per cell/,
    );
    expect(r.stdout).toMatch(/effic\.\s+runs\s+cpu ms/);
    const report = parseReport(readFileSync(out, 'utf8'));
    expect(report.config).toMatchObject({ minRuns: 3, maxRuns: 7, targetCiPct: 50 });
    for (const x of report.results) {
      // No 95% interval of a median exists below 6 runs, so the first verdict comes at the sixth; ±50% is
      // loose, but a busy machine may still need the seventh: assert the bounds, not the count.
      expect(x.adaptive?.runs).toBeGreaterThanOrEqual(6);
      expect(x.adaptive?.runs).toBeLessThanOrEqual(7);
      expect(x.wallMs?.raw).toHaveLength(x.adaptive?.runs ?? -1);
      expect(r.stdout).toMatch(new RegExp(`^primes\\s+${x.model}\\s.*\\s${x.adaptive?.runs} ±`, 'm'));
    }
  });

  it('run --min-time repeats a short job in every run and says so', () => {
    const out = path.join(tmp, 'calibrated.json');
    const r = lab(
      'run',
      ...['-w', 'primes', '-m', 'threads', '-n', '2', '-p', 'units=2', '-p', 'span=2000', '-r', '3'],
      ...['--min-time', '100', '--json', out],
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      '3 measured runs, each repeating a shorter job until it lasts at least 100 ms (calibrated as pyperf does; times are per job) per cell',
    );
    const report = parseReport(readFileSync(out, 'utf8'));
    expect(report.config.minTimeMs).toBe(100);
    // a job of two small units lasts a few ms, far under 100 (its warm-up run would have to take 100 ms)
    for (const x of report.results) {
      expect(x.loops).toBeGreaterThanOrEqual(2);
      expect(x.wallMs?.raw).toHaveLength(3);
    }
  });

  it.each([
    [['run', '-w', 'primes', '--min-time', '0'], /minTimeMs: must be at least 1/],
    [
      ['run', '-w', 'primes', '--min-time', '50', '--warmup', '0'],
      /warmup: must be at least 1 with minTimeMs/,
    ],
    [['run', '-w', 'primes', '-n', '0'], /workers\[0\]: must be at least 1/],
    [['run', '-w', 'primes', '-n', '10000'], /workers\[0\]: must be at most 256/],
    [['run', '-w', 'primes', '-n', 'two'], /--workers: 'two' is not a whole number/],
    [['run', '-w', 'primes', '-p', 'span=-1'], /workloads\[0\]\.params\.span: must be at least/],
    [['run', '-w', 'nope'], /workloads\[0\]\.name: unknown workload 'nope'/],
    [
      ['run', '-w', 'primes', '-m', 'threads,py-threads', '--py-param', 'span=10'],
      /workloads\[0\]\.pythonParams\.span: must be at least 1000/,
    ],
    [
      ['run', '-w', 'primes', '--py-param', 'span=2000'],
      /workloads\[0\]\.pythonParams: is only used with a py-\* model/,
    ],
    [['run', '-w', 'primes', '--py-param', 'span'], /--py-param: 'span' must look like name=value/],
    [['run', '-w', 'primes', '-m', 'fibers'], /models\[0\]: must be one of/],
    [['run', '-w', 'primes', '--repeat', '0'], /repeat: must be at least 1/],
    [
      ['run', '-w', 'primes', '--target-ci', '5', '--min-runs', '6', '--max-runs', '4'],
      /maxRuns: must be at least minRuns \(6\)/,
    ],
    [['run', '-w', 'primes', '--min-runs', '6'], /minRuns: is only used with targetCiPct/],
    [['run', '-w', 'primes', '--target-ci', 'tight'], /--target-ci: 'tight' is not a number/],
    [['run', '-w', 'primes', '--switch-interval', '0.01'], /switchIntervalMs: must be at least 0.1/],
    // 256 heaps of 4 GiB are more memory than any machine this runs on: refused before a worker starts.
    [
      ['run', '-w', 'primes', '-m', 'threads', '-n', '256', '--memory-limit', '4096'],
      /workers: 256 workers x 4096 MiB heap each/,
    ],
    [['run'], /required option '-w, --workload <names>'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j is refused with exit code 2 and names the field', (args, message) => {
    const r = lab(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('Ctrl-C stops the run cleanly, exits 130 and leaves no worker process behind', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'run', '-w', 'sleep', '-m', 'processes', '-n', '3', '-r', '50', '-p', 'units=30', '-p', 'ms=50'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, THREADLAB_HOME: tmp },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // wait until the worker processes exist, then interrupt
    let workers: number[] = [];
    for (let i = 0; i < 100 && workers.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      workers = childPids(child.pid ?? 0);
    }
    expect(workers.length).toBeGreaterThanOrEqual(3);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/Interrupted/);
    await new Promise((r) => setTimeout(r, 200));
    expect(workers.filter(isAlive)).toEqual([]);
  });

  it('a killed CLI (SIGKILL, no chance to clean up) still leaves no orphan: children leave when the IPC channel closes', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'run', '-w', 'primes', '-m', 'processes', '-n', '2', '-r', '50', '-q'],
      {
        stdio: 'ignore',
        env: { ...process.env, THREADLAB_HOME: tmp },
      },
    );
    let workers: number[] = [];
    for (let i = 0; i < 100 && workers.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      workers = childPids(child.pid ?? 0);
    }
    expect(workers.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    for (let i = 0; i < 50 && workers.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(workers.filter(isAlive)).toEqual([]);
  });
});
