/**
 * One behaviour suite for every execution model: whatever runs the units, the answer must be the one
 * sequential code computes, and nothing may be left running afterwards.
 */
import { describe, expect, it } from 'vitest';
import { JS_MODELS as MODELS } from '../../../electron/common/config';
import { ReportSchema } from '../../../electron/common/report';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { getWorkload, WORKLOADS } from '../../../workloads/registry';
import { runSequentially } from '../../../workloads/local-context';
import { SMALL } from '../../support/lab';
import { childPids } from '../../support/processes';

const visible = WORKLOADS.filter((w) => !w.hidden).map((w) => w.name);

describe('every model computes what sequential code computes', () => {
  it('has small test sizes for every listed workload', () => {
    expect(Object.keys(SMALL).sort()).toEqual([...visible].sort());
  });

  for (const batch of [visible.slice(0, 5), visible.slice(5)]) {
    it(`${batch.join(', ')} on ${MODELS.join(', ')} with 1 and 3 workers`, async () => {
      const report = await runExperiment(
        {
          workloads: batch.map((name) => ({ name, params: SMALL[name] })),
          models: [...MODELS],
          workers: [1, 3],
          repeat: 1,
          warmup: 0,
        },
        { sampleCpu: false },
      );
      expect(() => ReportSchema.parse(report)).not.toThrow();
      expect(report.status).toBe('complete');
      for (const r of report.results) {
        expect(r.failure, `${r.workload}/${r.model}/${r.workers}`).toBeNull();
        expect(r.checksumOk, `${r.workload}/${r.model}/${r.workers}`).toBe(true);
        expect(r.wallMs?.raw).toHaveLength(1);
        // Every model says what memory its workers used (heap for threads, resident memory for processes).
        expect(r.memoryBytes, `${r.workload}/${r.model}/${r.workers}`).toHaveLength(
          r.model === 'async' ? 1 : r.workers,
        );
        for (const bytes of r.memoryBytes)
          expect(bytes, `${r.workload}/${r.model}/${r.workers}`).toBeGreaterThan(0);
      }
      // the sequential worker's answer is also the in-process answer, for the kernels that need no host resource
      for (const name of batch) {
        const def = getWorkload(name);
        if (def.needs) continue;
        const base = report.results.find((r) => r.workload === name && r.model === 'sequential');
        expect(base?.checksum).toBe(
          await runSequentially(def, report.config.workloads.find((w) => w.name === name)?.params ?? {}),
        );
      }
      // machine-dependent parameters are resolved once and recorded, so the run can be repeated exactly
      const mixed = report.config.workloads.find((w) => w.name === 'mixed');
      if (mixed) expect(mixed.params.itersPerMs).toBeGreaterThan(0);
      // one cell per worker count for the parallel models, one for sequential
      expect(report.results.filter((r) => r.model === 'sequential')).toHaveLength(batch.length);
      expect(report.results).toHaveLength(batch.length * (1 + 2 * (MODELS.length - 1)));
      expect(childPids(process.pid)).toEqual([]);
    });
  }

  it('sleeping overlaps on every model: two workers finish four sleeps sooner than one after another could', async () => {
    // Overlap measured directly, not as a speedup ratio: one unit sleeps at least SLEEP_MS - 1 ms (a timer
    // fires at most 1 ms early, from libuv's cached clock), so a run in which no two sleeps overlapped lasts at
    // least UNITS * (SLEEP_MS - 1) ms whatever the machine is doing. Two overlapping workers need about half
    // of that: the other half is slack for a busy machine, and the fastest of three runs is taken. How much
    // faster overlap makes it is a speed claim, measured by `npm run bench` (I/O-bound sleep, 8 workers).
    const UNITS = 4;
    const SLEEP_MS = 50;
    const report = await runExperiment(
      {
        workloads: [{ name: 'sleep', params: { units: UNITS, ms: SLEEP_MS } }],
        models: ['threads', 'processes', 'async', 'gil'],
        workers: [2],
        repeat: 3,
        warmup: 0,
      },
      { sampleCpu: false },
    );
    const serialMs = UNITS * (SLEEP_MS - 1);
    const sequential = report.results.find((r) => r.model === 'sequential');
    expect(sequential?.wallMs?.min).toBeGreaterThanOrEqual(serialMs);
    for (const r of report.results.filter((x) => x.model !== 'sequential'))
      expect(r.wallMs?.min, `${r.model} × ${r.workers}`).toBeLessThan(serialMs);
  });

  it('records GIL statistics and a bounded timeline only for the gil model', async () => {
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: { units: 8, span: 20000 } }],
        models: ['threads', 'gil'],
        workers: [2],
        repeat: 2,
        warmup: 0,
        switchIntervalMs: 1,
      },
      { sampleCpu: false },
    );
    const gil = report.results.find((r) => r.model === 'gil');
    const threads = report.results.find((r) => r.model === 'threads');
    expect(threads?.gil).toBeNull();
    expect(gil?.gil?.threads).toHaveLength(2);
    expect(gil?.gil?.switchIntervalMs).toBe(1);
    const spans = gil?.gil?.timeline ?? [];
    expect(spans.some((s) => s.state === 'hold' && s.thread === 0)).toBe(true);
    expect(spans.some((s) => s.state === 'hold' && s.thread === 1)).toBe(true);
    for (const s of spans) expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    expect((gil?.gil?.threads ?? []).reduce((a, t) => a + t.forcedDrops, 0)).toBeGreaterThan(0);
  });
});
