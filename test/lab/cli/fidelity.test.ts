/** The fidelity verdict: the largest gap between the emulated GIL's curve and CPython's, against 0.1; the
 * emulated lock's figures from its per-thread stats; and the measurement says why it cannot run where no
 * Python is found, before running anything. */
import { describe, expect, it } from 'vitest';
import { fidelityVerdict, lockFigures, measureFidelity } from '../../../electron/lab/cli/commands/fidelity';

describe('fidelity verdict', () => {
  it('says how close the curves are when every gap is within the tolerance', () => {
    const rows = [
      { workers: 2, gil: 0.95, python: 1.0 },
      { workers: 4, gil: 0.9, python: 0.97 },
      { workers: 8, gil: 0.92, python: 0.96 },
    ];
    expect(fidelityVerdict(rows, 'CPython 3.11.7')).toBe(
      'the emulated GIL is within 0.07 of CPython 3.11.7 at 2, 4 and 8 threads',
    );
  });

  it('says by how much they differ when a gap is larger', () => {
    const rows = [
      { workers: 2, gil: 0.8, python: 1.0 },
      { workers: 4, gil: 0.9, python: 0.95 },
    ];
    expect(fidelityVerdict(rows, 'CPython 3.11.7')).toBe(
      'the emulated GIL differs from CPython 3.11.7 by up to 0.20 (more than 0.1) at 2 and 4 threads',
    );
  });

  it('gives no verdict when a cell did not run', () => {
    expect(fidelityVerdict([{ workers: 2, gil: 1, python: null }], 'CPython')).toMatch(/^no verdict/);
  });
});

describe('the emulated lock figures', () => {
  const thread = (i: number, holdMs: number, switches: number) => ({
    thread: i,
    holdMs,
    waitMs: 0,
    ioMs: 0,
    acquisitions: switches,
    switches,
    forcedDrops: switches,
  });

  it('counts hand-offs per second, the free time per hand-off and the hold time against one thread', () => {
    // 1 s run, 990 ms held in all, 200 switches: 10 ms free over 200 hand-offs; one thread alone took 900 ms
    const l = lockFigures(2, [thread(0, 500, 100), thread(1, 490, 100)], [1000], [900]);
    expect(l.handoffsPerS).toBeCloseTo(200);
    expect(l.freeUsPerHandoff).toBeCloseTo(50);
    expect(l.holdVsSequential).toBeCloseTo(1.1);
  });

  it('takes the wall time over the same runs as the summed lock stats, not their median', () => {
    // three runs of 1, 1 and 4 s (median 1 s, mean 2 s), the lock held 5.7 s and switched 600 times in all:
    // per run on average 1.9 s held of 2 s, 200 switches. Against the median wall the lock would have been
    // held longer than the run lasted (a free time of -4.5 ms per hand-off).
    const l = lockFigures(
      2,
      [thread(0, 2900, 300), thread(1, 2800, 300)],
      [1000, 4000, 1000],
      [1900, 1800, 5700],
    );
    expect(l.handoffsPerS).toBeCloseTo(100);
    expect(l.freeUsPerHandoff).toBeCloseTo(500);
    // 1.9 s held per run against the one-thread cell's mean of 3.133 s (its median, 1.9 s, would give 1)
    expect(l.holdVsSequential).toBeCloseTo(1900 / 3133.33, 3);
  });

  it('gives 0, not a division by zero, for a run without a switch or without runs', () => {
    expect(lockFigures(1, [thread(0, 900, 0)], [1000], [900]).freeUsPerHandoff).toBe(0);
    expect(lockFigures(1, [], [], [])).toEqual({
      workers: 1,
      handoffsPerS: 0,
      freeUsPerHandoff: 0,
      holdVsSequential: 0,
    });
  });
});

describe('fidelity measurement', () => {
  it('without Python, says why and measures nothing', async () => {
    const missing = '/nonexistent/threadlab-python3';
    let passes = 0;
    const m = await measureFidelity({
      workers: [2],
      passes: 2,
      pythonSpan: 1_000,
      units: 2,
      python: { env: { PATH: '', THREADLAB_PYTHON: missing } },
      onPass: () => passes++,
    });
    expect(m.unavailable).toMatch(/^no Python 3 found: tried THREADLAB_PYTHON/);
    expect(m.rows).toEqual([]);
    expect(m.cpu).toEqual([]);
    expect(passes).toBe(0);
  });
});
