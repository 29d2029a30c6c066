/** atomics: Atomics.add against a lock and against no synchronisation, with nothing between read and write. */
import { metric, type DemoModule } from './demo-module';
import { compare, histogram, runCounter } from './counter-runs';
import { count, ms, ratio } from './numbers';

export const atomics: DemoModule = {
  id: 'atomics',
  sources: ['workloads/demos/kernels/counter.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const base = {
      threads: ctx.param('threads'),
      iterations: ctx.param('iterations'),
      window: 0,
      runs: ctx.param('runs'),
    };
    const atomic = await runCounter(ctx, { ...base, mode: 'atomic' });
    const locked = await runCounter(ctx, { ...base, mode: 'lock' });
    const racy = await runCounter(ctx, { ...base, mode: 'unsynchronised' });
    const [a, l, r] = [compare('atomic', atomic), compare('lock', locked), compare('unsynchronised', racy)];
    const expected = base.threads * base.iterations;
    const bothExact = a.exactRuns === a.runs && l.exactRuns === l.runs;
    const speed = l.medianMs / Math.max(a.medianMs, 1e-6);
    const choice = !bothExact
      ? 'lock-only'
      : a.medianMs < l.medianMs
        ? 'both-atomic-faster'
        : 'both-lock-faster';
    const maxLost = Math.max(...racy.map((x) => x.lost));
    return {
      sentence:
        `Atomics.add reached exactly ${count(expected)} in ${a.exactRuns} of ${a.runs} runs in ${ms(a.medianMs)} ms; ` +
        `the lock was exact in ${l.exactRuns} of ${l.runs} but took ${ms(l.medianMs)} ms (${ratio(speed)}× the atomic add); ` +
        `without either, ${r.runs - r.exactRuns} of ${r.runs} runs came out short (up to ${count(maxLost)} lost) in ${ms(r.medianMs)} ms.`,
      answer: {
        choice,
        why: `atomic ${ms(a.medianMs)} ms, lock ${ms(l.medianMs)} ms, both exact: ${bothExact}`,
      },
      metrics: [
        metric('expected', 'expected count per run', expected, 'count'),
        metric('atomicMs', 'Atomics.add run time (median)', a.medianMs, 'ms'),
        metric('lockMs', 'lock run time (median)', l.medianMs, 'ms'),
        metric('racyMs', 'no-lock run time (median)', r.medianMs, 'ms'),
        metric('lockVsAtomic', 'lock time / atomic time', speed, 'x'),
        metric('racyMaxLost', 'no lock: most updates lost', maxLost, 'count'),
      ],
      details: {
        kind: 'atomics',
        mode: 'atomic',
        ...base,
        runs: atomic,
        histogram: histogram(atomic),
        comparisons: [a, l, r],
      },
    };
  },
};
