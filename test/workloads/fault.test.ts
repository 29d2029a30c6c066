import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAULT_MODES, fault } from '../../workloads/kernels/fault';
import { plainContext, runSequentially } from '../../workloads/local-context';
import type { UnitContext } from '../../workloads/types';

/** A context whose checkpoint gives up after `limit` calls, to stop a kernel that would never return. */
function stoppingContext(limit: number): UnitContext & { checks(): number } {
  let checks = 0;
  return {
    ...plainContext(),
    check: () => {
      if (++checks >= limit) throw new Error('stopped by test');
    },
    checks: () => checks,
  };
}

describe('fault', () => {
  afterEach(() => vi.restoreAllMocks());

  it('mode 0 returns each unit index', async () => {
    const ctx = plainContext();
    expect([0, 1, 2].map((i) => fault.runUnit({ units: 3, at: 1, mode: FAULT_MODES.ok }, i, ctx))).toEqual([
      0, 1, 2,
    ]);
    expect(await runSequentially(fault, { units: 4, at: 0, mode: 0 })).toBe(6);
  });

  it('mode 1 throws on the chosen unit only', () => {
    const params = { units: 3, at: 1, mode: FAULT_MODES.throw };
    const ctx = plainContext();
    expect(fault.runUnit(params, 0, ctx)).toBe(0);
    expect(() => fault.runUnit(params, 1, ctx)).toThrow('fault: kernel threw on unit 1');
    expect(fault.runUnit(params, 2, ctx)).toBe(2);
  });

  it('does nothing wrong when the chosen unit is beyond the job', () => {
    expect(fault.runUnit({ units: 2, at: 5, mode: FAULT_MODES.throw }, 1, plainContext())).toBe(1);
  });

  it('mode 2 exits with code 3', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    expect(() => fault.runUnit({ units: 1, at: 0, mode: FAULT_MODES.exit }, 0, plainContext())).toThrow(
      'exit 3',
    );
    expect(exit).toHaveBeenCalledWith(3);
  });

  it('mode 3 keeps reaching checkpoints while it hangs', () => {
    const ctx = stoppingContext(10_000);
    expect(() => fault.runUnit({ units: 1, at: 0, mode: FAULT_MODES.hang }, 0, ctx)).toThrow(
      'stopped by test',
    );
    expect(ctx.checks()).toBe(10_000);
  });

  it('mode 4 keeps allocating and reaching checkpoints', () => {
    const ctx = stoppingContext(5);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const watching: UnitContext = {
      ...ctx,
      check: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        ctx.check();
      },
    };
    expect(() => fault.runUnit({ units: 1, at: 0, mode: FAULT_MODES.oom }, 0, watching)).toThrow(
      'stopped by test',
    );
    // Four 2 MiB arrays of doubles were held when the last checkpoint ran.
    expect(peak - before).toBeGreaterThan(4 * 1024 * 1024);
  });
});
