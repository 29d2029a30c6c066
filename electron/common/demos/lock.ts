/** The lock demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { CounterDetails } from './counter';
import type { DemoDefinition } from './definition';

export const lockDemo: DemoDefinition<'lock', CounterDetails> = {
  id: 'lock',
  title: 'Lock',
  concept: 'lock',
  summary:
    'The same increments with a lock held around read-work-write: only one thread at a time can be between the read and the write, so no update is lost. The price is that the increments no longer overlap; both versions are timed.',
  question: {
    prompt: 'With a lock around each increment, what do we get?',
    choices: [
      { id: 'exact-slower', label: 'The exact count, but it takes longer' },
      { id: 'exact-free', label: 'The exact count, at no cost' },
      { id: 'still-short', label: 'Still short' },
    ],
  },
  params: [
    param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
    param('iterations', 'Increments per thread per run', { min: 100, max: 200_000, default: 20_000 }),
    param('window', 'Steps of work between the read and the write', { min: 0, max: 5000, default: 200 }),
    param('runs', 'Runs', { min: 1, max: 20, default: 4 }),
  ],
  timeLimitMs: 60_000,
  uses: ['threads'],
  python: `import threading, time

counter = 0
lock = threading.Lock()

def add(n):
    global counter
    for _ in range(n):
        with lock:
            value = counter
            time.sleep(0)
            counter = value + 1

threads = [threading.Thread(target=add, args=(2_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)   # 8000, every time`,
};
