/** lock: the race's increments under a mutex: exact every run; timed against the unlocked version. */
import { metric, type DemoModule } from './demo-module';
import { compare, histogram, runCounter } from './counter-runs';
import { count, ms, ratio } from './numbers';

export const lock: DemoModule = {
  id: 'lock',
  sources: ['workloads/demos/kernels/counter.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const base = {
      threads: ctx.param('threads'),
      iterations: ctx.param('iterations'),
      window: ctx.param('window'),
      runs: ctx.param('runs'),
    };
    const locked = await runCounter(ctx, { ...base, mode: 'lock' });
    const unlocked = await runCounter(ctx, { ...base, mode: 'unsynchronised' });
    const withLock = compare('lock', locked);
    const without = compare('unsynchronised', unlocked);
    const expected = base.threads * base.iterations;
    const exact = withLock.exactRuns === withLock.runs;
    const cost = withLock.medianMs / Math.max(without.medianMs, 1e-6);
    const choice = !exact ? 'still-short' : cost > 1.1 ? 'exact-slower' : 'exact-free';
    return {
      sentence:
        `With the lock, ${withLock.exactRuns} of ${withLock.runs} runs reached exactly ${count(expected)} ` +
        `(${locked.map((r) => count(r.actual)).join(', ')}); without it ${without.runs - without.exactRuns} of ${without.runs} came out short. ` +
        `A run took ${ms(withLock.medianMs)} ms with the lock against ${ms(without.medianMs)} ms without (${ratio(cost)}×).`,
      answer: {
        choice,
        why: `${withLock.exactRuns}/${withLock.runs} exact with the lock; ${ms(withLock.medianMs)} ms vs ${ms(without.medianMs)} ms`,
      },
      metrics: [
        metric('expected', 'expected count per run', expected, 'count'),
        metric('exactRuns', 'exact runs with the lock', withLock.exactRuns, 'count'),
        metric('lockedMs', 'run time with the lock (median)', withLock.medianMs, 'ms'),
        metric('unlockedMs', 'run time without (median)', without.medianMs, 'ms'),
        metric('lockCost', 'cost of the lock', cost, 'x'),
      ],
      details: {
        kind: 'lock',
        mode: 'lock',
        ...base,
        runs: locked,
        histogram: histogram(locked),
        comparisons: [withLock, without],
      },
    };
  },
};
