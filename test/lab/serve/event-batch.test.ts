/**
 * A live run's frequent events (progress, CPU samples, results) go to a browser together, at most once a
 * second, and in the order they happened: any other event goes at once with what is held before it, and
 * any reply first sends what is held.
 */
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { LIVE_BATCH_MS } from '../../../electron/common/event-batch';
import { connectLab } from '../../../renderer/transport/ws-client';
import {
  emittingLabApi,
  failedEvent as failed,
  progressEvent as progress,
  sampleEvent as sample,
} from '../../support/fake-lab';
import { bridgeServer, NodeSocket, rawSocket } from '../../support/lab-socket';

/** Runs `body` against a bridge over a service whose events the test emits, and closes the bridge after. */
async function withBridge(body: (url: string, emit: (event: LabEvent) => void) => Promise<void>) {
  const { lab, emit } = emittingLabApi({ listDemos: () => Promise.resolve([]) });
  const served = await bridgeServer(lab, {});
  try {
    await body(served.url, emit);
  } finally {
    await served.close();
  }
}

describe('events over the WebSocket', () => {
  it('sends a burst of frequent events as one message, after the batch interval, in order', async () => {
    await withBridge(async (url, emit) => {
      const ws = await rawSocket(url, null);
      const frames: { at: number; msg: Record<string, unknown> }[] = [];
      ws.on('message', (d) => frames.push({ at: performance.now(), msg: JSON.parse(String(d)) }));
      await new Promise((r) => setTimeout(r, 50)); // the bridge has subscribed once the socket is open
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) emit(i % 2 ? sample(i) : progress(i));
      await expect.poll(() => frames.length, { timeout: 10_000 }).toBe(1);
      expect(frames[0]?.at ?? 0).toBeGreaterThanOrEqual(t0 + LIVE_BATCH_MS - 50);
      const events = frames[0]?.msg.events as LabEvent[];
      expect(events.map((e) => e.type)).toEqual([
        'progress',
        'cpu-sample',
        'progress',
        'cpu-sample',
        'progress',
      ]);
      ws.close();
    });
  });

  it('sends what is held before any other event and before a reply, so nothing arrives out of order', async () => {
    await withBridge(async (url, emit) => {
      const ws = await rawSocket(url, null);
      const frames: Record<string, unknown>[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
      await new Promise((r) => setTimeout(r, 50));
      emit(progress(1));
      emit(progress(2));
      emit(failed);
      // one message, the held events first (that it goes at once is test/common/event-batch.test.ts's)
      await expect.poll(() => frames.length, { timeout: 5_000 }).toBe(1);
      expect((frames[0]?.events as LabEvent[]).map((e) => e.type)).toEqual([
        'progress',
        'progress',
        'experiment-failed',
      ]);
      emit(progress(3));
      ws.send(JSON.stringify({ id: 7, method: 'listDemos', args: [] }));
      await expect.poll(() => frames.length, { timeout: 5_000 }).toBe(3);
      expect((frames[1]?.event as LabEvent).type).toBe('progress');
      expect(frames[2]).toMatchObject({ id: 7, ok: true });
      ws.close();
    });
  });

  it("the page's client hands every event of a batch to its listeners, one by one", async () => {
    await withBridge(async (url, emit) => {
      const client = await connectLab(url, { WebSocketImpl: NodeSocket });
      const seen: string[] = [];
      client.onEvent((e) => seen.push(`${e.type}`));
      await client.listDemos(); // connected
      emit(progress(1));
      emit(sample(2));
      emit(failed);
      await expect
        .poll(() => seen, { timeout: 5_000 })
        .toEqual(['progress', 'cpu-sample', 'experiment-failed']);
      client.close();
    });
  });
});
