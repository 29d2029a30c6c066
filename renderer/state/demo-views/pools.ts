/** pools: time per pool, and completion order against map order. */
import type { PoolKind, PoolsDetails } from '../../../electron/common/demos';
import { fractionOf } from './scale';

export const POOL_NAMES: Readonly<Record<PoolKind, string>> = {
  threads: 'threads',
  processes: 'processes',
  'gil-threads': 'GIL-bound threads',
};

export interface PoolsView {
  readonly rows: readonly (PoolsDetails['pools'][number] & {
    readonly name: string;
    readonly fraction: number;
    /** completion order differs from submission order */
    readonly reordered: boolean;
  })[];
  readonly slowest: PoolKind | null;
}

export function poolsView(d: PoolsDetails): PoolsView {
  const longest = Math.max(0, ...d.pools.map((p) => p.totalMs));
  const slowest = d.pools.find((p) => p.totalMs === longest);
  return {
    rows: d.pools.map((p) => ({
      ...p,
      name: POOL_NAMES[p.pool],
      fraction: fractionOf(p.totalMs, longest),
      reordered: p.completionOrder.some((id, i) => id !== p.mapOrder[i]),
    })),
    slowest: slowest ? slowest.pool : null,
  };
}
