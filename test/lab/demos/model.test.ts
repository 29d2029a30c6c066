import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DEMO_CATALOG, type DemoDetails, type DemoId } from '../../../electron/common/demos';
import {
  DEMO_IDS,
  LANE_LIMITS,
  LaneBoard,
  maxConcurrent,
  timeIn,
  type DemoEvent,
} from '../../../electron/common/demos';
import { LabError } from '../../../electron/common/errors';
import { listDemos, runDemo } from '../../../electron/lab/demos';
import { demoParams } from '../../../electron/common/params';
import { DEMO_MODULES } from '../../../electron/lab/demos/registry';
import { findCycle } from '../../../electron/lab/demos/wait-for-graph';
import { frame, FrameReader } from '../../../workloads/demos/frames';
import { sha256Hex } from '../../../workloads/demos/sha256-js';
import { DEMO_SOURCES } from '../../../workloads/demos/sources.generated';
import { SMALL } from '../../support/demos';

describe('catalog', () => {
  it('has one entry, one module and small test params per demo, in DEMO_IDS order', () => {
    expect(listDemos().map((d) => d.id)).toEqual([...DEMO_IDS]);
    for (const d of DEMO_CATALOG) {
      expect(DEMO_MODULES[d.id].id).toBe(d.id);
      expect(d.python.trim().length).toBeGreaterThan(50);
      expect(d.question.choices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(d.question.choices.map((c) => c.id)).size).toBe(d.question.choices.length);
      for (const p of d.params) expect(p.default).toBeGreaterThanOrEqual(p.min);
      for (const p of d.params) expect(p.default).toBeLessThanOrEqual(p.max);
      expect(() => demoParams(d, SMALL[d.id])).not.toThrow();
    }
  });

  it('derives one details type per demo from the definitions: every kind is a demo id, every demo has a kind', () => {
    // Checked by the type checker (npm test's typecheck step): a definition whose Details lost its `kind`, or
    // a demo without details, changes one side of this equality.
    expectTypeOf<DemoDetails['kind']>().toEqualTypeOf<DemoId>();
  });

  it('keeps the shown TypeScript identical to the files that ran (run gen-sources.mjs if this fails)', () => {
    for (const [file, text] of Object.entries(DEMO_SOURCES))
      expect(text, file).toBe(readFileSync(file, 'utf8'));
    for (const m of Object.values(DEMO_MODULES))
      for (const f of m.sources) expect(DEMO_SOURCES[f], f).toBeDefined();
  });
});

