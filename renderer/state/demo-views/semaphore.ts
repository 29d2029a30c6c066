/** semaphore: how many were inside at once, against the limit. */
import type { Lane, SemaphoreDetails } from '../../../electron/common/demos';
import { fractionOf } from './scale';

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
