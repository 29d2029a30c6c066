/**
 * Deadlock detection from the outside: each thread publishes which lock it wants, each lock which thread
 * holds it. "Thread t waits for thread u" when t wants a lock u holds; a cycle in that graph is a deadlock,
 * because nobody on it can move until somebody else on it does.
 */

/** holder[lock] = 1-based thread id or 0; wants[thread] = 1-based lock id or 0. */
export interface LockTable {
  readonly holder: readonly number[];
  readonly wants: readonly number[];
}

export interface WaitEdge {
  /** 0-based thread index */
  readonly thread: number;
  /** 0-based lock it holds on the cycle (the lock the previous thread wants) */
  readonly holds: number;
  readonly wants: number;
}

/** The first cycle of the wait-for graph, as thread → wanted lock edges; null when there is none. */
export function findCycle(table: LockTable): WaitEdge[] | null {
  const waitsFor = (t: number): number | null => {
    const lock = (table.wants[t] ?? 0) - 1;
    if (lock < 0) return null;
    const owner = (table.holder[lock] ?? 0) - 1;
    return owner >= 0 && owner !== t ? owner : null;
  };
  for (let start = 0; start < table.wants.length; start++) {
    const seen: number[] = [];
    let t: number | null = start;
    while (t !== null && !seen.includes(t)) {
      seen.push(t);
      t = waitsFor(t);
    }
    if (t === null) continue;
    const cycle = seen.slice(seen.indexOf(t));
    return cycle.map((thread) => {
      const wants = (table.wants[thread] ?? 0) - 1;
      const holds = table.holder.findIndex((h) => h === thread + 1);
      return { thread, holds, wants };
    });
  }
  return null;
}
