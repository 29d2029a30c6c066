import { describe, expect, it } from 'vitest';
import {
  describeRuns,
  describeRunsColumn,
  formatCellRuns,
  machineConditionRows,
} from '../../electron/common/format';
import { loadSample } from '../fixtures/reports/fixtures';

describe('machineConditionRows', () => {
  const base = loadSample().machine;

  it('has no rows for a report that recorded no conditions (version 1 and early version 2)', () => {
    expect(machineConditionRows(base)).toEqual([]);
  });

  it('shows each recorded condition, and "unknown" for the ones the machine would not say', () => {
    expect(
      machineConditionRows({
        ...base,
        cpuFrequency: { currentMhz: 1199.6, minMhz: null, maxMhz: 4700 },
        governor: 'powersave',
        onBattery: true,
        loadAverage: { oneMin: 3.1, fiveMin: 2, fifteenMin: 0.5 },
        virtualMachine: false,
      }),
    ).toEqual([
      ['CPU clock', '1200 MHz at start (range unknown – 4700 MHz)'],
      ['Governor', 'powersave'],
      ['Power', 'on battery'],
      ['Load average at start', '3.10, 2.00, 0.50'],
      ['Virtual machine', 'no'],
    ]);
    expect(
      machineConditionRows({
        ...base,
        cpuFrequency: { currentMhz: null, minMhz: null, maxMhz: null },
        governor: null,
        onBattery: null,
        loadAverage: null,
        virtualMachine: null,
      }).map(([, v]) => v),
    ).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('formatCellRuns', () => {
  it('says the runs a cell took, how tight its median got, and a miss', () => {
    expect(formatCellRuns({ runs: 7, medianCiPct: 3.24, reached: true })).toBe('7 ±3.2%');
    expect(formatCellRuns({ runs: 15, medianCiPct: 7.25, reached: false })).toBe('15 ±7.3% (not reached)');
    expect(formatCellRuns({ runs: 15, medianCiPct: null, reached: false })).toBe('15 (not reached)');
  });

  it('is a dash for a fixed number of runs', () => {
    expect(formatCellRuns(undefined)).toBe('-');
  });
});

describe('describeRuns and describeRunsColumn', () => {
  it('say the policy and the column in the same words', () => {
    expect(describeRuns({ repeat: 1 })).toBe('1 measured run');
    expect(describeRuns({ repeat: 5, minRuns: 5, maxRuns: 15, targetCiPct: 5 })).toBe(
      "5 to 15 measured runs (until the median's 95% interval is within ±5%)",
    );
    expect(describeRunsColumn(2.5)).toContain('wider than the ±2.5% target');
  });
});
