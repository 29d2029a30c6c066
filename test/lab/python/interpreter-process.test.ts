/**
 * The host side of the Python driver on a real interpreter: every model computes the TypeScript checksums
 * and reports what it measured; a kernel exception fails the job and leaves the interpreter usable; a
 * timeout, a cancel and a crash fail the job with their reason and leave no Python process behind, nor
 * any of its multiprocessing children; closing stdin ends the driver, also when its host is SIGKILLed.
 * A slow pool start counts against its own bound, not the run's timeout.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonMemory } from '../../../electron/lab/python/executor';
import { defaultDriverPath, InterpreterProcess } from '../../../electron/lab/python/interpreter-process';
import type { DriverJob, DriverModel } from '../../../electron/lab/python/protocol';
import type { RunFailure } from '../../../electron/lab/runtime/pool';
import { plainContext } from '../../../workloads/local-context';
import { defaultParams, getWorkload } from '../../../workloads/registry';
import { SMALL } from '../../support/lab';
import { childPids, isAlive } from '../../support/processes';
import { eventually, PYTHON } from './python-helpers';

const primes = getWorkload('primes');
const PRIMES = defaultParams(primes, SMALL.primes);
const UNITS = [0, 1, 2, 3, 4, 5];

function job(model: DriverModel, workers: number, overrides: Partial<DriverJob> = {}): DriverJob {
  return {
    model,
    workload: 'primes',
    params: PRIMES,
    workers,
    units: UNITS,
    switchIntervalMs: 5,
    ...overrides,
  };
}

function fault(model: DriverModel, mode: number, workers = 2): DriverJob {
  return job(model, workers, { workload: 'fault', params: { units: 6, at: 2, mode } });
}

function isResourceTracker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('resource_tracker');
  } catch {
    return true; // gone meanwhile
  }
}

/** The interpreter and every descendant of it, as /proc lists them now. */
function processTree(pid: number): number[] {
  return [pid, ...childPids(pid).flatMap(processTree)];
}

async function expectFailure(p: Promise<unknown>, reason: string, message: RegExp): Promise<void> {
  const err = (await p.then(
    () => new Error('the job succeeded'),
    (e: unknown) => e,
  )) as RunFailure;
  expect(err.message).toMatch(message);
  expect(err.reason).toBe(reason);
}

async function expectGone(pids: readonly number[]): Promise<void> {
  expect(await eventually(() => pids.every((p) => !isAlive(p)), 5_000)).toBe(true);
}

describe('InterpreterProcess on a real interpreter', () => {
  let py: InterpreterProcess;
  beforeAll(async () => {
    py = await InterpreterProcess.start(PYTHON);
  });
  afterAll(() => py?.close());

  it('says what it is when ready', () => {
    expect(py.facts.implementation).toBe('CPython');
    expect(py.facts.version).toMatch(/^3\.\d+/);
    expect(py.facts.pid).toBe(py.pid);
    expect(py.facts.switchIntervalMs).toBe(5);
  });

  it.each(['sequential', 'threads', 'processes', 'asyncio'] as const)(
    '%s computes the TypeScript checksums and reports its threads and units',
    async (model) => {
      const ctx = plainContext();
      const expected = UNITS.map((i) => primes.runUnit(PRIMES, i, ctx));
      const r = await py.run(job(model, 3), { timeoutMs: 60_000 });
      expect(r.units.map((u) => u.checksum)).toEqual(expected);
      expect(r.units.map((u) => u.index)).toEqual(UNITS);
      for (const u of r.units) {
        expect(u.startMs).toBeGreaterThanOrEqual(0);
        expect(u.endMs).toBeGreaterThanOrEqual(u.startMs);
        expect(u.endMs).toBeLessThanOrEqual(r.wallMs + 1);
      }
      const lanes = model === 'sequential' ? 1 : 3;
      expect(new Set(r.units.map((u) => u.lane)).size).toBe(lanes);
      // One OS thread per lane, except the event loop, which runs every task on one thread.
      expect(r.threads).toHaveLength(model === 'asyncio' || model === 'sequential' ? 1 : 3);
      for (const t of r.threads) expect(t.cpuMs).toBeGreaterThan(0);
      const pids = new Set(r.threads.map((t) => t.pid));
      expect(pids.size).toBe(model === 'processes' ? 3 : 1);
      if (model === 'processes') expect(pids.has(py.facts.pid)).toBe(false);
      expect(r.hostWallMs).toBeGreaterThanOrEqual(r.wallMs);
      // Resident memory of what ran the units: each worker process, or the one interpreter (Linux: statm).
      const memory = pythonMemory(model, r);
      expect(memory).toHaveLength(model === 'processes' ? 3 : 1);
      for (const bytes of memory) expect(bytes).toBeGreaterThan(1024 * 1024);
    },
  );

  it('a kernel exception fails only that job, with its message; the next job runs', async () => {
    for (const model of ['sequential', 'threads', 'processes', 'asyncio'] as const)
      await expectFailure(
        py.run(fault(model, 1), { timeoutMs: 60_000 }),
        'error',
        /^fault: kernel threw on unit 2$/,
      );
    expect(py.stderr).toMatch(/KernelError: fault: kernel threw on unit 2/);
    // Any other exception is named by its type.
    await expectFailure(
      py.run(fault('threads', 4), { timeoutMs: 60_000 }),
      'error',
      /^MemoryError: fault: unit 2 simulated running out of memory$/,
    );
    const r = await py.run(job('sequential', 1, { units: [0] }), { timeoutMs: 60_000 });
    expect(r.units).toHaveLength(1);
  });

  it('a bad job is refused with the field named', async () => {
    await expectFailure(
      py.run(job('threads', 2, { workers: 0 }), { timeoutMs: 10_000 }),
      'error',
      /^job\.workers: must be a whole number 1\.\.256/,
    );
    await expectFailure(
      py.run(job('threads', 2, { workload: 'nope' }), { timeoutMs: 10_000 }),
      'error',
      /unknown workload 'nope'/,
    );
  });
});

