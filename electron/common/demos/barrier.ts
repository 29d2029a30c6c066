/** The barrier demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface BarrierRound {
  readonly arrivalsMs: readonly number[];
  readonly releasesMs: readonly number[];
  /** the earliest arrival's wait for the last one */
  readonly longestWaitMs: number;
  /** last release minus first release */
  readonly releaseSpreadMs: number;
  /** releases that came before the last arrival (must be 0) */
  readonly releasedEarly: number;
}

export interface BarrierDetails {
  readonly kind: 'barrier';
  readonly threads: number;
  readonly rounds: readonly BarrierRound[];
}

export const barrierDemo: DemoDefinition<'barrier', BarrierDetails> = {
  id: 'barrier',
  title: 'Barrier',
  concept: 'barrier (threads wait for each other)',
  summary:
    'Each thread works for its own time, then waits at the barrier. Nobody goes on until the last one has arrived; then all go together, round after round.',
  question: {
    prompt: 'Threads reach a barrier at different times. When does each one go on?',
    choices: [
      { id: 'last', label: 'All together, when the last one arrives' },
      { id: 'own', label: 'Each as soon as it arrives' },
      { id: 'turns', label: 'One at a time, in arrival order' },
    ],
  },
  params: [
    param('threads', 'Threads', { min: 2, max: 8, default: 4 }),
    param('rounds', 'Rounds', { min: 1, max: 6, default: 3 }),
    param('maxWorkMs', 'Longest work time in a round', { min: 10, max: 1000, default: 120, unit: 'ms' }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads'],
  python: `import random, threading, time

barrier = threading.Barrier(4)
arrived = [0, 0, 0]
lock = threading.Lock()

def worker(n):
    for round_ in range(3):
        time.sleep(random.uniform(0.02, 0.12))   # work
        with lock:
            arrived[round_] += 1
        barrier.wait()            # nobody passes until all 4 are here
        print(f"thread {n} passed round {round_}: {arrived[round_]} arrived")   # always 4

for n in range(4):
    threading.Thread(target=worker, args=(n,)).start()`,
};
