/**
 * Every Python kernel against its TypeScript twin: on small sizes, each unit's checksum from the real
 * interpreter equals the TypeScript kernel's, so a Python cell can be checked against the same answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterpreterProcess } from '../../electron/lab/python/interpreter-process';
import { startEchoServer, type EchoServer } from '../../workloads/echo-server';
import { plainContext } from '../../workloads/local-context';
import { defaultParams, getWorkload, WORKLOADS } from '../../workloads/registry';
import type { Params, UnitEnv } from '../../electron/common/workload';
import { SMALL } from '../lab/helpers';
import { PYTHON } from '../lab/python/python-helpers';

/** SMALL for every workload, plus shapes where units and rows do not divide evenly, odd sizes and caps. */
const CASES: [string, Params][] = [
  ...Object.entries(SMALL).map(([name, p]): [string, Params] => [name, p]),
  ['mixed', { units: 3, cpuPct: 37.5, unitMs: 2.2, itersPerMs: 1_333 }],
  ['mandelbrot', { units: 20, size: 16, maxIter: 200 }],
  ['matmul', { units: 5, n: 23 }],
  ['fnv', { units: 2, kib: 3 }],
  ['sha256', { units: 3, mib: 2, rounds: 3 }],
  ['tcp-echo', { units: 2, roundTrips: 4, bytes: 777 }],
  ['file-io', { units: 2, kib: 5, fsync: 0 }],
  ['fault', { units: 3, at: 9, mode: 0 }],
];

let py: InterpreterProcess;
let echo: EchoServer;
let tmpDir: string;

beforeAll(async () => {
  [py, echo, tmpDir] = await Promise.all([
    InterpreterProcess.start(PYTHON),
    startEchoServer(),
    mkdtemp(path.join(os.tmpdir(), 'threadlab-pyk-')),
  ]);
});

afterAll(async () => {
  await Promise.all([py?.close(), echo?.close()]);
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
});

describe('python kernels give the TypeScript checksums', () => {
  it('has a case for every workload', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(WORKLOADS.map((w) => w.name)));
  });

  it.each(CASES)('%s %o', async (name, overrides) => {
    const def = getWorkload(name);
    // mixed's loop rate is resolved on the host before any model runs; a fixed value keeps the test exact.
    const params = defaultParams(def, { itersPerMs: 500, ...overrides });
    const env: UnitEnv = { echoPort: echo.port, tmpDir };
    const count = def.unitCount(params);
    const ctx = plainContext(env);
    const expected: number[] = [];
    for (let i = 0; i < count; i++) expected.push(await def.runUnit(params, i, ctx));
    const units = Array.from({ length: count }, (_, i) => i);
    const result = await py.run(
      { model: 'sequential', workload: name, params, workers: 1, units, switchIntervalMs: 5, env },
      { timeoutMs: 50_000 },
    );
    expect(result.units.map((u) => u.checksum)).toEqual(expected);
  });
});
