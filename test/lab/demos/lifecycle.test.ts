/** Demos about what threads and processes are: ids, memory, start-up, lifecycle, daemon exit, pools. */
import { describe, expect, it } from 'vitest';
import { run } from '../../support/demos';

describe('threads and processes', () => {
  it('thread-vs-process: same PID for the thread, its own for the child; the child write is not seen', async () => {
    const o = await run('thread-vs-process');
    if (o.details.kind !== 'thread-vs-process') throw new Error('wrong details');
    const d = o.details;
    expect(d.main.pid).toBe(process.pid);
    expect(d.thread.pid).toBe(process.pid);
    expect(d.thread.threadId).toBeGreaterThan(0);
    expect(d.process.pid).not.toBe(process.pid);
    expect(d.sharedWrite).toEqual({ wrote: 42, mainAfterThread: 42, childSawOwnCopy: 42, mainAfterChild: 0 });
    expect(o.answer.choice).toBe('thread');
    expect(d.spawnMs.thread).toHaveLength(3);
    expect(d.spawnMs.process).toHaveLength(3);
    expect(Math.min(...d.spawnMs.thread, ...d.spawnMs.process)).toBeGreaterThan(0);
    expect(o.sentence).toContain(`PID ${d.process.pid}`);
    expect(o.lanes.find((l) => l.id === 'process')?.pid).toBe(d.process.pid);
  });

  it('lifecycle: runs only after start, join waits for the end, alive in between, double start throws', async () => {
    const o = await run('lifecycle');
    if (o.details.kind !== 'lifecycle') throw new Error('wrong details');
    const d = o.details;
    for (const t of d.threads) {
      expect(t).toMatchObject({
        ranBeforeStart: false,
        aliveBeforeStart: false,
        aliveWhileRunning: true,
        aliveAfterJoin: false,
      });
      expect(t.ident).toBeGreaterThan(0);
    }
    expect(d.doubleStart).toEqual({ threw: true, error: 'RuntimeError: threads can only be started once' });
    // join blocked at least for the joined thread's remaining work, and came back promptly after its end.
    expect(d.join.blockedMs).toBeGreaterThan(40);
    expect(d.join.returnedAfterEndMs).toBeLessThan(50);
    const counts = d.activeCount.map((c) => c.count);
    expect(counts[0]).toBe(1);
    expect(Math.max(...counts)).toBe(4);
    expect(counts.at(-1)).toBe(1);
    expect(o.answer.choice).toBe('error');
  });

  it('daemon: the daemon worker is cut off at exit, the normal one is waited for', async () => {
    const o = await run('daemon');
    if (o.details.kind !== 'daemon') throw new Error('wrong details');
    const [daemon, normal] = o.details.runs;
    if (!daemon || !normal) throw new Error('missing run');
    expect(daemon.daemon).toBe(true);
    expect(daemon.stepsDone).toBeLessThan(6);
    expect(normal.stepsDone).toBe(6);
    expect(normal.processExitMs).toBeGreaterThan(normal.mainEndedMs);
    expect(daemon.exitCode).toBe(0);
    expect(normal.exitCode).toBe(0);
    expect(o.sentence).toContain(`only ${daemon.stepsDone} of 6`);
    expect(o.answer.choice).toBe('daemon-cut');
  });

  it('pools: futures complete as jobs finish, map keeps submission order, every pool agrees', async () => {
    const o = await run('pools');
    if (o.details.kind !== 'pools') throw new Error('wrong details');
    expect(o.details.pools.map((p) => p.pool)).toEqual(['threads', 'processes', 'gil-threads']);
    for (const p of o.details.pools) {
      expect([...p.completionOrder].sort()).toEqual([0, 1, 2, 3]);
      expect(p.mapOrder).toEqual([0, 1, 2, 3]);
      expect(p.resultsOk).toBe(true);
    }
    // Job 1 is a quarter of job 0 and both start at once on two workers: it nearly always finishes first.
    expect(o.details.pools.some((p) => p.completionOrder.join() !== '0,1,2,3')).toBe(true);
    expect(o.sentence).toContain(o.details.pools[0]?.completionOrder.join(', '));
  });
});
