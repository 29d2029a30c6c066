/**
 * The report schema's totals: a list bounded per cell can still add up to far too much over many cells, so
 * the schema counts the emulated GIL's spans and CPython threads' unit spans together against one total.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_LIMITS, ReportSchema, type PythonLanes } from '../../electron/common/report';
import { loadSample } from '../fixtures/reports/fixtures';

/** `lanes` lanes that share one list of `perLane` units (shared, so the test costs little memory). */
function lanesOf(lanes: number, perLane: number): PythonLanes {
  const units = new Array<{ index: number; startMs: number; endMs: number }>(perLane).fill({
    index: 0,
    startMs: 0,
    endMs: 1,
  });
  return {
    wallMs: 1,
    lanes: Array.from({ length: lanes }, (_, thread) => ({ thread, cpuMs: 1, wallMs: 1, startMs: 0, units })),
  };
}

describe('REPORT_LIMITS.spansTotal', () => {
  it('counts Python units with the GIL spans: each lane within its own bound, the cells together over', () => {
    const perLane = REPORT_LIMITS.spansTotal / 2 + 1;
    expect(perLane).toBeLessThanOrEqual(REPORT_LIMITS.spansPerCell);
    const report = loadSample();
    const [first] = report.results;
    if (!first) throw new Error('sample.json has no cells');
    first.pythonLanes = lanesOf(2, perLane);
    const gilSpans = report.results.reduce((n, r) => n + (r.gil?.timeline.length ?? 0), 0);
    const parsed = ReportSchema.safeParse(report);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'results',
        `hold ${(gilSpans + 2 * perLane).toLocaleString('en-US')} timeline spans (GIL spans and Python units) in all; at most 2,000,000`,
      ],
    ]);
  });

  it('lets a report with Python lanes under the total through', () => {
    const report = loadSample();
    const [first] = report.results;
    if (!first) throw new Error('sample.json has no cells');
    first.pythonLanes = lanesOf(2, 1000);
    expect(ReportSchema.safeParse(report).success).toBe(true);
  });
});
