import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from '../../workloads/echo-server';
import { fileIo, fileIoContents } from '../../workloads/kernels/file-io';
import { calibrateItersPerMs, mixed, mixedParamsForRatio } from '../../workloads/kernels/mixed';
import { SHA256_FILL_SEED, sha256 } from '../../workloads/kernels/sha256';
import { sleep } from '../../workloads/kernels/sleep';
import { echoPayload, tcpEcho } from '../../workloads/kernels/tcp-echo';
import { fnv1a32, seed32, xorshift32 } from '../../workloads/kernels/util';
import { plainContext } from '../../workloads/local-context';
import type { UnitContext } from '../../workloads/types';

describe('sha256', () => {
  it('equals chained node:crypto digests over the documented buffer', () => {
    // The buffer rebuilt word by word: the xorshift32 stream, low byte first.
    const data = Buffer.alloc(1 << 20);
    let x = seed32(SHA256_FILL_SEED);
    for (let i = 0; i < data.length; i += 4) {
      x = xorshift32(x);
      data.writeUInt32LE(x, i);
    }
    for (const index of [0, 5]) {
      let digest = Buffer.alloc(4);
      digest.writeUInt32BE(index);
      for (let r = 0; r < 3; r++)
        digest = createHash('sha256')
          .update(Buffer.concat([digest, data]))
          .digest();
      expect(sha256.runUnit({ units: 6, mib: 1, rounds: 3 }, index, plainContext())).toBe(
        digest.readUInt32BE(0),
      );
    }
  });

  it('does its hashing inside native()', () => {
    let natives = 0;
    const ctx: UnitContext = { ...plainContext(), native: (fn) => (natives++, fn()) };
    sha256.runUnit({ units: 1, mib: 1, rounds: 3 }, 0, ctx);
    expect(natives).toBe(3);
  });
});

describe('sleep and mixed', () => {
  it('sleep waits inside io()', async () => {
    let ios = 0;
    const base = plainContext();
    const ctx: UnitContext = { ...base, io: (fn) => (ios++, base.io(fn)) };
    const started = performance.now();
    await sleep.runUnit({ units: 1, ms: 20 }, 0, ctx);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(ios).toBe(1);
  });

  it('mixed reaches checkpoints during its CPU part', async () => {
    let checks = 0;
    const ctx: UnitContext = { ...plainContext(), check: () => void checks++ };
    // 100% CPU for 10 ms at 10,000 iterations per ms: 100,000 iterations, no waiting
    await mixed.runUnit({ units: 1, cpuPct: 100, unitMs: 10, itersPerMs: 10_000 }, 0, ctx);
    expect(checks).toBeGreaterThanOrEqual(100_000 / 4096);
  });

  it('turns a CPU share into parameters', () => {
    expect(mixedParamsForRatio(50, 20, 1_000)).toEqual({ cpuIters: 10_000, ioMs: 10 });
    expect(mixedParamsForRatio(100, 20, 1_000)).toEqual({ cpuIters: 20_000, ioMs: 0 });
    expect(mixedParamsForRatio(0, 20, 1_000)).toEqual({ cpuIters: 0, ioMs: 20 });
    expect(() => mixedParamsForRatio(101, 20, 1_000)).toThrow(/cpuPct/);
    expect(() => mixedParamsForRatio(50, 0, 1_000)).toThrow(/unitMs/);
    expect(() => mixedParamsForRatio(50, 20, Number.NaN)).toThrow(/itersPerMs/);
  });

  it('calibrates a positive loop rate', () => {
    const rate = calibrateItersPerMs();
    expect(rate).toBeGreaterThan(0);
    expect(Number.isFinite(rate)).toBe(true);
  });
});

describe('file-io', () => {
  let tmpDir = '';
  beforeAll(async () => {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-fileio-'));
  });
  afterAll(() => rm(tmpDir, { recursive: true, force: true }));

  it('reads back what it wrote, with or without fsync, and leaves no file behind', async () => {
    const ctx = plainContext({ tmpDir });
    for (const index of [0, 2]) {
      const expected = fnv1a32(fileIoContents(index, 5, ctx));
      expect(await fileIo.runUnit({ units: 3, kib: 5, fsync: 1 }, index, ctx)).toBe(expected);
      expect(await fileIo.runUnit({ units: 3, kib: 5, fsync: 0 }, index, ctx)).toBe(expected);
    }
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('explains a missing temporary folder', async () => {
    await expect(fileIo.runUnit({ units: 1 }, 0, plainContext())).rejects.toThrow(/tmpDir is missing/);
  });
});

describe('tcp-echo', () => {
  let echo: EchoServer;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(() => echo.close());

  it('checksums everything echoed back, even when a message arrives in many chunks', async () => {
    const ctx = plainContext({ echoPort: echo.port });
    const bytes = 300_000; // well beyond one socket read
    for (const index of [0, 1]) {
      let expected = fnv1a32(new Uint8Array(0));
      for (let t = 0; t < 3; t++) expected = fnv1a32(echoPayload(index, t, bytes), expected);
      expect(await tcpEcho.runUnit({ units: 2, roundTrips: 3, bytes }, index, ctx)).toBe(expected);
    }
  });

  it('explains a missing echo server', async () => {
    await expect(tcpEcho.runUnit({ units: 1 }, 0, plainContext())).rejects.toThrow(/echoPort is missing/);
  });

  it('fails clearly when nothing listens on the port', async () => {
    const closed = await startEchoServer();
    await closed.close();
    const ctx = plainContext({ echoPort: closed.port });
    await expect(tcpEcho.runUnit({ units: 1 }, 0, ctx)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('closes while a client is still connected', async () => {
    const server = await startEchoServer();
    const client = net.connect({ host: '127.0.0.1', port: server.port });
    await new Promise((resolve) => client.once('connect', resolve));
    const gone = new Promise((resolve) => client.once('close', resolve));
    client.on('error', () => undefined);
    await server.close();
    await gone;
  });
});
