import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../electron/common/errors';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { startLabServer, type LabServer } from '../../electron/lab/serve/server';
import { MAX_WATCH_MESSAGE_BYTES } from '../../electron/lab/api/budgets';
import { createLabBridge } from '../../electron/lab/serve/ws-bridge';
import { connectLab } from '../../renderer/transport/ws-client';
import { labApiContract } from './api-contract';
import { bridgeServer, exchange, NodeSocket, rawSocket } from '../support/lab-socket';
import { SAMPLE_FILE } from '../fixtures/reports/fixtures';
import { runsHere } from '../support/skip';

let rendererDir: string;
beforeAll(() => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-renderer-'));
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>placeholder</title><div id="root"></div>',
  );
});
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

labApiContract('websocket', async () => {
  const historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
  const server = await startLabServer({ rendererDir, port: 0, historyDir });
  const api = await connectLab(`ws://127.0.0.1:${server.port}/lab`, {
    key: server.keys.control,
    WebSocketImpl: NodeSocket,
  });
  return {
    api,
    transport: 'websocket',
    historyDir,
    close: async () => {
      api.close();
      await server.close();
      rmSync(historyDir, { recursive: true, force: true });
    },
  };
});

describe('WebSocket bridge', () => {
  let server: LabServer;
  let url: string;
  let key: string;
  beforeAll(async () => {
    server = await startLabServer({ rendererDir, port: 0, historyDir: path.join(rendererDir, 'history') });
    url = `ws://127.0.0.1:${server.port}/lab`;
    key = server.keys.control;
  });
  afterAll(() => server.close());

  it('answers malformed messages with an error and keeps serving', async () => {
    const ws = await rawSocket(url, key);
    const notJson = await exchange(ws, '{nope');
    expect(notJson).toMatchObject({ id: null, ok: false, error: { code: 'invalid-config' } });
    const unknown = await exchange(ws, JSON.stringify({ id: 1, method: 'shutdown', args: [] }));
    expect(unknown).toMatchObject({ id: 1, ok: false, error: { code: 'invalid-config' } });
    expect(JSON.stringify(unknown)).toContain('method');
    const extra = await exchange(ws, JSON.stringify({ id: 2, method: 'getInfo', args: [], admin: true }));
    expect(extra).toMatchObject({ id: 2, ok: false });
    const badArgs = await exchange(ws, JSON.stringify({ id: 3, method: 'cancelExperiment', args: [42] }));
    expect(badArgs).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-config' } });
    expect(JSON.stringify(badArgs)).toContain('args[0]');
    const proto = await exchange(ws, JSON.stringify({ id: 4, method: '__proto__', args: [] }));
    expect(proto).toMatchObject({ id: 4, ok: false });
    const ok = await exchange(ws, JSON.stringify({ id: 5, method: 'getInfo', args: [] }));
    expect(ok).toMatchObject({ id: 5, ok: true, value: { transport: 'websocket', readOnly: false } });
    ws.close();
  });

  it('lets a writer send a report of several MiB, which a watcher may not', async () => {
    // A valid report padded past the watchers' 1 MiB frame limit (whitespace is valid JSON).
    const big = readFileSync(SAMPLE_FILE, 'utf8') + ' '.repeat(MAX_WATCH_MESSAGE_BYTES + 1024);
    const api = await connectLab(url, { key, WebSocketImpl: NodeSocket });
    const imported = await api.importReport(big, 'big.json');
    expect(imported.id).toMatch(/^imported-/);
    await api.deleteReport(imported.id);
    api.close();
  });

  it('refuses a page from another origin and a rebound Host name', async () => {
    // Even with the key: a page of another site must not get to use a key it has seen.
    await expect(rawSocket(url, key, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(rawSocket(url, key, { Origin: 'http://localhost:1' })).rejects.toThrow('HTTP 403');
    await expect(rawSocket(url, key, { Host: `evil.example:${server.port}` })).rejects.toThrow('HTTP 403');
    const own = await rawSocket(url, key, { Origin: `http://127.0.0.1:${server.port}` });
    own.close();
  });

  it('refuses other paths', async () => {
    await expect(rawSocket(`ws://127.0.0.1:${server.port}/other`, key)).rejects.toThrow('HTTP 404');
  });
});

describe('WebSocket client', () => {
  it('reconnects after the server restarts, keeping its event listeners', async () => {
    const first = await startLabServer({ rendererDir, port: 0 });
    const states: string[] = [];
    const api = await connectLab(`ws://127.0.0.1:${first.port}/lab`, {
      key: first.keys.control,
      WebSocketImpl: NodeSocket,
      reconnect: true,
      onStateChange: (s) => states.push(s),
    });
    const seen: string[] = [];
    api.onEvent((e) => seen.push(e.type));
    await first.close();
    await expect.poll(() => states, { timeout: 10_000 }).toContain('reconnecting');
    const offline = await api.getInfo().catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(LabError);

    // The same key, as a script's --token would keep it (a fresh start would have made a new one).
    const second = await startLabServer({ rendererDir, port: first.port, key: first.keys.control });
    try {
      await expect.poll(() => states.at(-1), { timeout: 10_000 }).toBe('open');
      expect((await api.getInfo()).transport).toBe('websocket');
      const { runId } = await api.startExperiment({
        workloads: [{ name: 'primes', params: { units: 2, span: 1000 } }],
        models: ['threads'],
        workers: [1],
        repeat: 1,
        warmup: 0,
      });
      expect(runId).toBeTruthy();
      await expect.poll(() => seen, { timeout: 30_000 }).toContain('experiment-finished');
    } finally {
      api.close();
      await second.close();
    }
    // The socket reports its close asynchronously; on a loaded machine that can take a moment.
    await expect.poll(() => states.at(-1), { timeout: 10_000 }).toBe('closed');
  });

  it('rejects when nothing listens, instead of hanging', async () => {
    const err = await connectLab('ws://127.0.0.1:9/lab', {
      WebSocketImpl: NodeSocket,
      connectTimeoutMs: 5000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
  });
});

describe('frame limits', () => {
  const service = createLabService({ sampleCpu: false });
  afterAll(() => service.close());

  it('drops a connection that sends more than its cap, watcher or writer, and the server lives on', async () => {
    for (const readOnly of [true, false]) {
      const small = await bridgeServer(service, {
        admit: () => ({ readOnly }),
        maxPayloadBytes: 64 * 1024,
        maxReadOnlyPayloadBytes: 16 * 1024,
      });
      try {
        const ws = await rawSocket(small.url, null);
        const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
        ws.send('x'.repeat((readOnly ? 16 : 64) * 1024 + 1));
        expect(await closed).toBe(1009);
        const again = await rawSocket(small.url, null);
        // Just under the cap is answered (with an error: it is not JSON).
        const reply = await exchange(again, 'x'.repeat((readOnly ? 16 : 64) * 1024 - 1));
        expect(reply).toMatchObject({ id: null, ok: false });
        again.close();
      } finally {
        await small.close();
      }
    }
  });

  it('has a watcher cap of 1 MiB by default', async () => {
    const watch = await bridgeServer(service, { admit: () => ({ readOnly: true }) });
    try {
      const ws = await rawSocket(watch.url, null);
      const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
      ws.send('x'.repeat(MAX_WATCH_MESSAGE_BYTES + 1));
      expect(await closed).toBe(1009);
    } finally {
      await watch.close();
    }
  });
});

describe('read-only clients', () => {
  let service: LabService;
  let http: Server;
  let historyDir: string;
  beforeAll(async () => {
    historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
    service = createLabService({ sampleCpu: false, historyDir });
    const bridge = createLabBridge({ service, admit: () => ({ readOnly: true }) });
    http = createServer((_req, res) => res.end());
    http.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await service.close();
    rmSync(historyDir, { recursive: true, force: true });
  });

  it('may read and watch, but starting or cancelling rejects with read-only', async () => {
    const { port } = http.address() as AddressInfo;
    const api = await connectLab(`ws://127.0.0.1:${port}/lab`, { WebSocketImpl: NodeSocket });
    const info = await api.getInfo();
    expect(info.readOnly).toBe(true);
    const err = await api
      .startExperiment({ workloads: [{ name: 'primes', params: {} }], models: ['threads'], workers: [1] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('read-only');
    const cancel = await api.cancelExperiment('x').catch((e: unknown) => e);
    expect((cancel as LabError).code).toBe('read-only');
    expect(service.busy).toBe(false);
    api.close();
  });

  it('may list demos, the history and export, but not run demos, import or delete', async () => {
    const { port } = http.address() as AddressInfo;
    const text = readFileSync(SAMPLE_FILE, 'utf8');
    const own = await service.importReport(text, 'sample.json');
    const api = await connectLab(`ws://127.0.0.1:${port}/lab`, { WebSocketImpl: NodeSocket });
    try {
      expect((await api.listDemos()).length).toBeGreaterThan(5);
      expect((await api.listHistory()).map((s) => s.id)).toEqual([own.id]);
      expect((await api.getReport(own.id)).id).toBe(own.id);
      expect((await api.exportReport(own.id, 'csv')).mime).toBe('text/csv');
      const refused = [
        api.startDemo('race'),
        api.cancelDemo('x'),
        api.stopDemoPython('race'),
        api.importReport(text, 'sample.json'),
        api.deleteReport(own.id),
        // Opening a workload file makes the engine run code: never for a watcher.
        api.openWorkloadFile('k.mjs', 'export const meta = {}; export function unit() { return 0; }'),
        // Nor may a watcher see what the person at the machine opened.
        api.listWorkloadFiles(),
      ];
      for (const p of refused)
        expect(((await p.catch((e: unknown) => e)) as LabError).code).toBe('read-only');
      expect(service.busy).toBe(false);
      expect((await service.listHistory()).map((s) => s.id)).toEqual([own.id]);
    } finally {
      api.close();
    }
  });

  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  it.runIf(
    runsHere(
      lan !== undefined,
      'test/lab/api-ws (--public)',
      'this machine has no network address to connect from',
    ),
  )('with --public, a client from a network address is read-only and a loopback one is not', async () => {
    const server = await startLabServer({ rendererDir, port: 0, public: true });
    try {
      const open = async (host: string, key: string | null) => {
        const api = await connectLab(`ws://${host}:${server.port}/lab`, {
          ...(key === null ? {} : { key }),
          WebSocketImpl: NodeSocket,
        });
        const { readOnly } = await api.getInfo();
        api.close();
        return readOnly;
      };
      // A network client never gets control, even with the control key.
      expect(await open(lan ?? '', server.keys.control)).toBe(true);
      expect(await open(lan ?? '', server.keys.watch)).toBe(true);
      expect(await open('127.0.0.1', server.keys.watch)).toBe(true);
      expect(await open('127.0.0.1', server.keys.control)).toBe(false);
      await expect(open(lan ?? '', null)).rejects.toThrow();
      expect(server.networkUrls.every((u) => u.endsWith(`?token=${server.keys.watch}`))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
