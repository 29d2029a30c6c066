/** The event demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface EventDetails {
  readonly kind: 'event';
  readonly workers: number;
  readonly redMs: number;
  /** ms from start at which the event was set */
  readonly setAtMs: number;
  /** workers that got past wait() before the event was set (must be 0) */
  readonly passedEarly: number;
  readonly released: number;
  /** per worker: µs from set() to the worker running again */
  readonly latencyUs: readonly number[];
  readonly medianLatencyUs: number;
  readonly maxLatencyUs: number;
}

export const eventDemo: DemoDefinition<'event', EventDetails> = {
  id: 'event',
  title: 'Event (traffic light)',
  concept: 'event',
  summary:
    'Workers wait at a red light: an event that is not set. The moment the main program sets it, every waiting worker goes, all at once; we measure how long each took to start moving.',
  question: {
    prompt: 'Workers are all waiting on one event. When it is set, how do they go?',
    choices: [
      { id: 'all', label: 'All at once' },
      { id: 'one', label: 'Only one; the others keep waiting' },
      { id: 'queue', label: 'One after another, slowly' },
    ],
  },
  params: [
    param('workers', 'Waiting workers', { min: 1, max: 12, default: 5 }),
    param('redMs', 'How long the light stays red', { min: 20, max: 2000, default: 300, unit: 'ms' }),
  ],
  timeLimitMs: 20_000,
  uses: ['threads'],
  python: `import threading, time

green = threading.Event()

def car(n):
    green.wait()                 # red light: block here
    print(f"car {n} goes")       # one string: print's pieces from several threads could interleave

for n in range(5):
    threading.Thread(target=car, args=(n,)).start()
time.sleep(0.3)
print("green")                   # no car went before this line
green.set()                      # every waiting car goes at once`,
};
