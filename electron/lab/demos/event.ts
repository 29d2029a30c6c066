/**
 * event: workers block on a flag (red light); once all are waiting the main thread sets it (green) and we
 * measure, per worker, the time from set() to running again.
 */
import { EVENT_KERNEL, EVENT_SLOTS, LIGHT, WAITING } from '../../../workloads/demos/kernels/event';
import { monoNow } from '../../../workloads/clock';
import { Flag } from '../../../workloads/demos/sync';
import { metric, type DemoModule } from './demo-module';
import { count, ms } from './numbers';
import { median } from '../../common/stats';

export const event: DemoModule = {
  id: 'event',
  sources: ['workloads/demos/kernels/event.ts', 'workloads/demos/sync.ts'],
  async run(ctx) {
    const n = ctx.param('workers');
    const redMs = ctx.scaled(ctx.param('redMs'));
    const sab = new SharedArrayBuffer(EVENT_SLOTS * 4);
    const a = new Int32Array(sab);
    ctx.lane({ id: 'main', label: 'main thread (the light)' }, 'main');
    ctx.state('main', 'running', 'red');
    ctx.phase('red light: workers wait');
    const ws = Array.from({ length: n }, (_, i) =>
      ctx.thread(
        EVENT_KERNEL,
        { sab, driveMs: ctx.scaled(60) },
        { id: `car-${i + 1}`, label: `worker ${i + 1}` },
      ),
    );
    await ctx.until(() => Atomics.load(a, WAITING) === n, 20_000 * ctx.slow, 'every worker to wait');
    await ctx.sleep(redMs);
    ctx.phase('green: set()');
    const setMono = monoNow();
    new Flag(a, LIGHT).set();
    ctx.state('main', 'running', 'green');
    const outs = await ctx.guard(Promise.all(ws.map((w) => w.result)));
    ctx.state('main', null);
    const latencyUs = outs.map((o) => (o.wokeAt - setMono) * 1000);
    const passedEarly = latencyUs.filter((l) => l < 0).length;
    const released = outs.length - passedEarly;
    const med = median(latencyUs);
    const max = Math.max(...latencyUs);
    const allAtOnce = released === n && max < 50_000;
    return {
      sentence:
        `${n} workers waited at the red light for ${ms(redMs)} ms and ${passedEarly} got through early; ` +
        `after set(), ${released} of ${n} were running again within ${count(max)} µs (median ${count(med)} µs).`,
      answer: {
        choice: allAtOnce ? 'all' : released <= 1 ? 'one' : 'queue',
        why: `${released}/${n} released, the last after ${count(max)} µs`,
      },
      metrics: [
        metric('released', 'workers released', released, 'count'),
        metric('passedEarly', 'passed before set()', passedEarly, 'count'),
        metric('medianLatencyUs', 'set() to running (median)', med, 'µs'),
        metric('maxLatencyUs', 'set() to running (slowest)', max, 'µs'),
      ],
      details: {
        kind: 'event',
        workers: n,
        redMs,
        setAtMs: ctx.ms(setMono),
        passedEarly,
        released,
        latencyUs,
        medianLatencyUs: med,
        maxLatencyUs: max,
      },
    };
  },
};
