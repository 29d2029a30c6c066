/**
 * The workers axis every speedup-style chart shares (speedup, efficiency, time per run, compare overlays):
 * numeric, one tick per measured worker count, labelled "workers". Spread into recharts' <XAxis>.
 */
export function workersAxisProps(maxWorkers: number, ticks: readonly number[], labelOffset = -16) {
  return {
    type: 'number' as const,
    dataKey: 'workers',
    domain: [1, maxWorkers],
    ticks: [...ticks],
    allowDecimals: false,
    stroke: 'var(--axis)',
    label: {
      value: 'workers',
      position: 'insideBottom' as const,
      offset: labelOffset,
      fill: 'var(--text-muted)',
    },
  };
}

/** The faint dotted grid behind every chart. */
export const GRID_PROPS = { stroke: 'var(--grid)', strokeDasharray: '2 4' } as const;
