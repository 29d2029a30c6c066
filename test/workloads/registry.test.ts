import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkParam } from '../../electron/common/params';
import { startEchoServer, type EchoServer } from '../../workloads/echo-server';
import { plainContext, runSequentially } from '../../workloads/local-context';
import { defaultParams, getWorkload, WORKLOADS, workloadCatalog } from '../../workloads/registry';
import type { Params, UnitEnv } from '../../electron/common/workload';

/** Parameters small enough that every unit of every workload runs in milliseconds. */
const SMALL: Readonly<Record<string, Params>> = {
  primes: { units: 6, span: 1_000 },
  mandelbrot: { units: 5, size: 40, maxIter: 64 },
  matmul: { units: 4, n: 16 },
  fnv: { units: 6, kib: 2 },
  sha256: { units: 4, mib: 1, rounds: 2 },
  sleep: { units: 4, ms: 1 },
  'file-io': { units: 4, kib: 4, fsync: 0 },
  'tcp-echo': { units: 3, roundTrips: 3, bytes: 64 },
  mixed: { units: 4, cpuPct: 50, unitMs: 2, itersPerMs: 5_000 },
  fault: { units: 5, mode: 0 },
};

describe('registry', () => {
  it('has a small test configuration for every workload', () => {
    expect(Object.keys(SMALL).sort()).toEqual(WORKLOADS.map((w) => w.name).sort());
  });

  it('finds workloads by name and names the known ones when it cannot', () => {
    expect(getWorkload('primes').name).toBe('primes');
    expect(() => getWorkload('nope')).toThrow(/unknown workload 'nope'.*primes.*tcp-echo/);
  });

  it('has unique names and only fault hidden', () => {
    expect(new Set(WORKLOADS.map((w) => w.name)).size).toBe(WORKLOADS.length);
    expect(WORKLOADS.filter((w) => w.hidden).map((w) => w.name)).toEqual(['fault']);
  });

  it('lists metadata without kernels', () => {
    const catalog = workloadCatalog();
    expect(catalog.map((m) => m.name)).toEqual(WORKLOADS.map((w) => w.name));
    for (const meta of catalog) {
      expect(Object.keys(meta).sort()).toEqual(
        [
          'description',
          'kind',
          'name',
          'params',
          'title',
          ...(meta.hidden ? ['hidden'] : []),
          ...(meta.size ? ['size'] : []),
        ].sort(),
      );
      // What sets a unit's work must be one of its own parameters, for the estimate and Python's size.
      if (meta.size) expect(meta.params.map((p) => p.name)).toContain(meta.size.param);
      // Must survive the trip to the renderer unchanged.
      expect(JSON.parse(JSON.stringify(meta))).toEqual(meta);
    }
  });
});

describe.each(WORKLOADS.map((w) => [w.name, w] as const))('%s parameter specs', (_name, def) => {
  it('have sane bounds, defaults inside them, and whole numbers where required', () => {
    expect(new Set(def.params.map((p) => p.name)).size).toBe(def.params.length);
    expect(def.params.some((p) => p.name === 'units')).toBe(true);
    for (const spec of def.params) {
      expect(spec.min, spec.name).toBeLessThanOrEqual(spec.max);
      expect(spec.default, spec.name).toBeGreaterThanOrEqual(spec.min);
      expect(spec.default, spec.name).toBeLessThanOrEqual(spec.max);
      if (spec.integer) {
        for (const v of [spec.min, spec.max, spec.default]) expect(Number.isInteger(v), spec.name).toBe(true);
      }
      expect(spec.description.length, spec.name).toBeGreaterThan(0);
    }
  });

  it('accepts its defaults and the small test parameters', () => {
    const small = defaultParams(def, SMALL[def.name]);
    for (const spec of def.params) {
      expect(checkParam(spec, spec.default), spec.name).toBeNull();
      expect(checkParam(spec, small[spec.name]), spec.name).toBeNull();
    }
    for (const key of Object.keys(SMALL[def.name] ?? {}))
      expect(def.params.map((p) => p.name)).toContain(key);
  });
});

describe('every workload', () => {
  let tmpDir = '';
  let echo: EchoServer | undefined;
  let env: UnitEnv = {};

  beforeAll(async () => {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-reg-'));
    echo = await startEchoServer();
    env = { tmpDir, echoPort: echo.port };
  });
  afterAll(async () => {
    await echo?.close();
    await rm(tmpDir, { recursive: true, force: true });
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))(
    '%s: is deterministic, and distinct units give distinct 32-bit checksums',
    async (_name, def) => {
      const params = defaultParams(def, SMALL[def.name]);
      const ctx = plainContext(env);
      const count = def.unitCount(params);
      const first: number[] = [];
      const second: number[] = [];
      for (let i = 0; i < count; i++) first.push(await def.runUnit(params, i, ctx));
      for (let i = 0; i < count; i++) second.push(await def.runUnit(params, i, ctx));
      expect(second).toEqual(first);
      for (const c of first) expect(c >>> 0).toBe(c);
      expect(new Set(first).size).toBe(count);
      expect(await runSequentially(def, params, env)).toBe(await runSequentially(def, params, env));
    },
  );

  it.each(WORKLOADS.map((w) => [w.name, w] as const))(
    '%s: rejects unit indices outside the job',
    async (_name, def) => {
      const params = defaultParams(def, SMALL[def.name]);
      const ctx = plainContext(env);
      for (const bad of [-1, def.unitCount(params), 0.5]) {
        // Synchronous and async kernels fail differently; a promise chain catches both.
        await expect(Promise.resolve().then(() => def.runUnit(params, bad, ctx))).rejects.toThrow(
          /unit index/,
        );
      }
    },
  );
});
