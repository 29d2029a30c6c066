/**
 * Machine-wide CPU time from /proc/stat, parsed from bytes: only the cpu lines at the head count, a core's
 * name (cpu12) is not a number of its line, and a machine with many cores is read whole.
 */
import { describe, expect, it } from 'vitest';
import { coreLoadReader, parseProcStat } from '../../workloads/cpu-times';

const INTR = `intr 22448839 ${Array.from({ length: 300 }, (_, i) => i % 7).join(' ')}\nctxt 79651030\n`;

describe('/proc/stat', () => {
  it('reads the total and each core from the cpu lines, and nothing after them', () => {
    const stat = parseProcStat(
      `cpu  100 1 50 800 50 2 3 4 7 7\ncpu0 50 0 25 400 25 1 1 2 0 0\ncpu12 50 1 25 400 25 1 2 2 0 0\n${INTR}cpu9 1 1 1 1 1 1 1 1\n`,
    );
    expect(stat?.total).toEqual({
      busyMs: (100 + 1 + 50 + 2 + 3 + 4) * 10,
      idleMs: 850 * 10,
      stealMs: 40,
      programMs: (100 + 1 + 50) * 10,
    });
    expect(stat?.cores).toHaveLength(2);
    expect(stat?.cores[1]).toEqual({
      busyMs: (50 + 1 + 25 + 1 + 2 + 2) * 10,
      idleMs: 425 * 10,
      stealMs: 20,
      programMs: (50 + 1 + 25) * 10,
    });
  });

  it('reads a machine of 200 cores, and an older kernel with fewer fields', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `cpu${i} ${i} 0 0 100 0\n`).join('');
    const stat = parseProcStat(`cpu  19900 0 0 20000 0\n${lines}${INTR}`);
    expect(stat?.cores).toHaveLength(200);
    expect(stat?.cores[199]).toEqual({ busyMs: 1990, idleMs: 1000, stealMs: 0, programMs: 1990 });
  });

  it('is null for what is not /proc/stat', () => {
    expect(parseProcStat('nothing here')).toBeNull();
    expect(parseProcStat('')).toBeNull();
  });

  it('gives each core a load of 0..100 since the previous reading', async () => {
    const reader = coreLoadReader();
    try {
      await new Promise((r) => setTimeout(r, 50));
      const loads = reader.read();
      expect(loads.length).toBeGreaterThan(0);
      for (const l of loads) expect(l).toBeGreaterThanOrEqual(0);
      for (const l of loads) expect(l).toBeLessThanOrEqual(100);
    } finally {
      reader.close();
    }
  });
});
