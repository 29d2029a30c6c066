/**
 * What the per-demo views draw, shaped from a real DemoOutcome's details: pure functions, so the shapes are
 * tested against outcomes the engine measured. Positions are fractions (0..1) of a bar's or a chart's width.
 */
import type {
  ConvoyDetails,
  CounterDetails,
  CounterMode,
  DeadlockDetails,
  Lane,
  SemaphoreDetails,
} from '../../electron/common/demos';
import { median } from '../../electron/common/stats';

/** A log scale over powers of ten that covers every value (values ≤ 0 sit at the left end). */
export interface LogScale {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
  pos(value: number): number;
}

export function logScale(values: readonly number[]): LogScale {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const min = positive.length ? Math.min(...positive) : 1;
  const max = positive.length ? Math.max(...positive) : 10;
  const loExp = Math.floor(Math.log10(min));
  const hiExp = Math.max(loExp + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let e = loExp; e <= hiExp; e++) ticks.push(10 ** e);
  const pos = (v: number) =>
    v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) - loExp) / (hiExp - loExp))) : 0;
  return { lo: 10 ** loExp, hi: 10 ** hiExp, ticks, pos };
}

/** A value as a fraction of the largest (0 when everything is 0). */
export function fractionOf(value: number, max: number): number {
  return max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
}

export const COUNTER_MODE_NAMES: Readonly<Record<CounterMode, string>> = {
  unsynchronised: 'no lock',
  lock: 'lock',
  atomic: 'Atomics.add',
};

export interface CounterView {
  readonly expected: number;
  readonly runs: readonly {
    readonly run: number;
    readonly expected: number;
    readonly actual: number;
    readonly lost: number;
    readonly ms: number;
    /** actual / expected */
    readonly fraction: number;
  }[];
  readonly shortRuns: number;
  readonly lost: { readonly min: number; readonly max: number; readonly median: number };
  readonly histogram: readonly {
    readonly fromLost: number;
    readonly toLost: number;
    readonly runs: number;
    readonly fraction: number;
  }[];
  readonly comparisons: readonly {
    readonly mode: CounterMode;
    readonly name: string;
    readonly medianMs: number;
    readonly exactRuns: number;
    readonly runs: number;
    readonly fraction: number;
  }[];
}

export function counterView(d: CounterDetails): CounterView {
  const runs = d.runs.map((r, i) => ({ run: i + 1, ...r, fraction: fractionOf(r.actual, r.expected) }));
  const lost = d.runs.map((r) => r.lost);
  const mostRuns = Math.max(0, ...d.histogram.map((h) => h.runs));
  const slowest = Math.max(0, ...d.comparisons.map((c) => c.medianMs));
  return {
    expected: d.runs[0]?.expected ?? d.threads * d.iterations,
    runs,
    shortRuns: d.runs.filter((r) => r.actual < r.expected).length,
    lost: { min: Math.min(...lost), max: Math.max(...lost), median: lost.length ? median(lost) : 0 },
    histogram: d.histogram.map((h) => ({ ...h, fraction: fractionOf(h.runs, mostRuns) })),
    comparisons: d.comparisons.map((c) => ({
      ...c,
      name: COUNTER_MODE_NAMES[c.mode],
      fraction: fractionOf(c.medianMs, slowest),
    })),
  };
}

export interface GraphNode {
  readonly id: string;
  readonly kind: 'thread' | 'lock';
  /** on a circle of radius 1 around (0, 0), y pointing down */
  readonly x: number;
  readonly y: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'holds' | 'wants';
}

export interface DeadlockView {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** 'T1 holds A, wants B → T2 holds B, wants A → T1' */
  readonly cycleText: string;
  readonly detected: boolean;
  readonly detectedBy: string;
  readonly detectedAfterMs: number;
  /** both threads were stopped and nothing is left running */
  readonly recovered: boolean;
  readonly recovery: DeadlockDetails['recovery'];
  readonly fixes: readonly (DeadlockDetails['fixes'][number] & { readonly title: string })[];
}

const FIX_TITLES = { 'lock-order': 'Fix 1: one lock order', 'timeout-retry': 'Fix 2: timeout and retry' };

/**
 * The wait-for cycle as a graph: thread, the lock it wants, the next thread (which holds that lock), ... on a
 * circle, so every arrow joins two neighbours: T1 -wants-> B <-holds- T2 -wants-> A <-holds- T1.
 */
