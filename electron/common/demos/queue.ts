/** The queue demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface QueueSide {
  readonly workers: number;
  readonly items: number;
  /** times a put (or get) found the queue full (or empty) and blocked */
  readonly blockedCount: number;
  readonly blockedMs: number;
}

export interface QueueDetails {
  readonly kind: 'queue';
  readonly capacity: number;
  readonly producers: QueueSide;
  readonly consumers: QueueSide;
  readonly maxOccupancy: number;
  /** sum of the items put equals sum of the items got */
  readonly checksumOk: boolean;
}

export const queueDemo: DemoDefinition<'queue', QueueDetails> = {
  id: 'queue',
  title: 'Bounded queue',
  concept: 'queue / producer-consumer',
  summary:
    'Producers put items into a queue of fixed size; consumers take them out. Consumers start first and find it empty, so they wait; then producers outpace them, the queue fills up, and producers wait. Nothing is lost and the queue never holds more than its size.',
  question: {
    prompt: 'Producers are faster than consumers and the queue holds only a few items. What happens?',
    choices: [
      { id: 'producers-wait', label: 'Producers wait whenever the queue is full' },
      { id: 'grows', label: 'The queue grows beyond its size' },
      { id: 'dropped', label: 'Items are dropped' },
    ],
  },
  params: [
    param('capacity', 'Queue size', { min: 1, max: 32, default: 4 }),
    param('producers', 'Producers', { min: 1, max: 4, default: 2 }),
    param('consumers', 'Consumers', { min: 1, max: 4, default: 2 }),
    param('items', 'Items per producer', { min: 1, max: 100, default: 12 }),
    param('produceMs', 'Time to make an item', { min: 1, max: 200, default: 5, unit: 'ms' }),
    param('consumeMs', 'Time to handle an item', { min: 1, max: 200, default: 20, unit: 'ms' }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads'],
  python: `import queue, threading, time

q = queue.Queue(maxsize=4)
STOP = object()

done = []

def producer(items):
    for item in items:
        time.sleep(0.005)
        q.put(item)              # blocks while the queue is full

def consumer():
    while (item := q.get()) is not STOP:   # blocks while it is empty
        time.sleep(0.02)
        done.append(item)

consumers = [threading.Thread(target=consumer) for _ in range(2)]
producers = [threading.Thread(target=producer, args=(range(12),)) for _ in range(2)]
for t in consumers + producers: t.start()
for t in producers: t.join()
for _ in consumers: q.put(STOP)
for t in consumers: t.join()
print(len(done), "items consumed")   # 24: every item, none lost`,
};
