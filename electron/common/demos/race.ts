/** The race demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { CounterDetails } from './counter';
import type { DemoDefinition } from './definition';

export const raceDemo: DemoDefinition<'race', CounterDetails> = {
  id: 'race',
  title: 'Race condition',
  concept: 'race condition',
  summary:
    'Several threads add 1 to one shared counter: read it, do a little work, write back the value plus one. When two threads read the same value, both write the same result and one increment is lost. The loss is different every run, because it depends on how the threads happen to interleave.',
  question: {
    prompt: 'Threads each add 1 to a shared counter many times, without a lock. What is the final count?',
    choices: [
      { id: 'exact', label: 'Exactly threads × iterations, every time' },
      { id: 'short-varies', label: 'Less, and by a different amount each run' },
      { id: 'short-same', label: 'Less, by the same amount each run' },
    ],
  },
  params: [
    param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
    param('iterations', 'Increments per thread per run', { min: 100, max: 200_000, default: 20_000 }),
    param('window', 'Steps of work between the read and the write', { min: 0, max: 5000, default: 200 }),
    param('runs', 'Runs (for the histogram)', { min: 1, max: 20, default: 6 }),
  ],
  timeLimitMs: 60_000,
  uses: ['threads'],
  python: `import threading, time

counter = 0

def add(n):
    global counter
    for _ in range(n):
        value = counter        # read
        time.sleep(0)          # let another thread in
        counter = value + 1    # write back

threads = [threading.Thread(target=add, args=(2_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)   # less than 8000, and different each run`,
};
