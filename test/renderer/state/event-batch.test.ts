/** The batcher the live views use to re-render once per interval rather than once per engine event. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from '../../../renderer/state/event-batch';

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
