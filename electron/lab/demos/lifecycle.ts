/**
 * lifecycle: Thread objects that do nothing before start(), are alive while they run, are waited for by
 * join(), refuse a second start(), and move the active count up and down.
 */
import type { LifecycleThreadInfo } from '../../common/demos';
import { metric, type DemoModule } from './demo-module';
import { ms } from './numbers';
import { Threading } from './pythonic-thread';

export const lifecycle: DemoModule = {
  id: 'lifecycle',
  sources: ['electron/lab/demos/pythonic-thread.ts', 'workloads/demos/kernels/lifecycle.ts'],
  async run(ctx) {
    const n = ctx.param('threads');
    const baseMs = ctx.scaled(ctx.param('workMs'));
    const ran = new Int32Array(new SharedArrayBuffer(4 * n));
    const threading = new Threading(ctx);
    ctx.lane({ id: 'main', label: 'main thread' }, 'main');

    ctx.phase('threads created, not started');
    ctx.state('main', 'running', 'creates threads');
    const workMs = Array.from({ length: n }, (_, i) => Math.round(baseMs * (1 + i / 2)));
    const threads = workMs.map((w, i) =>
      threading.Thread(`worker-${i + 1}`, { ran: ran.buffer as SharedArrayBuffer, index: i, workMs: w }),
    );
    const aliveBefore = threads.map((t) => t.isAlive());
    ctx.state('main', 'sleeping', 'pause before start()');
    await ctx.sleep(ctx.scaled(60));
    const ranBefore = threads.map((_, i) => Atomics.load(ran, i) === 1);

    ctx.phase('start()');
    ctx.state('main', 'running', 'start()');
    for (const t of threads) t.start();
    // Asked as soon as each body runs: its end cannot have been seen yet, however short its work.
    const aliveWhile = await Promise.all(threads.map((t) => t.running().then(() => t.isAlive())));
    const peak = Math.max(...threading.history.map((h) => h.count));

    let doubleStart = { threw: false, error: '' };
    try {
      threads[0]?.start();
    } catch (err) {
      doubleStart = { threw: true, error: `${(err as Error).name}: ${(err as Error).message}` };
    }

    ctx.phase('join()');
    const last = threads[n - 1];
    if (!last) throw new Error('lifecycle: no threads');
    ctx.state('main', 'waiting', `join(${last.name})`);
    const joinStart = ctx.now();
    const endedAt = await last.join();
    const joinReturned = ctx.now();
    for (const t of threads) await t.join();
    ctx.state('main', null);
    const aliveAfter = threads.map((t) => t.isAlive());

    const infos: LifecycleThreadInfo[] = threads.map((t, i) => ({
      name: t.name,
      ident: t.ident ?? -1,
      ranBeforeStart: ranBefore[i] ?? false,
      aliveBeforeStart: aliveBefore[i] ?? false,
      aliveWhileRunning: aliveWhile[i] ?? false,
      aliveAfterJoin: aliveAfter[i] ?? false,
      workMs: workMs[i] ?? 0,
    }));
    const counts = threading.history.map((h) => h.count);
    const ranEarly = ranBefore.filter(Boolean).length;
    const blockedMs = joinReturned - joinStart;
    const afterEnd = joinReturned - endedAt;
    const final = threading.activeCount();
    return {
      sentence:
        `Before start() ${ranEarly} of ${n} thread bodies had run and is_alive() was ${aliveBefore.some(Boolean)}; ` +
        `after start() is_alive() was ${aliveWhile.every(Boolean)} for all ${n}; join(${last.name}) blocked main for ${ms(blockedMs)} ms ` +
        `and returned ${ms(afterEnd)} ms after the thread ended, when is_alive() became ${aliveAfter.some(Boolean)}; ` +
        `the active count went ${counts[0]} → ${peak} → ${final} (main included); ` +
        `a second start() ${doubleStart.threw ? `raised "${doubleStart.error}"` : 'did not raise'}.`,
      answer: {
        choice: doubleStart.threw ? 'error' : 'runs-again',
        why: doubleStart.threw ? doubleStart.error : 'the second start() did not raise',
      },
      metrics: [
        metric('ranBeforeStart', 'bodies run before start()', ranEarly, 'count'),
        metric('joinBlockedMs', `join(${last.name}) blocked for`, blockedMs, 'ms'),
        metric('joinAfterEndMs', 'join returned after the end by', afterEnd, 'ms'),
        metric('peakActive', 'active count at the peak', peak, 'count'),
        metric('finalActive', 'active count at the end', final, 'count'),
      ],
      details: {
        kind: 'lifecycle',
        threads: infos,
        join: { name: last.name, blockedMs, returnedAfterEndMs: afterEnd },
        doubleStart,
        activeCount: threading.history,
      },
    };
  },
};
