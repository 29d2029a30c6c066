/**
 * Interpreter discovery on this machine: python3 is found and probed for real; a THREADLAB_PYTHON that
 * points at a missing file is named with its reason; no Python at all is one reason, never a throw. The
 * free-threaded test needs a real free-threaded build (a fake one would prove nothing) and says why it is
 * skipped where none is installed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidates, discoverPythons } from '../../../electron/lab/python/discover';
import { InterpreterProcess } from '../../../electron/lab/python/interpreter-process';
import { plainContext } from '../../../workloads/local-context';
import { defaultParams, getWorkload } from '../../../workloads/registry';
import { SMALL } from '../../support/lab';
import { runsHere } from '../../support/skip';

const MISSING = '/nonexistent/threadlab/python3';
const here = await discoverPythons();
const freeThreaded = here.found.find((p) => p.facts.freeThreadedBuild);
if (!freeThreaded)
  console.log(
    `SKIP free-threaded Python test: no free-threaded build (python3.13t, python3.14t, ...) on this machine (found: ${
      here.found.map((p) => `${p.foundBy} ${p.facts.version}`).join(', ') || 'none'
    })`,
  );

describe('discoverPythons', () => {
  it('finds python3 here, with the facts from the interpreter itself', () => {
    const py3 = here.found.find((p) => p.foundBy === 'python3');
    expect(py3, here.reason).toBeDefined();
    expect(py3?.facts.implementation).toBe('CPython');
    expect(py3?.facts.version).toMatch(/^3\.\d+\.\d+/);
    expect(path.isAbsolute(py3?.facts.executable ?? '')).toBe(true);
    // Every interpreter before 3.13 has a GIL; a default build of 3.13+ too.
    if (!py3?.facts.freeThreadedBuild) expect(py3?.facts.gilEnabled).toBe(true);
    // Each executable once, however many names lead to it.
    const executables = here.found.map((p) => p.facts.executable);
    expect(new Set(executables).size).toBe(executables.length);
  });

  it('names a THREADLAB_PYTHON that points at a missing file, and still finds the others', async () => {
    const d = await discoverPythons({ env: { ...process.env, THREADLAB_PYTHON: MISSING } });
    expect(d.problems).toContainEqual({
      foundBy: 'THREADLAB_PYTHON',
      reason: `THREADLAB_PYTHON: ${MISSING}: no such file`,
    });
    expect(d.found.length).toBeGreaterThan(0);
  });

  it('with no Python at all gives one reason and never throws', async () => {
    const d = await discoverPythons({ env: { PATH: '', THREADLAB_PYTHON: MISSING } });
    expect(d.found).toEqual([]);
    expect(d.reason).toMatch(/^no Python 3 found: tried THREADLAB_PYTHON, python3, python, python3\.13t/);
    expect(d.reason).toContain(`${MISSING}: no such file`);
  });

  it('an explicit path comes first; Windows adds the py launcher', () => {
    const list = candidates({ explicitPath: '/opt/py/bin/python3', env: {}, platform: 'win32' });
    expect(list[0]).toMatchObject({ executable: '/opt/py/bin/python3', foundBy: '--python', explicit: true });
    expect(list.map((c) => c.foundBy)).toEqual(
      expect.arrayContaining(['python3', 'python', 'py -3', 'python3.13t', 'py -3.14t']),
    );
    expect(candidates({ env: {}, platform: 'linux' }).some((c) => c.executable === 'py')).toBe(false);
  });

  it('a candidate that exits with an error is reported with its reason', async () => {
    // /bin/false exists and runs, but is no Python: a problem worth showing, not a silent absence.
    const d = await discoverPythons({ explicitPath: '/bin/false' });
    expect(d.problems.find((p) => p.foundBy === '--python')?.reason).toMatch(/^--python: the probe failed/);
  });
});

describe('npm run lab -- python', () => {
  const cli = path.resolve('out/lab/cli.js');
  it('lists the interpreters as a table and as JSON', () => {
    const table = spawnSync(process.execPath, [cli, 'python'], { encoding: 'utf8', timeout: 60_000 });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^found by\s+version\s+implementation\s+GIL\s+executable$/m);
    expect(table.stdout).toMatch(/^python3\s+3\.\d+\.\d+\s+CPython\s+enabled\s+\//m);
    const json = spawnSync(process.execPath, [cli, 'python', '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { found: { foundBy: string }[] };
    expect(parsed.found.map((p) => p.foundBy)).toContain('python3');
  });

  it('says plainly when no Python is found', () => {
    const r = spawnSync(process.execPath, [cli, 'python'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: '', THREADLAB_PYTHON: MISSING },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^no Python 3 found: tried THREADLAB_PYTHON, python3/);
    expect(r.stdout).toContain(`THREADLAB_PYTHON: ${MISSING}: no such file`);
  });
});

describe.runIf(
  runsHere(
    freeThreaded !== undefined,
    'test/lab/python/discover (free-threaded)',
    'no free-threaded Python installed',
  ),
)('a free-threaded build (found here)', () => {
  it('runs threads without the GIL (PYTHON_GIL=0) and computes the TypeScript checksums', async () => {
    const py = await InterpreterProcess.start(freeThreaded ?? { executable: 'python3' }, {
      env: { PYTHON_GIL: '0' },
    });
    try {
      expect(py.facts.freeThreadedBuild).toBe(true);
      expect(py.facts.gilEnabled).toBe(false);
      const primes = getWorkload('primes');
      const params = defaultParams(primes, SMALL.primes);
      const units = [0, 1, 2, 3];
      const r = await py.run(
        { model: 'threads', workload: 'primes', params, workers: 2, units, switchIntervalMs: 5 },
        { timeoutMs: 60_000 },
      );
      const ctx = plainContext();
      expect(r.units.map((u) => u.checksum)).toEqual(units.map((i) => primes.runUnit(params, i, ctx)));
    } finally {
      await py.close();
    }
  });
});
