import { describe, expect, it } from 'vitest';
import { runSequentially } from '../../workloads/local-context';
import { defaultParams, WORKLOADS } from '../../workloads/registry';

// Not a benchmark: one cold run per workload so the default job sizes can be reported and kept sensible.
describe('default jobs (timed, not asserted)', () => {
  const compute = WORKLOADS.filter((w) => w.kind === 'cpu' || w.kind === 'native');

  it.each(compute.map((w) => [w.name, w] as const))('%s runs its default job', async (name, def) => {
    const params = defaultParams(def);
    const started = performance.now();
    const checksum = await runSequentially(def, params);
    const ms = performance.now() - started;
    console.log(
      `default job ${name}: ${ms.toFixed(0)} ms, ${def.unitCount(params)} units, checksum ${checksum}`,
    );
    expect(checksum >>> 0).toBe(checksum);
  });
});
