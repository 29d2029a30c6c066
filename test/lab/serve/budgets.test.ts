/**
 * Browser mode's door and budgets (issue 9, items 1-3): a socket needs the key; a watcher only watches;
 * whatever the client, one run at a time, no more heap than the machine has, a bounded number of
 * connections, requests in flight and unread bytes, and a bounded PDF/PNG queue that forgets a client who
 * left.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { validateExperiment } from '../../../electron/common/config';
import type { LabError } from '../../../electron/common/errors';
import {
  checkMemoryBudget,
  MAX_IN_FLIGHT_PER_CLIENT,
  MAX_RENDER_QUEUE,
} from '../../../electron/lab/api/budgets';
import { createLabService, type LabService } from '../../../electron/lab/api/lab-service';
import { startLabServer, type LabServer } from '../../../electron/lab/serve/server';
import { connectLab } from '../../../renderer/transport/ws-client';
import { SAMPLE_FILE } from '../../fixtures/reports/fixtures';
import { bridgeServer, exchange, NodeSocket, rawSocket } from '../../support/lab-socket';
import { workloadCatalog } from '../../../workloads/registry';
import { LONG } from '../api-contract-helpers';

let dir: string;
let rendererDir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-budgets-'));
  rendererDir = dir;
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorOf = (p: Promise<unknown>): Promise<LabError> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as LabError,
  );

describe('the key', () => {
  let server: LabServer;
  let subscriptions = 0;
  const service = createLabService({ sampleCpu: false });
  beforeAll(async () => {
    // Every accepted connection subscribes to the engine's events first: the count says who got in.
    const counting: LabService = Object.assign(Object.create(service) as LabService, {
      onEvent: (listener: (event: LabEvent) => void) => {
        subscriptions++;
        return service.onEvent(listener);
      },
    });
    server = await startLabServer({ rendererDir, port: 0, service: counting });
  });
  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('is fresh, random and in the printed URL, and only the control key opens the socket', async () => {
    const url = `ws://127.0.0.1:${server.port}/lab`;
    expect(server.keys.control).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.keys.control}`);
    expect(server.keys.watch).toBeNull();
    const other = await startLabServer({ rendererDir, port: 0 });
    expect(other.keys.control).not.toBe(server.keys.control);
    await other.close();

    await expect(rawSocket(url, null)).rejects.toThrow('HTTP 401');
    await expect(rawSocket(url, 'A'.repeat(43))).rejects.toThrow('HTTP 401');
    await expect(rawSocket(url, `${server.keys.control}x`)).rejects.toThrow('HTTP 401');
    await expect(rawSocket(url, server.keys.control.slice(1))).rejects.toThrow('HTTP 401');
    // Only the subprotocol counts: a key in the socket's URL is not looked at.
    await expect(rawSocket(`${url}?token=${server.keys.control}`, null)).rejects.toThrow('HTTP 401');
    expect(subscriptions).toBe(0);

    const ws = await rawSocket(url, server.keys.control);
    // The server answers with the lab's subprotocol, never echoing the key.
    expect(ws.protocol).toBe('threadlab');
    expect(await exchange(ws, JSON.stringify({ id: 1, method: 'listDemos', args: [] }))).toMatchObject({
      ok: true,
    });
    expect(subscriptions).toBe(1);
    ws.close();
  });

  it('may be chosen for scripts, and a network host needs --public', async () => {
    await expect(startLabServer({ rendererDir, port: 0, host: '0.0.0.0' })).rejects.toThrow(
      '--host 0.0.0.0 would listen on the network without --public',
    );
    const chosen = await startLabServer({ rendererDir, port: 0, key: 'a-script-chose-this-key' });
    const api = await connectLab(`ws://127.0.0.1:${chosen.port}/lab`, {
      key: 'a-script-chose-this-key',
      WebSocketImpl: NodeSocket,
    });
    expect((await api.getInfo()).readOnly).toBe(false);
    api.close();
    await chosen.close();
  });
});

describe('a watcher (the watch key of --public)', () => {
  let server: LabServer;
  let historyDir: string;
  beforeAll(async () => {
    historyDir = path.join(dir, 'watch-history');
    server = await startLabServer({
      rendererDir,
      port: 0,
      public: true,
      historyDir,
      renderDocument: () => Promise.resolve(new Uint8Array([37, 80, 68, 70])),
    });
  });
  afterAll(() => server.close());

  it('watches, but cannot start a run or a demo, nor export PDF or PNG', async () => {
    const own = await server.service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
    const watch = await connectLab(`ws://127.0.0.1:${server.port}/lab`, {
      key: server.keys.watch ?? '',
      WebSocketImpl: NodeSocket,
    });
    try {
      expect((await watch.getInfo()).readOnly).toBe(true);
      for (const refused of [
        watch.startExperiment(LONG),
        watch.startDemo('race'),
        watch.exportReport(own.id, 'pdf'),
        watch.exportReport(own.id, 'png'),
      ])
        expect((await errorOf(refused)).code).toBe('read-only');
      expect(server.service.busy).toBe(false);
      // Text exports cost no browser engine and stay open to watchers.
      expect((await watch.exportReport(own.id, 'md')).mime).toContain('markdown');
      // The machine's own user gets the PDF.
      expect((await server.service.exportReport(own.id, 'pdf')).mime).toBe('application/pdf');
    } finally {
      watch.close();
    }
  });
});

describe('one run at a time, whatever the client', () => {
  let server: LabServer;
  beforeAll(async () => {
    server = await startLabServer({ rendererDir, port: 0 });
  });
  afterAll(() => server.close());

  it('answers a second experiment or a demo with busy, naming what runs', async () => {
    const connect = () =>
      connectLab(`ws://127.0.0.1:${server.port}/lab`, {
        key: server.keys.control,
        WebSocketImpl: NodeSocket,
      });
    const [first, second] = await Promise.all([connect(), connect()]);
    try {
      const { runId } = await first.startExperiment(LONG);
      const busy = await errorOf(second.startExperiment(LONG));
      expect(busy.code).toBe('busy');
      expect(busy.message).toContain(runId);
      const demo = await errorOf(second.startDemo('race'));
      expect(demo.code).toBe('busy');
      expect(demo.message).toContain(runId);
      await first.cancelExperiment(runId);
      expect(server.service.busy).toBe(false);
    } finally {
      first.close();
      second.close();
    }
  }, 60_000);
});

describe('workers x heap limit against the machine', () => {
  const config = (input: Record<string, unknown>) =>
    validateExperiment({ workloads: [{ name: 'primes', params: {} }], ...input }, workloadCatalog());

  it('is refused when the largest pool could claim more than the machine has, naming both fields', async () => {
    const service = createLabService({ sampleCpu: false });
    try {
      const err = await errorOf(
        service.startExperiment({
          workloads: [{ name: 'primes', params: {} }],
          models: ['threads'],
          workers: [1, 256],
          memoryLimitMb: 16_384,
        }),
      );
      expect(err.code).toBe('invalid-config');
      expect(err.issues.map((i) => i.field)).toEqual(['workers', 'memoryLimitMb']);
      expect(err.message).toContain('256 workers x 16384 MiB');
      expect(service.busy).toBe(false);
    } finally {
      await service.close();
    }
  });

  it('counts one worker for sequential and async, the largest count for pools', () => {
    const gib = 2 ** 30;
    expect(() =>
      checkMemoryBudget(config({ models: ['threads'], workers: [4], memoryLimitMb: 512 }), gib),
    ).toThrow('memoryLimitMb: must be at most 256 for 4 workers');
    checkMemoryBudget(config({ models: ['threads'], workers: [2], memoryLimitMb: 512 }), gib);
    checkMemoryBudget(config({ models: ['sequential', 'async'], workers: [64], memoryLimitMb: 1024 }), gib);
  });
});

describe('per-client budgets of the bridge', () => {
  const service = createLabService({ sampleCpu: false });
  afterAll(() => service.close());

  it('caps connections, control and watch apart, and frees a place when one leaves', async () => {
    const served = await bridgeServer(service, {
      admit: (req) => ({ readOnly: req.headers['x-watch'] === '1' }),
      maxControlConnections: 2,
      maxWatchConnections: 3,
    });
    const url = served.url;
    try {
      const controls = [await rawSocket(url, null), await rawSocket(url, null)];
      await expect(rawSocket(url, null)).rejects.toThrow('HTTP 503');
      const watchers = [];
      for (let i = 0; i < 3; i++) watchers.push(await rawSocket(url, null, { 'X-Watch': '1' }));
      await expect(rawSocket(url, null, { 'X-Watch': '1' })).rejects.toThrow('HTTP 503');
      expect(served.bridge.clientCount).toBe(5);
      controls[0]?.close();
      await expect.poll(() => served.bridge.clientCount).toBe(4);
      (await rawSocket(url, null)).close();
      for (const ws of [...controls, ...watchers]) ws.close();
    } finally {
      await served.close();
    }
  });

  it(`answers a client's request past ${MAX_IN_FLIGHT_PER_CLIENT} in flight with busy, and no other client's`, async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.assign(Object.create(service) as LabService, {
      listHistory: () => gate.then(() => []),
    });
    const served = await bridgeServer(slow, {});
    try {
      const greedy = await rawSocket(served.url, null);
      const replies: Record<string, unknown>[] = [];
      greedy.on('message', (d) => replies.push(JSON.parse(String(d)) as Record<string, unknown>));
      for (let id = 1; id <= MAX_IN_FLIGHT_PER_CLIENT; id++)
        greedy.send(JSON.stringify({ id, method: 'listHistory', args: [] }));
      const over = await exchange(greedy, JSON.stringify({ id: 99, method: 'listDemos', args: [] }));
      expect(over).toMatchObject({ id: 99, ok: false, error: { code: 'busy' } });
      expect(JSON.stringify(over)).toContain(`at most ${MAX_IN_FLIGHT_PER_CLIENT}`);
      const polite = await rawSocket(served.url, null);
      expect(await exchange(polite, JSON.stringify({ id: 1, method: 'listDemos', args: [] }))).toMatchObject({
        ok: true,
      });
      release();
      await expect.poll(() => replies.filter((r) => r.ok === true).length).toBe(MAX_IN_FLIGHT_PER_CLIENT);
      // Answered, the budget is back.
      expect(
        await exchange(greedy, JSON.stringify({ id: 100, method: 'listDemos', args: [] })),
      ).toMatchObject({
        ok: true,
      });
      greedy.close();
      polite.close();
    } finally {
      await served.close();
    }
  });

  it('cuts off a client that never reads, holding no more than its budget plus one reply for it', async () => {
    const replyBytes = 256 * 1024;
    const capBytes = 2 ** 20;
    const requests = 200; // 50 MiB of replies: far more than the loopback socket buffers take
    const big = ['x'.repeat(replyBytes)];
    let maxBuffered = 0;
    let served: Awaited<ReturnType<typeof bridgeServer>> | null = null;
    const bloated = Object.assign(Object.create(service) as LabService, {
      listHistory: () => {
        maxBuffered = Math.max(maxBuffered, served?.bridge.bufferedBytes ?? 0);
        return Promise.resolve(big);
      },
    });
    served = await bridgeServer(bloated, {
      maxBufferedBytesPerClient: capBytes,
      maxInFlightPerClient: requests,
    });
    try {
      const reader = await rawSocket(served.url, null);
      const sleeper = await rawSocket(served.url, null);
      const closed = new Promise<number>((resolve) => sleeper.once('close', (code: number) => resolve(code)));
      sleeper.pause();
      for (let id = 1; id <= requests; id++)
        sleeper.send(JSON.stringify({ id, method: 'listHistory', args: [] }));
      await expect.poll(() => served?.bridge.clientCount, { timeout: 20_000 }).toBe(1);
      maxBuffered = Math.max(maxBuffered, served.bridge.bufferedBytes);
      expect(maxBuffered).toBeLessThanOrEqual(capBytes + 2 * replyBytes);
      sleeper.resume();
      // 1008 if the close frame got through before the socket was destroyed, else 1006.
      expect([1006, 1008]).toContain(await closed);
      // The client that reads was never in the way.
      expect(await exchange(reader, JSON.stringify({ id: 1, method: 'listDemos', args: [] }))).toMatchObject({
        ok: true,
      });
      reader.close();
    } finally {
      await served.close();
    }
  }, 30_000);
});

describe('PDF/PNG exports', () => {
  let service: LabService;
  let rendered = 0;
  let release = (): void => undefined;
  let reportId = '';
  beforeAll(async () => {
    service = createLabService({
      sampleCpu: false,
      historyDir: path.join(dir, 'export-history'),
      renderDocument: async () => {
        rendered++;
        await new Promise<void>((resolve) => (release = resolve));
        return new Uint8Array([1]);
      },
    });
    reportId = (await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json')).id;
  });
  afterAll(() => service.close());

  it(`queue at most ${MAX_RENDER_QUEUE}, and a full queue is a clear busy error`, async () => {
    rendered = 0;
    const queued = Array.from({ length: MAX_RENDER_QUEUE }, () => service.exportReport(reportId, 'png'));
    await expect.poll(() => rendered).toBe(1);
    const full = await errorOf(service.exportReport(reportId, 'pdf'));
    expect(full.code).toBe('busy');
    expect(full.message).toContain(`at most ${MAX_RENDER_QUEUE}`);
    for (let i = 1; i <= MAX_RENDER_QUEUE; i++) {
      await expect.poll(() => rendered).toBe(i);
      release();
    }
    expect((await Promise.all(queued)).map((f) => f.mime)).toEqual(Array(MAX_RENDER_QUEUE).fill('image/png'));
  });

  it('are dropped when the client that asked leaves before its turn', async () => {
    rendered = 0;
    const served = await bridgeServer(service, {});
    try {
      const ws = await rawSocket(served.url, null);
      for (let id = 1; id <= 3; id++)
        ws.send(JSON.stringify({ id, method: 'exportReport', args: [reportId, 'pdf'] }));
      await expect.poll(() => rendered).toBe(1);
      ws.close();
      await expect.poll(() => served.bridge.clientCount).toBe(0);
      release();
      // The two waiting ones never render: the next export is the second render, and it starts at once.
      const next = service.exportReport(reportId, 'pdf');
      await expect.poll(() => rendered).toBe(2);
      release();
      expect((await next).mime).toBe('application/pdf');
      expect(rendered).toBe(2);
    } finally {
      await served.close();
    }
  });
});
