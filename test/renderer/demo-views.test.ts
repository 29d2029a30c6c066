/**
 * The per-demo views' data, shaped from outcomes the engine measured just now (race, deadlock, semaphore,
 * convoy at their smallest settings), plus the lane shaping and the list's chapters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../../electron/common/demo-catalog';
import { maxConcurrent, timeIn, type DemoOutcome } from '../../electron/common/demos';
import { demoChapters, neighbour } from '../../renderer/state/demo-groups';
import { laneGroups, shapeTimeline } from '../../renderer/state/demo-lanes';
import {
  convoyView,
  counterView,
  deadlockView,
  logScale,
  semaphoreView,
} from '../../renderer/state/demo-views';
import { formatMetric } from '../../electron/common/format';
import { must, realDemo, SMALL } from './demo-real';

const outcomes: Partial<Record<keyof typeof SMALL, DemoOutcome>> = {};
beforeAll(async () => {
  for (const id of Object.keys(SMALL) as (keyof typeof SMALL)[])
    outcomes[id] = (await realDemo(id, SMALL[id])).outcome;
}, 60_000);

function details<K extends DemoOutcome['details']['kind']>(o: DemoOutcome | undefined, kind: K) {
  const d = o?.details;
  if (d?.kind !== kind) throw new Error(`expected ${kind} details, got ${d?.kind}`);
  return d as Extract<DemoOutcome['details'], { kind: K }>;
}

describe('per-demo views from real outcomes', () => {
  it('race: each run’s count against the expected one, and the histogram of losses', () => {
    const d = details(outcomes.race, 'race');
    const v = counterView(d);
    expect(v.expected).toBe(SMALL.race.threads * SMALL.race.iterations);
    expect(v.runs).toHaveLength(SMALL.race.runs);
    for (const r of v.runs) {
      expect(r.actual + r.lost).toBe(v.expected);
      expect(r.fraction).toBeCloseTo(r.actual / v.expected, 12);
    }
    // With 200 steps between read and write, two threads on this machine lose updates in every run.
    expect(v.shortRuns).toBeGreaterThan(0);
    expect(v.lost.max).toBeGreaterThan(0);
    expect(v.lost.min).toBeLessThanOrEqual(v.lost.median);
    expect(v.histogram.reduce((n, h) => n + h.runs, 0)).toBe(SMALL.race.runs);
    expect(Math.max(...v.histogram.map((h) => h.fraction))).toBe(1);
    expect(v.comparisons.map((c) => c.name)).toContain('no lock');
  });

  it('deadlock: the cycle as a graph whose every arrow joins two neighbours, recovery and both fixes', () => {
    const d = details(outcomes.deadlock, 'deadlock');
    const v = deadlockView(d);
    expect(v.detected).toBe(true);
    expect(v.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(
      ['lock:A', 'lock:B', 'thread:T1', 'thread:T2'].sort(),
    );
    expect(v.edges).toHaveLength(4);
    expect(v.edges).toContainEqual({ from: 'T1', to: 'A', kind: 'holds' });
    expect(v.edges).toContainEqual({ from: 'T1', to: 'B', kind: 'wants' });
    const side = Math.hypot(must(v.nodes[0]).x - must(v.nodes[1]).x, must(v.nodes[0]).y - must(v.nodes[1]).y);
    for (const e of v.edges) {
      const a = must(v.nodes.find((n) => n.id === e.from));
      const b = must(v.nodes.find((n) => n.id === e.to));
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeCloseTo(side, 9);
    }
    expect(v.cycleText).toBe('T1 holds A, wants B → T2 holds B, wants A → T1');
    expect(outcomes.deadlock?.sentence).toContain('T1 holds A, wants B → T2 holds B, wants A');
    expect(v.recovered).toBe(true);
    expect(v.fixes.map((f) => [f.title, f.completed])).toEqual([
      ['Fix 1: one lock order', true],
      ['Fix 2: timeout and retry', true],
    ]);
  });

  it('semaphore: never more than K inside, and the occupancy steps agree with the lanes', () => {
    const o = must(outcomes.semaphore);
    const d = details(o, 'semaphore');
    const v = semaphoreView(d, o.lanes);
    expect(v.limit).toBe(SMALL.semaphore.limit);
    expect(v.maxInside).toBeLessThanOrEqual(v.limit);
    expect(v.withinLimit).toBe(true);
    const peak = Math.max(...v.occupancy.map((p) => p.inside));
    expect(peak).toBe(d.maxInsideLanes);
    expect(peak).toBe(maxConcurrent(o.lanes, 'in-section').max);
    expect(v.occupancy.at(-1)?.inside).toBe(0);
    // The area under the steps is all the time spent inside, lane by lane.
    const area = v.occupancy.reduce((sum, p, i) => {
      const next = v.occupancy[i + 1];
      return next ? sum + p.inside * (next.atMs - p.atMs) : sum;
    }, 0);
    const inside = o.lanes.reduce((sum, l) => sum + timeIn(l, 'in-section'), 0);
    expect(inside).toBeGreaterThan(0);
    expect(area).toBeCloseTo(inside, 6);
    // Workers really queued for the permit, so the limit was put to the test.
    expect(maxConcurrent(o.lanes, 'waiting').max).toBeGreaterThan(0);
    for (let i = 1; i < v.occupancy.length; i++)
      expect(must(v.occupancy[i]).atMs).toBeGreaterThan(must(v.occupancy[i - 1]).atMs);
    expect(v.waits.map((w) => w.worker)).toEqual([1, 2, 3]);
  });

  it('convoy: rates on a log scale that covers them all, with alone as the reference', () => {
    const d = details(outcomes.convoy, 'convoy');
    const v = convoyView(d);
    const alone = d.settings.find((s) => s.label === 'alone');
    expect(v.aloneRps).toBe(alone?.rps);
    for (const r of v.rows) {
      expect(r.rps).toBeGreaterThanOrEqual(v.scale.lo);
      expect(r.rps).toBeLessThanOrEqual(v.scale.hi);
      expect(r.pos).toBeGreaterThanOrEqual(0);
      expect(r.pos).toBeLessThanOrEqual(1);
    }
    const byRps = [...v.rows].sort((a, b) => a.rps - b.rps);
    for (let i = 1; i < byRps.length; i++)
      expect(must(byRps[i]).pos).toBeGreaterThanOrEqual(must(byRps[i - 1]).pos);
    expect(v.scale.ticks[0]).toBe(v.scale.lo);
    expect(v.scale.ticks.at(-1)).toBe(v.scale.hi);
    expect(logScale([100, 1000]).pos(316.2)).toBeCloseTo(0.5, 3);
  });

  it('formats every metric the real outcomes carry', () => {
    for (const o of Object.values(outcomes)) {
      for (const m of o?.metrics ?? []) {
        const f = formatMetric(m);
        expect(f.value, `${o?.id} ${m.key}`).toMatch(/\d/);
      }
    }
  });
});

describe('lanes as the timeline draws them', () => {
  it('groups the convoy’s phases, keeps time in each state exact, and bounds dense lanes', () => {
    const o = must(outcomes.convoy);
    const groups = laneGroups(o.lanes);
    expect(groups.length).toBe(new Set(o.lanes.map((l) => l.group)).size);
    const all = shapeTimeline(o.lanes, { toMs: o.wallMs });
    expect(all.groups.map((g) => g.name)).toEqual(groups);
    for (const g of all.groups)
      for (const lane of g.lanes) {
        const source = must(o.lanes.find((l) => l.id === lane.id));
        for (const [state, ms] of Object.entries(lane.totals)) {
          expect(ms).toBeCloseTo(timeIn(source, state as Parameters<typeof timeIn>[1]), 6);
        }
        // A dense lane is drawn from a fixed number of buckets, however many spans it had.
        expect(lane.spans.length).toBeLessThanOrEqual(Math.max(600, source.spans.length));
      }
    const one = shapeTimeline(o.lanes, { group: groups[1] });
    expect(one.groups).toHaveLength(1);
    const spans = o.lanes.filter((l) => l.group === groups[1]).flatMap((l) => l.spans);
    expect(one.fromMs).toBe(Math.min(...spans.map((s) => s.startMs)));
  });
});

describe('demo chapters', () => {
  it('places every demo of the catalog once, and wraps around with ← and →', () => {
    const chapters = demoChapters(DEMO_CATALOG);
    const ids = chapters.flatMap((c) => c.demos.map((d) => d.id));
    expect([...ids].sort()).toEqual(DEMO_CATALOG.map((d) => d.id).sort());
    expect(neighbour(DEMO_CATALOG, must(ids[0]), -1)).toBe(ids.at(-1));
    expect(neighbour(DEMO_CATALOG, must(ids.at(-1)), 1)).toBe(ids[0]);
  });
});
