/** deadlock: the wait-for graph laid out on a circle, and the two fixes. */
import type { DeadlockDetails } from '../../../electron/common/demos';

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
