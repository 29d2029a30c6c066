/**
 * pools: the same CPU-bound jobs (different sizes) on a pool of threads, of processes and of GIL-bound
 * threads: the order futures complete in, the order map() returns in, and the time each pool took.
 */
import type { PoolKind, PoolRun } from '../../common/demos';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { ms, ratio } from './numbers';
import { HostPool } from './pool-host';

const SIZES = [4, 1, 3, 2];
const KINDS: readonly PoolKind[] = ['threads', 'processes', 'gil-threads'];

async function runPool(ctx: DemoContext, kind: PoolKind, jobs: readonly { id: number; bound: number }[]) {
  ctx.phase(`${kind} pool`);
  const t0 = performance.now();
  const pool = new HostPool(ctx, kind, ctx.param('poolSize'));
  await ctx.guard(pool.started());
  const startMs = performance.now() - t0;
  const t1 = performance.now();
  const completionOrder: number[] = [];
  const futures = jobs.map((j) => pool.submit(j.id, j.bound).then((r) => (completionOrder.push(r.id), r)));
  const results = await ctx.guard(Promise.all(futures)); // map(): in submission order
  const totalMs = performance.now() - t1;
  await ctx.guard(pool.shutdown());
  return {
    startMs,
    totalMs,
    completionOrder,
    mapOrder: results.map((r) => r.id),
    primes: results.map((r) => r.primes),
  };
}

export const pools: DemoModule = {
  id: 'pools',
  sources: ['electron/lab/demos/pool-host.ts', 'workloads/demos/kernels/pool.ts'],
  async run(ctx) {
    const size = ctx.param('poolSize');
    const jobs = Array.from({ length: ctx.param('jobs') }, (_, id) => ({
      id,
      size: SIZES[id % SIZES.length] ?? 1,
    }));
    const bounded = jobs.map((j) => ({ id: j.id, bound: j.size * ctx.param('bound') }));
    const raw = [];
    for (const kind of KINDS) raw.push({ kind, ...(await runPool(ctx, kind, bounded)) });
    const reference = raw[0]?.primes ?? [];
    const runs: PoolRun[] = raw.map((r) => ({
      pool: r.kind,
      startMs: r.startMs,
      totalMs: r.totalMs,
      completionOrder: r.completionOrder,
      mapOrder: r.mapOrder,
      resultsOk: r.primes.every((p, i) => p === reference[i]),
    }));
    const by = (k: PoolKind) => runs.find((r) => r.pool === k) as PoolRun;
    const [th, pr, gl] = [by('threads'), by('processes'), by('gil-threads')];
    const slowest = [...runs].sort((x, y) => y.totalMs - x.totalMs)[0] as PoolRun;
    const fastest = Math.min(...runs.map((r) => r.totalMs));
    const choice = slowest.totalMs / fastest < 1.25 ? 'same' : slowest.pool;
    const order = th.completionOrder.join(', ');
    return {
      sentence:
        `Submitted jobs 0 to ${jobs.length - 1}; on the thread pool their futures completed in the order ${order}, while map() gave them back in submission order. ` +
        `With ${size} workers the jobs took ${ms(th.totalMs)} ms on threads, ${ms(pr.totalMs)} ms on processes (plus ${ms(pr.startMs)} ms to start them, ` +
        `against ${ms(th.startMs)} ms for threads), and ${ms(gl.totalMs)} ms on GIL-bound threads (${ratio(gl.totalMs / th.totalMs)}× the threads).`,
      answer: {
        choice,
        why: `slowest: ${slowest.pool} at ${ms(slowest.totalMs)} ms; fastest ${ms(fastest)} ms`,
      },
      metrics: [
        metric('threadsMs', 'thread pool', th.totalMs, 'ms'),
        metric('processesMs', 'process pool', pr.totalMs, 'ms'),
        metric('gilThreadsMs', 'GIL-bound thread pool', gl.totalMs, 'ms'),
        metric('threadsStartMs', 'thread pool start-up', th.startMs, 'ms'),
        metric('processesStartMs', 'process pool start-up', pr.startMs, 'ms'),
      ],
      details: {
        kind: 'pools',
        poolSize: size,
        jobs: jobs.map((j) => ({ id: j.id, size: j.size })),
        pools: runs,
      },
      notes: runs.every((r) => r.resultsOk) ? [] : ['The pools disagreed on some results.'],
    };
  },
};