describe('input errors name the field', () => {
  const fields = async (id: string, params?: unknown, speed?: string) => {
    const err = await runDemo(id, { params: params as Record<string, number>, speed: speed as 'slow' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LabError);
    return (err as LabError).issues.map((i) => i.field);
  };
  it('refuses an unknown demo, parameter, value or speed', async () => {
    expect(await fields('no-such-demo')).toEqual(['id']);
    expect(await fields('race', { nope: 1 })).toEqual(['params.nope']);
    expect(await fields('race', { threads: 1000, runs: 1.5 })).toEqual(['params.threads', 'params.runs']);
    expect(await fields('race', { threads: 'four' })).toEqual(['params.threads']);
    expect(await fields('race', [1])).toEqual(['params']);
    expect(await fields('race', undefined, 'fast')).toEqual(['speed']);
  });
});

describe('LaneBoard', () => {
  it('turns state changes into spans, closes them on end, and stays bounded', () => {
    const b = new LaneBoard();
    const ev = (e: DemoEvent) => b.apply(e);
    ev({ type: 'lane', lane: { id: 'a', label: 'A', kind: 'thread' } });
    ev({ type: 'state', laneId: 'a', state: 'running', atMs: 0 });
    ev({ type: 'state', laneId: 'a', state: 'running', atMs: 1 }); // same state: no new span
    ev({ type: 'state', laneId: 'a', state: 'blocked', atMs: 2, label: 'wants B' });
    expect(b.snapshot(5)[0]?.spans).toEqual([
      { state: 'running', startMs: 0, endMs: 2 },
      { state: 'blocked', startMs: 2, endMs: 5, label: 'wants B' },
    ]);
    ev({ type: 'state', laneId: 'a', state: null, atMs: 6 });
    ev({ type: 'pid', laneId: 'a', pid: 7, threadId: 3 });
    const lane = b.snapshot(100)[0];
    expect(lane?.spans.at(-1)).toEqual({ state: 'blocked', startMs: 2, endMs: 6, label: 'wants B' });
    expect([lane?.pid, lane?.threadId]).toEqual([7, 3]);
    if (!lane) throw new Error('no lane');
    expect(timeIn(lane, 'blocked')).toBe(4);
    for (let i = 0; i < LANE_LIMITS.spansPerLane + 10; i++)
      ev({ type: 'state', laneId: 'a', state: i % 2 ? 'io' : 'running', atMs: 10 + i });
    ev({ type: 'truncated', laneId: 'a', atMs: 1000 });
    expect(b.snapshot(2000)[0]?.spans.length).toBe(LANE_LIMITS.spansPerLane);
    expect(b.snapshot()[0]?.truncated).toBe(true);
    for (let i = 0; i < LANE_LIMITS.lanes + 3; i++)
      ev({ type: 'lane', lane: { id: `x${i}`, label: 'x', kind: 'thread' } });
    expect(b.snapshot().length).toBe(LANE_LIMITS.lanes);
    expect(b.lanesDropped).toBe(4);
  });

  it('counts the most lanes in one state at once; touching spans do not overlap', () => {
    const lane = (id: string, spans: [number, number][]) => ({
      id,
      label: id,
      kind: 'thread' as const,
      truncated: false,
      spans: spans.map(([startMs, endMs]) => ({ state: 'in-section' as const, startMs, endMs })),
    });
    expect(
      maxConcurrent([lane('a', [[0, 10]]), lane('b', [[10, 20]]), lane('c', [[5, 12]])], 'in-section').max,
    ).toBe(2);
    expect(
      maxConcurrent([lane('a', [[0, 10]]), lane('b', [[1, 2]]), lane('c', [[1, 3]])], 'in-section').max,
    ).toBe(3);
    expect(maxConcurrent([], 'in-section').max).toBe(0);
  });
});

describe('wait-for graph', () => {
  it('finds the two-thread cycle and names who holds and wants what', () => {
    expect(findCycle({ holder: [1, 2], wants: [2, 1] })).toEqual([
      { thread: 0, holds: 0, wants: 1 },
      { thread: 1, holds: 1, wants: 0 },
    ]);
  });
  it('sees no cycle in plain waiting, or when a lock is free', () => {
    expect(findCycle({ holder: [1, 0], wants: [0, 1] })).toBeNull();
    expect(findCycle({ holder: [1, 0], wants: [2, 1] })).toBeNull();
    expect(findCycle({ holder: [0, 0], wants: [0, 0] })).toBeNull();
  });
  it('finds a three-thread cycle', () => {
    expect(findCycle({ holder: [1, 2, 3], wants: [2, 3, 1] })?.map((e) => e.thread)).toEqual([0, 1, 2]);
  });
});

describe('worker-side helpers', () => {
  it('hashes like node:crypto in JavaScript, around every padding edge', () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 4096, 10_000]) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 7 + len) & 0xff);
      expect(sha256Hex(data), `length ${len}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
  it('reassembles frames split anywhere in the byte stream', () => {
    const bytes = Buffer.concat([frame(1, 2, 3), frame(4, 5, 6)]);
    const r = new FrameReader();
    expect(r.push(bytes.subarray(0, 5))).toEqual([]);
    expect(r.push(bytes.subarray(5, 20))).toEqual([[1, 2, 3]]);
    expect(r.push(bytes.subarray(20))).toEqual([[4, 5, 6]]);
  });
});
