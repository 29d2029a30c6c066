/**
 * The one batcher: the live views use it to re-render once per interval rather than once per engine event,
 * and both transports (WebSocket, Electron IPC) to send a live run's events together.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEventBatcher,
  createLabEventSender,
  labEventsIn,
  LIVE_BATCH_MS,
  type LabEventMessage,
} from '../../electron/common/event-batch';
import { failedEvent, progressEvent, resultEvent, sampleEvent } from '../support/fake-lab';

interface Ev {
  readonly type: 'tick' | 'end';
  readonly n: number;
}
const tick = (n: number): Ev => ({ type: 'tick', n });
const end = (n: number): Ev => ({ type: 'end', n });

function batcher(intervalMs = 1000) {
  const batches: number[][] = [];
  const b = createEventBatcher<Ev>(
    (events) => batches.push(events.map((e) => e.n)),
    intervalMs,
    (e) => e.type === 'tick',
  );
  return { b, batches };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createEventBatcher', () => {
  it('holds events that may wait and delivers them together once the interval has passed', () => {
    const { b, batches } = batcher();
    for (let n = 1; n <= 30; n++) {
      b.push(tick(n));
      vi.advanceTimersByTime(50);
    }
    // 30 events over 1.5 s: one batch at 1 s, the rest waiting for the next
    expect(batches).toEqual([Array.from({ length: 20 }, (_, i) => i + 1)]);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual(Array.from({ length: 10 }, (_, i) => i + 21));
    // nothing held: no timer, no empty batch
    vi.advanceTimersByTime(5000);
    expect(batches).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('delivers an event that may not wait at once, after what was held before it', () => {
    const { b, batches } = batcher();
    b.push(tick(1));
    b.push(tick(2));
    b.push(end(3));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(vi.getTimerCount()).toBe(0);
    b.push(end(4));
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand, and after close delivers nothing more', () => {
    const { b, batches } = batcher();
    b.push(tick(1));
    b.flush();
    expect(batches).toEqual([[1]]);
    b.push(tick(2));
    b.close();
    b.push(tick(3));
    b.push(end(4));
    vi.advanceTimersByTime(5000);
    expect(batches).toEqual([[1]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('names the interval when it is not a usable number of milliseconds', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => batcher(bad)).toThrow(/intervalMs must be .* got /);
  });
});

describe('drop', () => {
  it('drops what is held and stops the timer, and goes on taking events', () => {
    const { b, batches } = batcher();
    b.push(tick(1));
    b.drop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(batches).toEqual([]);
    b.push(tick(2));
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([[2]]);
  });
});

describe('a transport sending lab events', () => {
  it("holds a live run's frequent events for LIVE_BATCH_MS and sends one event alone as {event}", () => {
    const messages: LabEventMessage[] = [];
    const sender = createLabEventSender((m) => messages.push(m));
    sender.push(progressEvent(1));
    sender.push(sampleEvent(1));
    sender.push(resultEvent(1));
    vi.advanceTimersByTime(LIVE_BATCH_MS - 1);
    expect(messages).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(messages).toEqual([{ events: [progressEvent(1), sampleEvent(1), resultEvent(1)] }]);
    sender.push(failedEvent);
    expect(messages[1]).toEqual({ event: failedEvent });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the receiving side reads both shapes in order, skips what is not an event, and ignores replies', () => {
    expect(labEventsIn({ event: failedEvent })).toEqual([failedEvent]);
    expect(labEventsIn({ events: [progressEvent(1), { nope: 1 }, null, failedEvent] })).toEqual([
      progressEvent(1),
      failedEvent,
    ]);
    expect(labEventsIn({ events: 'x' })).toEqual([]);
    expect(labEventsIn({ id: 1, ok: true, value: null })).toBeUndefined();
    expect(labEventsIn(null)).toBeUndefined();
  });
});