export function deadlockView(d: DeadlockDetails): DeadlockView {
  const order: { id: string; kind: 'thread' | 'lock' }[] = [];
  const add = (id: string, kind: 'thread' | 'lock') => {
    if (!order.some((n) => n.id === id && n.kind === kind)) order.push({ id, kind });
  };
  for (const e of d.cycle) {
    add(e.thread, 'thread');
    add(e.wants, 'lock');
  }
  for (const e of d.cycle) add(e.holds, 'lock');
  const n = Math.max(1, order.length);
  const nodes = order.map((node, i) => {
    const angle = (-3 / 4) * Math.PI + (2 * Math.PI * i) / n;
    return { ...node, x: Math.cos(angle), y: Math.sin(angle) };
  });
  const edges: GraphEdge[] = d.cycle.flatMap((e) => [
    { from: e.thread, to: e.holds, kind: 'holds' as const },
    { from: e.thread, to: e.wants, kind: 'wants' as const },
  ]);
  const first = d.cycle[0]?.thread;
  const cycleText = d.cycle.length
    ? `${d.cycle.map((e) => `${e.thread} holds ${e.holds}, wants ${e.wants}`).join(' → ')} → ${first}`
    : '';
  return {
    nodes,
    edges,
    cycleText,
    detected: d.detected,
    detectedBy:
      d.detectedBy === 'wait-for-graph'
        ? 'the wait-for graph'
        : d.detectedBy === 'timeout'
          ? 'no progress before the timeout'
          : 'nothing',
    detectedAfterMs: d.detectedAfterMs,
    recovered: d.recovery.terminated > 0 && d.recovery.remaining === 0,
    recovery: d.recovery,
    fixes: d.fixes.map((f) => ({ ...f, title: FIX_TITLES[f.name] })),
  };
}

export interface SemaphoreView {
  readonly limit: number;
  readonly workers: number;
  /** the most workers inside at once, by the shared Atomics counter */
  readonly maxInside: number;
  /** the same from the lanes' in-section spans */
  readonly maxInsideLanes: number;
  readonly withinLimit: boolean;
  /** how many lanes were in the section from each time on (a step function), ms since the start */
  readonly occupancy: readonly { readonly atMs: number; readonly inside: number }[];
  readonly waits: readonly { readonly worker: number; readonly ms: number; readonly fraction: number }[];
}

export function semaphoreView(d: SemaphoreDetails, lanes: readonly Lane[]): SemaphoreView {
  const edges: [number, number][] = [];
  for (const lane of lanes)
    for (const s of lane.spans)
      if (s.state === 'in-section' && s.endMs > s.startMs) edges.push([s.startMs, 1], [s.endMs, -1]);
  // Ends before starts at the same instant, as maxConcurrent counts them.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const occupancy: { atMs: number; inside: number }[] = [{ atMs: 0, inside: 0 }];
  let inside = 0;
  for (const [t, delta] of edges) {
    inside += delta;
    const last = occupancy[occupancy.length - 1];
    if (last && last.atMs === t) occupancy[occupancy.length - 1] = { atMs: t, inside };
    else occupancy.push({ atMs: t, inside });
  }
  const longest = Math.max(0, ...d.waitedMs);
  return {
    limit: d.limit,
    workers: d.workers,
    maxInside: d.maxInsideCounter,
    maxInsideLanes: d.maxInsideLanes,
    withinLimit: d.maxInsideCounter <= d.limit && d.maxInsideLanes <= d.limit,
    occupancy,
    waits: d.waitedMs.map((ms, i) => ({ worker: i + 1, ms, fraction: fractionOf(ms, longest) })),
  };
}

export interface ConvoyView {
  /** round trips per second of the I/O thread alone, the reference line */
  readonly aloneRps: number | null;
  readonly scale: LogScale;
  readonly rows: readonly (ConvoyDetails['settings'][number] & { readonly pos: number })[];
}

export function convoyView(d: ConvoyDetails): ConvoyView {
  const alone = d.settings.find((s) => s.cpuIn === 'none');
  const scale = logScale(d.settings.map((s) => s.rps));
  return {
    aloneRps: alone ? alone.rps : null,
    scale,
    rows: d.settings.map((s) => ({ ...s, pos: scale.pos(s.rps) })),
  };
}
