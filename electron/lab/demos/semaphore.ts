/** semaphore: N workers, K permits; the most inside at once, from an Atomics counter and from the lanes. */
import { maxConcurrent } from '../../common/demos';
import {
  ENTRIES,
  MAX_INSIDE,
  PERMITS,
  SEMAPHORE_KERNEL,
  SEMAPHORE_SLOTS,
} from '../../../workloads/demos/kernels/semaphore';
import { metric, type DemoModule } from './demo-module';
import { ms } from './numbers';

export const semaphore: DemoModule = {
  id: 'semaphore',
  sources: ['workloads/demos/kernels/semaphore.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const workers = ctx.param('workers');
    const limit = ctx.param('limit');
    const rounds = ctx.param('rounds');
    const sectionMs = ctx.scaled(ctx.param('sectionMs'));
    const sab = new SharedArrayBuffer(SEMAPHORE_SLOTS * 4);
    const a = new Int32Array(sab);
    Atomics.store(a, PERMITS, limit);
    ctx.phase(`${workers} workers, ${limit} permits`);
    const ws = Array.from({ length: workers }, (_, index) =>
      ctx.thread(
        SEMAPHORE_KERNEL,
        { sab, index, rounds, sectionMs, restMs: sectionMs / 4 },
        { id: `worker-${index + 1}`, label: `worker ${index + 1}` },
      ),
    );
    const outs = await ctx.guard(Promise.all(ws.map((w) => w.result)));
    const byCounter = Atomics.load(a, MAX_INSIDE);
    const byLanes = maxConcurrent(ctx.board.snapshot(), 'in-section');
    const entries = Atomics.load(a, ENTRIES);
    const waited = outs.map((o) => o.waitedMs);
    const most = Math.max(byCounter, byLanes.max);
    const choice = most === limit ? 'k' : most === 1 ? 'one' : most >= workers ? 'all' : 'k';
    return {
      sentence:
        `${workers} workers entered ${entries} times in all; at the busiest moment ${byCounter} were inside by the shared counter ` +
        `and ${byLanes.max} by the lanes (at ${ms(byLanes.atMs)} ms), with ${limit} permits; ` +
        `workers spent ${ms(Math.min(...waited))} to ${ms(Math.max(...waited))} ms waiting for a permit.`,
      answer: { choice, why: `most inside at once: ${most}, permits: ${limit}` },
      metrics: [
        metric('limit', 'permits (K)', limit, 'count'),
        metric('maxInsideCounter', 'most inside at once (counter)', byCounter, 'count'),
        metric('maxInsideLanes', 'most inside at once (lanes)', byLanes.max, 'count'),
        metric('entries', 'entries', entries, 'count'),
        metric('maxWaitedMs', 'longest total wait of a worker', Math.max(...waited), 'ms'),
      ],
      details: {
        kind: 'semaphore',
        workers,
        limit,
        rounds,
        sectionMs,
        maxInsideCounter: byCounter,
        maxInsideLanes: byLanes.max,
        entries,
        waitedMs: waited,
      },
    };
  },
};