describe('InterpreterProcess faults leave nothing behind', () => {
  it('kill ends a running job and the interpreter with its worker processes', async () => {
    const py = await InterpreterProcess.start(PYTHON, { killGraceMs: 500 });
    const pid = py.facts.pid;
    const run = py.run(fault('processes', 3), { timeoutMs: 60_000 });
    // Once the pool is up (2 workers and multiprocessing's resource tracker), a second job is refused.
    expect(await eventually(() => childPids(pid).length >= 3, 30_000)).toBe(true);
    const tree = processTree(pid);
    void run.catch(() => undefined);
    const timed = py.run(fault('sequential', 3), { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(String(await timed)).toMatch(/already running/);
    await py.kill();
    await expectFailure(run, 'exit', /python interpreter exited \(killed by SIGTERM/);
    await expectGone(tree);
  });

  it('a job past its timeout fails with the timeout and leaves no process', async () => {
    const py = await InterpreterProcess.start(PYTHON, { killGraceMs: 500 });
    const pid = py.facts.pid;
    let tree: number[] = [];
    const watching = eventually(() => {
      tree = processTree(pid);
      return tree.length >= 4; // the driver, its two workers and the resource tracker
    }, 30_000);
    await expectFailure(
      py.run(fault('processes', 3), { timeoutMs: 10_000 }),
      'timeout',
      /did not finish within its 10000 ms timeout/,
    );
    expect(await watching).toBe(true);
    await expectGone(tree);
    expect(py.alive).toBe(false);
  });

  it('cancel ends the job with its reason and the interpreter with it', async () => {
    const py = await InterpreterProcess.start(PYTHON);
    const abort = new AbortController();
    const run = py.run(fault('threads', 3), { timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 200);
    await expectFailure(run, 'cancelled', /cancelled/);
    await expectGone([py.facts.pid]);
  });

  it('a crash of the interpreter (os._exit in a kernel) fails the job with the exit code', async () => {
    const py = await InterpreterProcess.start(PYTHON);
    await expectFailure(
      py.run(fault('threads', 2), { timeoutMs: 60_000 }),
      'exit',
      /python interpreter exited \(exit code 3/,
    );
    expect(py.alive).toBe(false);
    await expectFailure(py.run(job('sequential', 1), { timeoutMs: 1_000 }), 'exit', /exited/);
  });

  it('a crashed worker process fails the job as an exit, as a dead child does in Node, and the others are ended', async () => {
    const py = await InterpreterProcess.start(PYTHON);
    await expectFailure(
      py.run(fault('processes', 2), { timeoutMs: 60_000 }),
      'exit',
      /worker process \d \(pid \d+\) exited with code 3 during the job/,
    );
    expect(py.alive).toBe(true);
    // multiprocessing's resource tracker stays with the driver; the worker processes must be gone.
    expect(await eventually(() => childPids(py.facts.pid).every(isResourceTracker))).toBe(true);
    await py.close();
    await expectGone([py.facts.pid]);
  });

  describe('a slow pool start (a busy machine) is bounded apart from the run', () => {
    const SLOW_POOL_MS = 3_000;
    const slowPool = () =>
      InterpreterProcess.start(PYTHON, {
        driverPath: path.join(import.meta.dirname, '../../fixtures/python/slow-pool-driver.py'),
        env: {
          THREADLAB_DRIVER_DIR: path.dirname(defaultDriverPath()),
          SLOW_POOL_S: String(SLOW_POOL_MS / 1000),
        },
        killGraceMs: 500,
      });

    it('the run timeout starts once the pool is up, so a pool start longer than it does not fail the job', async () => {
      const py = await slowPool();
      // Before the driver said `started`, this 1.5 s timeout would have fired during the 3 s pool start.
      const r = await py.run(job('processes', 2), { timeoutMs: 1_500 });
      expect(r.spawnMs).toBeGreaterThanOrEqual(SLOW_POOL_MS);
      expect(r.hostWallMs).toBeGreaterThanOrEqual(SLOW_POOL_MS + r.wallMs);
      await py.close();
    });

    it('a pool start past its own bound fails as a timeout that says so, and leaves no process', async () => {
      const py = await slowPool();
      const pid = py.facts.pid;
      await expectFailure(
        py.run(job('processes', 2), { timeoutMs: 60_000, poolStartTimeoutMs: 500 }),
        'timeout',
        /threads or worker processes did not start within 500 ms/,
      );
      await expectGone([pid]);
    });
  });

  it('a missing program is a start failure with the reason', async () => {
    await expect(InterpreterProcess.start({ executable: '/nonexistent/python3' })).rejects.toThrow(
      /python did not start: .*ENOENT/,
    );
  });

  it('the driver leaves when its host is SIGKILLed (stdin closes)', async () => {
    // A plain Node host that starts the driver and then hangs: killing it must take the driver along.
    const host = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.argv[1], ['-B', process.argv[2]], { stdio: ['pipe', 'pipe', 'inherit'] });
         c.stdout.once('data', () => console.log(c.pid)); setInterval(() => {}, 1000);`,
        PYTHON.executable,
        defaultDriverPath(),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (
      await new Promise<string>((resolve) => host.stdout.once('data', (d) => resolve(String(d))))
    ).split('\n');
    const driverPid = Number(line);
    expect(isAlive(driverPid)).toBe(true);
    host.kill('SIGKILL');
    await expectGone([driverPid]);
  });
});
