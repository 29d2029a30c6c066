/** The semaphore demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface SemaphoreDetails {
  readonly kind: 'semaphore';
  readonly workers: number;
  readonly limit: number;
  readonly rounds: number;
  readonly sectionMs: number;
  /** the most workers inside at once, from an Atomics counter updated on every entry */
  readonly maxInsideCounter: number;
  /** the same from the lanes' in-section spans */
  readonly maxInsideLanes: number;
  readonly entries: number;
  readonly waitedMs: readonly number[];
}

export const semaphoreDemo: DemoDefinition<'semaphore', SemaphoreDetails> = {
  id: 'semaphore',
  title: 'Semaphore',
  concept: 'semaphore',
  summary:
    'A semaphore holds K permits. A worker takes one to enter the guarded section and gives it back when it leaves; with none left, the next worker waits. So however many workers there are, at most K are inside at any moment, which the lanes and a shared counter both show.',
  question: {
    prompt:
      'Several workers share a semaphore of K permits. How many are inside the section at the busiest moment?',
    choices: [
      { id: 'k', label: 'Exactly K, never more' },
      { id: 'one', label: 'Only one' },
      { id: 'all', label: 'All of them' },
    ],
  },
  params: [
    param('workers', 'Workers', { min: 2, max: 12, default: 6 }),
    param('limit', 'Permits (K)', { min: 1, max: 8, default: 2 }),
    param('rounds', 'Times each worker enters', { min: 1, max: 10, default: 3 }),
    param('sectionMs', 'Time inside the section', { min: 5, max: 500, default: 40, unit: 'ms' }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads'],
  python: `import threading, time

permits = threading.Semaphore(2)
count_lock = threading.Lock()
inside = most = 0

def worker(n):
    global inside, most
    for _ in range(3):
        with permits:            # at most 2 threads in here at once
            with count_lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.04)
            with count_lock:
                inside -= 1
        time.sleep(0.01)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print("most inside at once:", most)   # 2, never more`,
};
