/**
 * Engine events over the desktop IPC, short of Electron itself: ipc.ts and the preload run against
 * stand-ins for the electron module, with a fake webContents (an EventEmitter, as Electron's is) whose
 * `send` hands the message to the preload's listener. The batching is the WebSocket bridge's (one
 * implementation, electron/common/event-batch.ts), so the page sees the same events in the same order in
 * both modes; the last test holds the two side by side. Timers are fake where the batch window matters, so
 * the checks do not depend on how busy the machine is, and a timer left running fails them.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_EVENT_CHANNEL, type LabApi, type LabEvent } from '../../electron/common/api';
import { LIVE_BATCH_MS } from '../../electron/common/event-batch';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { APP_PAGE } from '../../electron/main/guards';
import { connectLab } from '../../renderer/transport/ws-client';
import { emittingLabApi, failedEvent, progressEvent, resultEvent, sampleEvent } from '../support/fake-lab';
import { exposed, invokeFrom, rendererListeners } from '../support/fake-electron';
import { bridgeServer, NodeSocket } from '../support/lab-socket';

const ownUrl = `${APP_INDEX_URL}#/lab`;
/** Every message sent to the page, as sent. */
const sent: unknown[] = [];
const webContents = Object.assign(new EventEmitter(), {
  getURL: () => ownUrl,
  send: (channel: string, payload: unknown) => {
    expect(channel).toBe(LAB_EVENT_CHANNEL);
    sent.push(payload);
    rendererListeners.get(channel)?.({}, payload);
  },
});
let windowOpen = true;
const win = { isDestroyed: () => !windowOpen, webContents };
const fromUs = { sender: webContents, senderFrame: { url: ownUrl, parent: null } };

vi.mock('electron', () => import('../support/fake-electron'));
invokeFrom.event = fromUs;

const { lab: engine, emit } = emittingLabApi({ listDemos: () => Promise.resolve([]) });
let page: LabApi;
/** What the page's listener saw, in order. */
const seen: string[] = [];
const label = (e: LabEvent): string =>
  e.type === 'progress' ? `progress ${e.progress.done}` : e.type === 'result' ? 'result' : e.type;

beforeAll(async () => {
  const { registerLabIpc } = await import('../../electron/main/ipc');
  const unregister = registerLabIpc(engine, () => (windowOpen ? win : null) as never, APP_PAGE);
  await import('../../electron/preload/index');
  if (!exposed.api) throw new Error('the preload exposed nothing');
  page = exposed.api as LabApi;
  page.onEvent((e) => seen.push(label(e)));
  return unregister;
});

afterEach(() => {
  vi.useRealTimers();
  sent.length = 0;
  seen.length = 0;
  windowOpen = true;
});

describe('events over Electron IPC', () => {
  it('sends a burst of frequent events as one message once the batch window ends, in order', () => {
    vi.useFakeTimers();
    for (let i = 1; i <= 6; i++) emit(i % 2 ? progressEvent(i) : sampleEvent(i));
    emit(resultEvent(1));
    vi.advanceTimersByTime(LIVE_BATCH_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);
    expect(seen).toEqual([
      'progress 1',
      'cpu-sample',
      'progress 3',
      'cpu-sample',
      'progress 5',
      'cpu-sample',
      'result',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends an event that may not wait at once, after what was held before it, in one message', () => {
    vi.useFakeTimers();
    emit(progressEvent(1));
    emit(resultEvent(1));
    emit(failedEvent);
    expect(sent).toEqual([{ events: [progressEvent(1), resultEvent(1), failedEvent] }]);
    expect(vi.getTimerCount()).toBe(0);
    emit(failedEvent);
    expect(sent[1]).toEqual({ event: failedEvent });
  });

  it('sends what is held before a reply, so the reply never overtakes the events before it', async () => {
    vi.useFakeTimers();
    emit(progressEvent(1));
    const order: string[] = [];
    const off = page.onEvent((e) => order.push(label(e)));
    await page.listDemos().then(() => order.push('reply'));
    off();
    expect(order).toEqual(['progress 1', 'reply']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops what is held when the page reloads or its renderer dies, and stops the timer', () => {
    vi.useFakeTimers();
    for (const gone of ['did-start-loading', 'render-process-gone']) {
      emit(progressEvent(1));
      expect(vi.getTimerCount()).toBe(1);
      webContents.emit(gone);
      expect({ gone, timers: vi.getTimerCount() }).toEqual({ gone, timers: 0 });
      vi.advanceTimersByTime(5 * LIVE_BATCH_MS);
      expect({ gone, sent }).toEqual({ gone, sent: [] });
    }
    // the next page gets the next events
    emit(progressEvent(2));
    vi.advanceTimersByTime(LIVE_BATCH_MS);
    expect(seen).toEqual(['progress 2']);
  });

  it('leaves no timer running and sends nothing once the window has closed', () => {
    vi.useFakeTimers();
    emit(sampleEvent(1));
    emit(progressEvent(1));
    windowOpen = false;
    webContents.emit('destroyed');
    expect(vi.getTimerCount()).toBe(0);
    emit(progressEvent(2)); // the engine may go on after the window is gone
    expect(vi.getTimerCount()).toBe(0);
    emit(failedEvent);
    vi.advanceTimersByTime(5 * LIVE_BATCH_MS);
    expect(sent).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands the page the same events in the same order as browser mode does', async () => {
    const served = await bridgeServer(engine, {});
    const browser = await connectLab(served.url, { WebSocketImpl: NodeSocket });
    try {
      const overWs: string[] = [];
      browser.onEvent((e) => overWs.push(label(e)));
      await browser.listDemos(); // subscribed
      const run: LabEvent[] = [
        progressEvent(1),
        sampleEvent(1),
        resultEvent(1),
        progressEvent(2),
        resultEvent(2),
        failedEvent,
        progressEvent(3),
      ];
      for (const e of run) emit(e);
      // the last progress is held: a reply on each transport brings it
      await page.listDemos();
      await browser.listDemos();
      const expected = run.map(label);
      expect(seen).toEqual(expected);
      expect(overWs).toEqual(expected);
    } finally {
      browser.close();
      await served.close();
    }
  });
});
