/** The atomics demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { CounterDetails } from './counter';
import type { DemoDefinition } from './definition';

export const atomicsDemo: DemoDefinition<'atomics', CounterDetails> = {
  id: 'atomics',
  title: 'Atomic increment',
  concept: 'lock (and its cheaper alternative)',
  summary:
    'Atomics.add does read, add and write as one indivisible step, so there is no gap for another thread to slip into: exact like a lock, without taking one. Compared here with the lock and with the unsynchronised version, all with no extra work in between.',
  question: {
    prompt:
      'Atomics.add against a lock around the increment: which gives the exact count, and which is faster?',
    choices: [
      { id: 'both-atomic-faster', label: 'Both exact; the atomic add is faster' },
      { id: 'both-lock-faster', label: 'Both exact; the lock is faster' },
      { id: 'lock-only', label: 'Only the lock is exact' },
    ],
  },
  params: [
    param('threads', 'Threads incrementing the counter', { min: 2, max: 8, default: 4 }),
    param('iterations', 'Increments per thread per run', { min: 100, max: 500_000, default: 100_000 }),
    param('runs', 'Runs', { min: 1, max: 20, default: 3 }),
  ],
  timeLimitMs: 60_000,
  uses: ['threads'],
  python: `# Python has no atomic integer in the standard library; the closest
# equivalent of Atomics.add is a counter that is only ever changed
# in one indivisible step, e.g. itertools.count() under CPython:
import itertools, threading

ticket = itertools.count(1)
last = [0]

def add(n):
    for _ in range(n):
        last[0] = next(ticket)   # one C call: no gap between read and write

threads = [threading.Thread(target=add, args=(100_000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(next(ticket) - 1)   # 400000`,
};
