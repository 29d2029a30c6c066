/**
 * The `slow-cores` warning: parallel workers that spent much more CPU than their baseline on the same units
 * ran on cores that did less work per CPU second than the baseline's, which no count of other programs shows.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../electron/common/stats/summary';
import type { CpuMethod, Speedup } from '../../../electron/common/report';
import { SLOW_CORES_CPU_RATIO, slowCoresWarning } from '../../../electron/lab/runner/results';

const cpu = (ms: number[], method: CpuMethod | null = 'thread') => ({
  cpuMs: summarize(ms),
  cpuMethod: method,
});
const speedup: Speedup = { median: 1.04, ciLow: 0.98, ciHigh: 1.1 };

describe('slow-cores', () => {
  it('names the CPU ratio and the speedup when parallel workers spent far more CPU than the baseline', () => {
    const w = slowCoresWarning(cpu([205, 210, 198]), cpu([100, 102, 99]), speedup);
    expect(w?.kind).toBe('slow-cores');
    expect(w?.message).toContain('2.05x the CPU time');
    expect(w?.message).toContain('speedup of 1.04x');
  });

  it('is quiet at the same CPU as the baseline, and just under the threshold', () => {
    expect(slowCoresWarning(cpu([101, 104, 99]), cpu([100, 102, 99]), speedup)).toBeNull();
    const under = 100 * SLOW_CORES_CPU_RATIO - 1;
    expect(slowCoresWarning(cpu([under]), cpu([100]), speedup)).toBeNull();
    expect(slowCoresWarning(cpu([under + 2]), cpu([100]), speedup)?.kind).toBe('slow-cores');
  });

  it('compares only CPU each worker counted itself, and only when the baseline spent enough to compare', () => {
    // process-wide CPU includes the host's share; an I/O-bound baseline spends almost none
    expect(slowCoresWarning(cpu([300], 'process-wide'), cpu([100]), speedup)).toBeNull();
    expect(slowCoresWarning(cpu([300]), cpu([100], 'process-wide'), speedup)).toBeNull();
    expect(slowCoresWarning(cpu([30]), cpu([10]), speedup)).toBeNull();
    expect(slowCoresWarning({ cpuMs: null, cpuMethod: null }, cpu([100]), speedup)).toBeNull();
  });
});
