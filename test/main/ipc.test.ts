/**
 * The shell's IPC, short of Electron itself: ipc.ts runs against a stand-in for ipcMain, with the real
 * engine behind it, so the sender checks and the argument checks of every lab:* channel are exercised in
 * Node. (The real IPC path is covered by test/e2e/electron.test.ts where the binary exists.)
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_CHANNELS, LAB_EVENT_CHANNEL, type LabEvent, type LabReply } from '../../electron/common/api';
import { labEventsIn } from '../../electron/common/event-batch';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { APP_PAGE as page } from '../../electron/main/guards';
import { SAMPLE_FILE } from '../fixtures/reports/fixtures';
import { canListChildren, descendants } from '../support/processes';

type Handler = (event: unknown, ...args: unknown[]) => Promise<LabReply>;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerLabIpc } = await import('../../electron/main/ipc');

const ownUrl = `${APP_INDEX_URL}#/lab`;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
const sent: { channel: string; payload: unknown }[] = [];
// An emitter, as Electron's webContents is: a reload is its 'did-start-loading'.
const webContents = Object.assign(new EventEmitter(), {
  getURL: () => ownUrl,
  send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
});
const win = { isDestroyed: () => false, webContents };
const top: FakeFrame = { url: ownUrl, parent: null };

const fromUs = { sender: webContents, senderFrame: top };
const invoke = (channel: string, event: unknown, ...args: unknown[]): Promise<LabReply> => {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
};
const errorOf = (reply: LabReply) => {
  if (reply.ok) throw new Error(`expected an error, got ${JSON.stringify(reply.value).slice(0, 200)}`);
  return reply.error;
};

describe('lab:* IPC channels', () => {
  let service: LabService;
  let historyDir: string;
  let unregister: () => void;
  beforeAll(() => {
    historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-ipc-'));
    service = createLabService({ historyDir, sampleCpu: false, transport: 'electron' });
    unregister = registerLabIpc(service, () => win as never, page);
  });
  afterAll(async () => {
    unregister();
    await service.close();
    rmSync(historyDir, { recursive: true, force: true });
  });

  it('has one handler per LabApi method, on its lab: channel', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(LAB_CHANNELS).sort());
    for (const [method, channel] of Object.entries(LAB_CHANNELS)) expect(channel).toBe(`lab:${method}`);
  });

  it('refuses every channel to another window, a subframe, or a page that is not ours', async () => {
    const strangers = [
      { sender: { other: true }, senderFrame: top },
      { sender: webContents, senderFrame: { url: ownUrl, parent: top } },
      { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      // The UI's old file:// home and look-alike app:// hosts are not our origin.
      {
        sender: webContents,
        senderFrame: {
          url: 'file:///opt/threadlab/resources/app.asar/out/renderer/index.html',
          parent: null,
        },
      },
      { sender: webContents, senderFrame: { url: 'app://threadlab.evil/index.html', parent: null } },
      { sender: webContents, senderFrame: { url: 'app://export/x.html', parent: null } },
      { sender: webContents, senderFrame: null },
    ];
    for (const channel of Object.values(LAB_CHANNELS)) {
      for (const event of strangers) {
        const error = errorOf(await invoke(channel, event, 'race'));
        expect(error.message).toMatch(/did not come from the ThreadLab window/);
      }
    }
    expect(service.busy).toBe(false);
    expect(await service.listHistory()).toEqual([]);
  });

  it('checks the arguments of the new channels and names the bad one', async () => {
    const cases: [string, unknown[], string, string][] = [
      [LAB_CHANNELS.listDemos, [1], 'invalid-config', 'listDemos(args)'],
      [LAB_CHANNELS.startDemo, [42], 'invalid-config', 'startDemo(args[0])'],
      [LAB_CHANNELS.startDemo, ['race', { speed: 'warp' }], 'invalid-config', 'startDemo(args[1][speed])'],
      [LAB_CHANNELS.startDemo, ['race', { params: { threads: 99 } }], 'invalid-config', 'params.threads'],
      [LAB_CHANNELS.startDemo, ['nope'], 'invalid-config', 'id'],
      [LAB_CHANNELS.cancelDemo, [{}], 'invalid-config', 'cancelDemo(args[0])'],
      [LAB_CHANNELS.getReport, [7], 'invalid-config', 'getReport(args[0])'],
      [LAB_CHANNELS.deleteReport, ['a', 'b'], 'invalid-config', 'deleteReport(args)'],
      [LAB_CHANNELS.importReport, [{ text: 1 }, 'a.json'], 'invalid-report', 'importReport(args[0])'],
      [LAB_CHANNELS.importReport, ['{', 'broken.json'], 'invalid-report', 'broken.json'],
      [LAB_CHANNELS.exportReport, ['x', 'exe'], 'invalid-config', 'exportReport(args[1])'],
    ];
    for (const [channel, args, code, field] of cases) {
      const error = errorOf(await invoke(channel, fromUs, ...args));
      expect({ channel, code: error.code }).toEqual({ channel, code });
      expect(error.issues.map((i) => i.field)).toContain(field);
    }
    expect(service.busy).toBe(false);
  });

  it('serves well-formed calls from our window, and sends events only to it', async () => {
    const listed = await invoke(LAB_CHANNELS.listDemos, fromUs);
    expect(listed.ok && Array.isArray(listed.value) && listed.value.length).toBeGreaterThan(5);

    const imported = await invoke(
      LAB_CHANNELS.importReport,
      fromUs,
      readFileSync(SAMPLE_FILE, 'utf8'),
      'a.json',
    );
    if (!imported.ok) throw new Error(imported.error.message);
    const id = (imported.value as { id: string }).id;
    const exported = await invoke(LAB_CHANNELS.exportReport, fromUs, id, 'md');
    expect(exported.ok && (exported.value as { mime: string }).mime).toBe('text/markdown');
    expect(await invoke(LAB_CHANNELS.deleteReport, fromUs, id)).toEqual({ ok: true, value: null });

    sent.length = 0;
    const started = await invoke(LAB_CHANNELS.startDemo, fromUs, 'race', {
      params: { threads: 2, iterations: 100, runs: 1 },
    });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value as { runId: string };
    // each message carries one event or several (electron/common/event-batch.ts)
    const events = (): LabEvent[] => sent.flatMap((s) => labEventsIn(s.payload) ?? []);
    await expect.poll(() => events().some((e) => e.type === 'demo-finished'), { timeout: 20_000 }).toBe(true);
    expect(sent.every((s) => s.channel === LAB_EVENT_CHANNEL)).toBe(true);
    expect(events().every((e) => e.runId === runId)).toBe(true);
  });

  it('a reload ends what the page started: its demo Python is killed, not left to its time limit', async () => {
    if (!canListChildren) {
      console.warn('test/main/ipc: reload check skipped, no process table to read here');
      return;
    }
    const before = new Set(descendants(process.pid));
    const t0 = performance.now();
    // The deadlock snippet never ends by itself: only its 6 s limit, or the page's end, stops it.
    const asked = invoke(LAB_CHANNELS.runDemoPython, fromUs, 'deadlock');
    for (const t = performance.now(); !descendants(process.pid).some((p) => !before.has(p));) {
      if (performance.now() - t > 20_000) throw new Error('no Python process started');
      await new Promise((r) => setTimeout(r, 20));
    }
    webContents.emit('did-start-loading');
    const reply = await asked;
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const run = reply.value as { ran: boolean; reason?: string; result?: { timedOut: boolean } };
    if (!run.ran) {
      console.warn(`test/main/ipc: reload check without a snippet: ${run.reason ?? 'no Python'}`);
    } else {
      expect(run.result?.timedOut).toBe(false);
      expect(performance.now() - t0).toBeLessThan(20_000);
    }
    // nothing the page started is left
    for (const t = performance.now(); descendants(process.pid).some((p) => !before.has(p));) {
      if (performance.now() - t > 10_000) throw new Error('a process the page started outlived it');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);
});
