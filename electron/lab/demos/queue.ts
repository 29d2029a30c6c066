/** queue: producers and consumers through a bounded ring buffer in shared memory; blocks counted and timed. */
import type { QueueSide } from '../../common/demos';
import {
  Q_DATA,
  Q_FREE,
  Q_MAX,
  QUEUE_KERNEL,
  type QueueOutput,
} from '../../../workloads/demos/kernels/queue';
import { metric, type DemoModule } from './demo-module';
import { count, ms } from './numbers';

function side(outs: readonly QueueOutput[]): QueueSide {
  return {
    workers: outs.length,
    items: outs.reduce((s, o) => s + o.items, 0),
    blockedCount: outs.reduce((s, o) => s + o.blockedCount, 0),
    blockedMs: outs.reduce((s, o) => s + o.blockedMs, 0),
  };
}

export const queue: DemoModule = {
  id: 'queue',
  sources: ['workloads/demos/kernels/queue.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const capacity = ctx.param('capacity');
    const producers = ctx.param('producers');
    const consumers = ctx.param('consumers');
    const perProducer = ctx.param('items');
    const sab = new SharedArrayBuffer((Q_DATA + capacity) * 4);
    const a = new Int32Array(sab);
    Atomics.store(a, Q_FREE, capacity);
    const common = { sab, capacity, producers, consumers };
    ctx.phase(`queue of ${capacity}: consumers start first, producers a moment later`);
    const cs = Array.from({ length: consumers }, (_, i) =>
      ctx.thread(
        QUEUE_KERNEL,
        {
          ...common,
          role: 'consumer',
          items: [],
          startDelayMs: 0,
          itemMs: ctx.scaled(ctx.param('consumeMs')),
        },
        { id: `consumer-${i + 1}`, label: `consumer ${i + 1}` },
      ),
    );
    const ps = Array.from({ length: producers }, (_, i) =>
      ctx.thread(
        QUEUE_KERNEL,
        {
          ...common,
          role: 'producer',
          items: Array.from({ length: perProducer }, (_, k) => (i + 1) * 1000 + k + 1),
          startDelayMs: ctx.scaled(150),
          itemMs: ctx.scaled(ctx.param('produceMs')),
        },
        { id: `producer-${i + 1}`, label: `producer ${i + 1}` },
      ),
    );
    const pOut = await ctx.guard(Promise.all(ps.map((w) => w.result)));
    const cOut = await ctx.guard(Promise.all(cs.map((w) => w.result)));
    const prod = side(pOut);
    const cons = side(cOut);
    const maxOccupancy = Atomics.load(a, Q_MAX);
    const sumIn = pOut.reduce((s, o) => s + o.sum, 0);
    const sumOut = cOut.reduce((s, o) => s + o.sum, 0);
    const checksumOk = sumIn === sumOut && prod.items === cons.items;
    const choice = maxOccupancy > capacity ? 'grows' : !checksumOk ? 'dropped' : 'producers-wait';
    return {
      sentence:
        `${prod.items} items went in and ${cons.items} came out (sums ${sumIn === sumOut ? 'equal' : 'DIFFER'}); the queue never held more than ` +
        `${maxOccupancy} of its ${capacity} slots. Producers found it full ${prod.blockedCount} times and waited ${ms(prod.blockedMs)} ms in all; ` +
        `consumers found it empty ${cons.blockedCount} times and waited ${ms(cons.blockedMs)} ms.`,
      answer: {
        choice,
        why: `most items held: ${maxOccupancy}/${capacity}; producer blocks: ${count(prod.blockedCount)}`,
      },
      metrics: [
        metric('capacity', 'queue size', capacity, 'count'),
        metric('maxOccupancy', 'most items held', maxOccupancy, 'count'),
        metric('producerBlocks', 'puts that waited (full)', prod.blockedCount, 'count'),
        metric('producerBlockedMs', 'producers waiting', prod.blockedMs, 'ms'),
        metric('consumerBlocks', 'gets that waited (empty)', cons.blockedCount, 'count'),
        metric('consumerBlockedMs', 'consumers waiting', cons.blockedMs, 'ms'),
      ],
      details: { kind: 'queue', capacity, producers: prod, consumers: cons, maxOccupancy, checksumOk },
    };
  },
};
