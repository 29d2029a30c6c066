/** Demos on worker threads and shared memory: races, locks, atomics, deadlock, semaphore, event, queue, barrier. */
import { describe, expect, it } from 'vitest';
import { maxConcurrent, timeIn } from '../../../electron/common/demos';
import { n, run } from '../../support/demos';

describe('race / lock / atomics', () => {
  it('race: unsynchronised increments lose updates, and the sentence says how many', async () => {
    const o = await run('race');
    if (o.details.kind !== 'race') throw new Error('wrong details');
    const { runs } = o.details;
    expect(runs).toHaveLength(4);
    for (const r of runs) {
      expect(r.expected).toBe(4 * 5000);
      expect(r.actual).toBeLessThanOrEqual(r.expected);
      expect(r.lost).toBe(r.expected - r.actual);
    }
    expect(runs.some((r) => r.lost > 0)).toBe(true);
    expect(o.answer.choice).not.toBe('exact');
    for (const r of runs) expect(o.sentence).toContain(n(r.actual));
    expect(o.details.histogram.reduce((s, b) => s + b.runs, 0)).toBe(runs.length);
  });

  it('lock: the same increments are exact in every run, and both timings are reported', async () => {
    const o = await run('lock');
    if (o.details.kind !== 'lock') throw new Error('wrong details');
    for (const r of o.details.runs) expect(r.actual).toBe(r.expected);
    const [locked, unlocked] = o.details.comparisons;
    expect(locked?.exactRuns).toBe(locked?.runs);
    expect(o.sentence).toContain(n(o.details.runs[0]?.expected ?? -1));
    expect(unlocked?.medianMs).toBeGreaterThan(0);
  });

  it('atomics: Atomics.add and the lock are exact; the unsynchronised version is not asserted on', async () => {
    const o = await run('atomics');
    if (o.details.kind !== 'atomics') throw new Error('wrong details');
    for (const r of o.details.runs) expect(r.actual).toBe(r.expected);
    const [atomic, lock] = o.details.comparisons;
    expect(atomic?.exactRuns).toBe(atomic?.runs);
    expect(lock?.exactRuns).toBe(lock?.runs);
  });
});

describe('deadlock', () => {
  it('deadlocks for real, names the cycle, terminates both threads, and both fixes complete', async () => {
    const o = await run('deadlock');
    if (o.details.kind !== 'deadlock') throw new Error('wrong details');
    const d = o.details;
    expect(d.detected).toBe(true);
    expect(d.detectedBy).toBe('wait-for-graph');
    expect(d.cycle).toEqual([
      { thread: 'T1', holds: 'A', wants: 'B' },
      { thread: 'T2', holds: 'B', wants: 'A' },
    ]);
    expect(d.recovery).toMatchObject({ terminated: 2, remaining: 0 });
    expect(d.fixes.map((f) => [f.name, f.completed, f.rounds])).toEqual([
      ['lock-order', true, 5],
      ['timeout-retry', true, 5],
    ]);
    // The rendezvous makes both threads time out on the first try, so the retry fix must retry.
    expect(d.fixes[1]?.retries).toBeGreaterThan(0);
    expect(o.sentence).toContain('T1 holds A, wants B → T2 holds B, wants A');
    expect(o.answer.choice).toBe('deadlock');
    const stuck = o.lanes.filter((l) => l.group === 'deadlock');
    expect(stuck.map((l) => l.spans.at(-1)?.state)).toEqual(['blocked', 'blocked']);
  });
});

describe('semaphore / event / queue / barrier', () => {
  it('semaphore: never more than K inside, and exactly K at the busiest moment', async () => {
    const o = await run('semaphore');
    if (o.details.kind !== 'semaphore') throw new Error('wrong details');
    const d = o.details;
    expect(d.maxInsideCounter).toBe(2);
    expect(d.maxInsideLanes).toBe(2);
    expect(maxConcurrent(o.lanes, 'in-section').max).toBeLessThanOrEqual(2);
    expect(d.entries).toBe(5 * 2);
    expect(o.sentence).toContain(`${d.maxInsideCounter} were inside`);
  });

  it('event: nobody passes the red light; all are released within milliseconds of set()', async () => {
    const o = await run('event');
    if (o.details.kind !== 'event') throw new Error('wrong details');
    const d = o.details;
    expect(d.passedEarly).toBe(0);
    expect(d.released).toBe(4);
    expect(d.latencyUs.every((l) => l >= 0 && l < 200_000)).toBe(true);
    for (const lane of o.lanes.filter((l) => l.kind === 'thread')) {
      const waiting = lane.spans.find((s) => s.state === 'waiting');
      expect(waiting?.endMs).toBeGreaterThanOrEqual(d.setAtMs - 1);
    }
    expect(o.sentence).toContain(n(d.maxLatencyUs));
  });

  it('queue: never over capacity, everything delivered, and both kinds of blocking happen', async () => {
    const o = await run('queue');
    if (o.details.kind !== 'queue') throw new Error('wrong details');
    const d = o.details;
    expect(d.maxOccupancy).toBeLessThanOrEqual(3);
    expect(d.checksumOk).toBe(true);
    expect(d.producers.items).toBe(16);
    expect(d.consumers.items).toBe(16);
    expect(d.producers.blockedCount).toBeGreaterThan(0);
    expect(d.consumers.blockedCount).toBeGreaterThan(0);
    const blocked = o.lanes.reduce((s, l) => s + timeIn(l, 'blocked'), 0);
    expect(blocked).toBeGreaterThan(0);
    expect(o.sentence).toContain(`${d.producers.blockedCount} times`);
  });

  it('barrier: nobody leaves a round before the last arrival', async () => {
    const o = await run('barrier');
    if (o.details.kind !== 'barrier') throw new Error('wrong details');
    expect(o.details.rounds).toHaveLength(2);
    for (const r of o.details.rounds) {
      expect(r.releasedEarly).toBe(0);
      expect(Math.min(...r.releasesMs)).toBeGreaterThanOrEqual(Math.max(...r.arrivalsMs));
    }
    expect(o.answer.choice).toBe('last');
  });
});
