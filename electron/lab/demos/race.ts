/** race: unsynchronised read-work-write on a shared counter, several runs, lost updates counted. */
import { metric, type DemoModule } from './demo';
import { compare, histogram, runCounter } from './counter-runs';
import { count } from './numbers';
import { median } from '../../common/stats';

export const race: DemoModule = {
  id: 'race',
  sources: ['workloads/demos/kernels/counter.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const setup = {
      mode: 'unsynchronised' as const,
      threads: ctx.param('threads'),
      iterations: ctx.param('iterations'),
      window: ctx.param('window'),
      runs: ctx.param('runs'),
    };
    const runs = await runCounter(ctx, setup);
    const lost = runs.map((r) => r.lost);
    const expected = setup.threads * setup.iterations;
    const lossy = lost.filter((l) => l > 0).length;
    const distinct = new Set(lost).size;
    const choice = lossy === 0 ? 'exact' : distinct > 1 ? 'short-varies' : 'short-same';
    const notes =
      lossy === 0
        ? [
            'No update was lost this time: the threads rarely overlapped (one core, or a narrow window). Try a larger window.',
          ]
        : [];
    return {
      sentence:
        `Expected ${count(expected)} per run; the counter ended at ${runs.map((r) => count(r.actual)).join(', ')}: ` +
        `${count(Math.min(...lost))} to ${count(Math.max(...lost))} updates lost (median ${count(median(lost))}), ` +
        `${lossy} of ${runs.length} runs short${distinct > 1 ? ', by a different amount each time' : ''}.`,
      answer: {
        choice,
        why: `lost per run: ${lost.map(count).join(', ')}`,
      },
      metrics: [
        metric('expected', 'expected count per run', expected, 'count'),
        metric('medianLost', 'median updates lost', median(lost), 'count'),
        metric('minLost', 'fewest lost', Math.min(...lost), 'count'),
        metric('maxLost', 'most lost', Math.max(...lost), 'count'),
        metric('shortRuns', 'runs that came out short', lossy, 'count'),
      ],
      details: {
        kind: 'race',
        ...setup,
        runs,
        histogram: histogram(runs),
        comparisons: [compare('unsynchronised', runs)],
      },
      notes,
    };
  },
};
