/** The check behind "a bimodal cell is seen at a glance", for every drawing of the strip plot. */
import { expect } from 'vitest';
import { BIMODAL_RUNS_MS } from '../fixtures/reports/fixtures';

/**
 * `cx` are the drawn x positions of the bimodal cell's runs, in run order: the runs of about 10 ms and those
 * of about 20 ms must form two groups at least `minGapPx` apart, each narrower than a fifth of the gap.
 */
export function expectTwoClusters(cx: readonly number[], minGapPx: number): void {
  expect(cx).toHaveLength(BIMODAL_RUNS_MS.length);
  const low = cx.filter((_, i) => (BIMODAL_RUNS_MS[i] ?? 0) < 15);
  const high = cx.filter((_, i) => (BIMODAL_RUNS_MS[i] ?? 0) > 15);
  expect(low.length).toBeGreaterThanOrEqual(2);
  expect(high.length).toBeGreaterThanOrEqual(2);
  const gap = Math.min(...high) - Math.max(...low);
  expect(gap).toBeGreaterThan(minGapPx);
  expect(Math.max(...low) - Math.min(...low)).toBeLessThan(gap / 5);
  expect(Math.max(...high) - Math.min(...high)).toBeLessThan(gap / 5);
}
