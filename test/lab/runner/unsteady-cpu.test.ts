/**
 * The `unsteady-cpu` warning: CPU-bound runs of the same units that cost unequal CPU time, because the
 * machine's speed changed during the measurement (figures from py-sequential on the 2-core VM).
 */
import { describe, expect, it } from 'vitest';
import { middleHalfSpread, summarize } from '../../../electron/common/stats';
import { UNSTEADY_CPU_SPREAD, unsteadyCpuWarning } from '../../../electron/lab/runner/results';

describe('unsteady-cpu', () => {
  it('names the range of CPU times and the spread when the same units cost unequal CPU', () => {
    const w = unsteadyCpuWarning('cpu', summarize([670, 840, 830, 940, 970, 1010, 630]));
    expect(w?.kind).toBe('unsteady-cpu');
    expect(w?.message).toContain('from 630 to 1010 ms of CPU time');
    expect(w?.message).toContain('24% of the median');
    expect(unsteadyCpuWarning('native', summarize([1100, 1070, 690, 650, 640, 700, 680]))?.kind).toBe(
      'unsteady-cpu',
    );
  });

  it('is quiet for steady runs, one wild run among them, and just under the threshold', () => {
    expect(unsteadyCpuWarning('cpu', summarize([700, 710, 690, 720, 705, 698, 712]))).toBeNull();
    // one run at twice the CPU moves the range, not the middle half
    expect(unsteadyCpuWarning('cpu', summarize([700, 710, 690, 1400, 705, 698, 712]))).toBeNull();
    // q1 = 100 and q3 = 100 + 100 x threshold (the median's) at the edge, a little over it beyond
    const at = (spread: number) => [
      100,
      100,
      100,
      100,
      100 + 100 * spread,
      100 + 100 * spread,
      100 + 100 * spread,
    ];
    expect(middleHalfSpread(at(UNSTEADY_CPU_SPREAD))).toBeCloseTo(UNSTEADY_CPU_SPREAD, 10);
    expect(unsteadyCpuWarning('cpu', summarize(at(UNSTEADY_CPU_SPREAD)))).toBeNull();
    expect(unsteadyCpuWarning('cpu', summarize(at(UNSTEADY_CPU_SPREAD + 0.02)))?.kind).toBe('unsteady-cpu');
  });

  it('judges only CPU-bound work with enough runs and enough CPU to compare', () => {
    const unsteady = summarize([670, 840, 830, 940, 970, 1010, 630]);
    // waiting work costs what its waits cost, which need not be equal
    expect(unsteadyCpuWarning('io', unsteady)).toBeNull();
    expect(unsteadyCpuWarning('mixed', unsteady)).toBeNull();
    expect(unsteadyCpuWarning('cpu', summarize([630, 1010, 800, 700]))).toBeNull();
    expect(unsteadyCpuWarning('cpu', summarize([6, 10, 8, 7, 12, 6, 9]))).toBeNull();
    expect(unsteadyCpuWarning('cpu', null)).toBeNull();
  });
});
