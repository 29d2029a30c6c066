import { describe, expect, it } from 'vitest';
import { machineConditionRows } from '../../electron/common/format';
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
