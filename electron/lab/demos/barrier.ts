/** barrier: threads with different work times meet at a barrier each round; arrivals and releases timed. */
import type { BarrierRound } from '../../common/demos';
import { BARRIER_KERNEL, BARRIER_SLOTS } from '../../../workloads/demos/kernels/barrier';
import { metric, type DemoModule } from './demo-module';
import { ms } from './numbers';

export const barrier: DemoModule = {
  id: 'barrier',
  sources: ['workloads/demos/kernels/barrier.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const n = ctx.param('threads');
    const roundsN = ctx.param('rounds');
    const maxWork = ctx.scaled(ctx.param('maxWorkMs'));
    const sab = new SharedArrayBuffer(BARRIER_SLOTS * 4);
    // A different order every round, so a different thread is last each time.
    const work = (i: number, r: number) =>
      maxWork * (0.15 + (0.85 * ((i * 3 + r * 5) % n)) / Math.max(1, n - 1));
    ctx.phase(`${n} threads, ${roundsN} rounds`);
    const ws = Array.from({ length: n }, (_, i) =>
      ctx.thread(
        BARRIER_KERNEL,
        { sab, threads: n, workMs: Array.from({ length: roundsN }, (_, r) => work(i, r)) },
        { id: `thread-${i + 1}`, label: `thread ${i + 1}` },
      ),
    );
    const outs = await ctx.guard(Promise.all(ws.map((w) => w.result)));
    const rounds: BarrierRound[] = Array.from({ length: roundsN }, (_, r) => {
      const arrivalsMs = outs.map((o) => ctx.ms(o.arrivals[r] ?? 0));
      const releasesMs = outs.map((o) => ctx.ms(o.releases[r] ?? 0));
      const lastArrival = Math.max(...arrivalsMs);
      return {
        arrivalsMs,
        releasesMs,
        longestWaitMs: Math.max(...releasesMs.map((rel, i) => rel - (arrivalsMs[i] ?? rel))),
        releaseSpreadMs: Math.max(...releasesMs) - Math.min(...releasesMs),
        releasedEarly: releasesMs.filter((rel) => rel < lastArrival).length,
      };
    });
    const early = rounds.reduce((s, r) => s + r.releasedEarly, 0);
    const spread = Math.max(...rounds.map((r) => r.releaseSpreadMs));
    const longest = Math.max(...rounds.map((r) => r.longestWaitMs));
    return {
      sentence:
        `In ${roundsN} rounds no thread left the barrier before the last one arrived (${early} early releases); ` +
        `the earliest arrivals waited up to ${ms(longest)} ms, and each round all ${n} left within ${ms(spread)} ms of each other.`,
      answer: {
        choice: early === 0 ? 'last' : 'own',
        why: `${early} early releases; release spread ≤ ${ms(spread)} ms`,
      },
      metrics: [
        metric('releasedEarly', 'left before the last arrived', early, 'count'),
        metric('longestWaitMs', 'longest wait at the barrier', longest, 'ms'),
        metric('releaseSpreadMs', 'largest spread of releases in a round', spread, 'ms'),
      ],
      details: { kind: 'barrier', threads: n, rounds },
    };
  },
};
