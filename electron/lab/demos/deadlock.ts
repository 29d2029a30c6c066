/**
 * deadlock: two threads take locks A and B in opposite orders with a rendezvous in between, so each holds one
 * and wants the other. The host watches the published lock table, finds the cycle (or notices that nothing
 * moves for a while), terminates both threads, then runs both classic fixes to completion.
 */
import type { DeadlockDetails, DeadlockEdge, DeadlockFix } from '../../common/demos';
import {
  DEADLOCK_KERNEL,
  DEADLOCK_SLOTS,
  type DeadlockInput,
  HOLDER,
  LOCK_NAMES,
  ROUNDS_DONE,
  WANTS,
} from '../../../workloads/demos/kernels/deadlock';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { ms } from './numbers';
import { findCycle } from './wait-for-graph';

const CONFIRM_POLLS = 3;
const POLL_MS = 10;
const FIX_LIMIT_MS = 15_000;

type Input = DeadlockInput;

function table(a: Int32Array) {
  return { holder: [a[HOLDER] ?? 0, a[HOLDER + 1] ?? 0], wants: [a[WANTS] ?? 0, a[WANTS + 1] ?? 0] };
}

function start(ctx: DemoContext, group: string, make: (me: 0 | 1, sab: SharedArrayBuffer) => Input) {
  const sab = new SharedArrayBuffer(DEADLOCK_SLOTS * 4);
  const workers = ([0, 1] as const).map((me) =>
    ctx.thread(DEADLOCK_KERNEL, make(me, sab), { id: `${group}-T${me + 1}`, label: `T${me + 1}`, group }),
  );
  return { a: new Int32Array(sab), workers };
}

async function deadlockRun(ctx: DemoContext, stallMs: number) {
  ctx.phase('opposite lock orders');
  const { a, workers } = start(ctx, 'deadlock', (me, sab) => ({
    sab,
    me,
    order: me === 0 ? [0, 1] : [1, 0],
    strategy: 'plain',
    rendezvous: true,
    rounds: 1,
    holdMs: 0,
    timeoutMs: 0,
  }));
  let seen = 0;
  let cycle: DeadlockEdge[] = [];
  let by: DeadlockDetails['detectedBy'] = 'none';
  // Progress is any change in the lock table or the rounds: on a busy machine the threads may need longer
  // than stallMs just to start and take their first lock, which is not a stall.
  let progress = '';
  let stillSince = ctx.now();
  let stillPolls = 0;
  const finished = Promise.all(workers.map((w) => w.result)).then(() => true);
  finished.catch(() => undefined); // rejected on purpose when the threads are terminated below
  while (by === 'none') {
    const done = await ctx.guard(Promise.race([finished, ctx.sleep(POLL_MS).then(() => false)]));
    if (done) break;
    const c = findCycle(table(a));
    seen = c ? seen + 1 : 0;
    if (c && seen >= CONFIRM_POLLS) {
      by = 'wait-for-graph';
      cycle = c.map((e) => ({
        thread: `T${e.thread + 1}`,
        holds: LOCK_NAMES[e.holds] ?? '?',
        wants: LOCK_NAMES[e.wants] ?? '?',
      }));
    }
    const p = [a[ROUNDS_DONE], a[ROUNDS_DONE + 1], a[HOLDER], a[HOLDER + 1], a[WANTS], a[WANTS + 1]].join();
    if (p !== progress) [progress, stillSince, stillPolls] = [p, ctx.now(), 0];
    // A stall needs a thread that waits for a lock (threads still starting are not stuck), and the wait-for
    // graph gets its CONFIRM_POLLS looks at a still table before the timeout may claim it.
    else if (
      (a[WANTS] || a[WANTS + 1]) &&
      ++stillPolls > CONFIRM_POLLS &&
      by === 'none' &&
      ctx.now() - stillSince > stallMs
    )
      by = 'timeout';
  }
  const detectedAt = ctx.now();
  // Measured from the later of the two threads blocking on its second lock.
  const blockedAt = Math.max(
    ...ctx.board
      .snapshot(detectedAt)
      .filter((l) => l.group === 'deadlock')
      .map((l) => l.spans.filter((s) => s.state === 'blocked').at(-1)?.startMs ?? detectedAt),
  );
  ctx.phase('recovery: terminate both threads');
  const t0 = performance.now();
  await Promise.all(workers.map((w) => w.terminate()));
  const terminateMs = performance.now() - t0;
  return {
    detected: by !== 'none',
    detectedBy: by,
    detectedAfterMs: Math.max(0, detectedAt - blockedAt),
    cycle,
    recovery: { terminated: workers.length, terminateMs, remaining: workers.filter((w) => w.alive).length },
  };
}

async function fix(ctx: DemoContext, name: DeadlockFix['name']): Promise<DeadlockFix> {
  const rounds = ctx.param('rounds');
  const holdMs = ctx.scaled(ctx.param('holdMs'));
  const timeoutMs = ctx.scaled(ctx.param('timeoutMs'));
  const ordered = name === 'lock-order';
  const description = ordered
    ? 'both threads take A before B'
    : 'opposite orders, but the second lock is tried with a timeout; on failure let go, back off, retry';
  ctx.phase(`fix: ${description}`);
  const t0 = ctx.now();
  const { workers } = start(ctx, `fix: ${name}`, (me, sab) => ({
    sab,
    me,
    order: ordered || me === 0 ? [0, 1] : [1, 0],
    strategy: ordered ? 'plain' : 'timeout',
    rendezvous: !ordered,
    rounds,
    holdMs,
    timeoutMs,
  }));
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>(
    (resolve) => (timer = setTimeout(() => resolve(null), FIX_LIMIT_MS * ctx.slow)),
  );
  const outs = await ctx.guard(Promise.race([Promise.all(workers.map((w) => w.result)), limit]));
  clearTimeout(timer);
  if (!outs) await Promise.all(workers.map((w) => w.terminate()));
  return {
    name,
    description,
    completed: outs !== null,
    rounds: outs ? Math.min(...outs.map((o) => o.rounds)) : 0,
    ms: ctx.now() - t0,
    retries: outs ? outs.reduce((s, o) => s + o.retries, 0) : 0,
  };
}

export const deadlock: DemoModule = {
  id: 'deadlock',
  sources: [
    'workloads/demos/kernels/deadlock.ts',
    'electron/lab/demos/wait-for-graph.ts',
    'workloads/demos/sync.ts',
  ],
  async run(ctx) {
    const found = await deadlockRun(ctx, ctx.scaled(ctx.param('stallMs')));
    const fixes = [await fix(ctx, 'lock-order'), await fix(ctx, 'timeout-retry')];
    const [order, retry] = fixes as [DeadlockFix, DeadlockFix];
    const cycleText = found.cycle.map((e) => `${e.thread} holds ${e.holds}, wants ${e.wants}`).join(' → ');
    const how =
      found.detectedBy === 'wait-for-graph'
        ? `the wait-for graph showed a cycle (${cycleText})`
        : 'nothing moved for too long';
    const details: DeadlockDetails = { kind: 'deadlock', ...found, fixes };
    return {
      sentence: found.detected
        ? `Both threads got their first lock and then waited for each other: ${how}, found ${ms(found.detectedAfterMs)} ms after they blocked; ` +
          `both were terminated in ${ms(found.recovery.terminateMs)} ms (${found.recovery.remaining} left running). ` +
          `With one lock order both ${order.completed ? `finished ${order.rounds} rounds in ${ms(order.ms)} ms` : 'did NOT finish'}; ` +
          `with timeout and retry both ${retry.completed ? `finished ${retry.rounds} rounds in ${ms(retry.ms)} ms after ${retry.retries} retries` : 'did NOT finish'}.`
        : `The threads finished without deadlocking this time, so there was nothing to recover from.`,
      answer: {
        choice: found.detected ? 'deadlock' : 'one-wins',
        why: found.detected
          ? `detected by ${found.detectedBy}: ${cycleText || 'no progress'}`
          : 'both threads finished',
      },
      metrics: [
        metric('detectedAfterMs', 'deadlock found after', found.detectedAfterMs, 'ms'),
        metric('terminateMs', 'both threads terminated in', found.recovery.terminateMs, 'ms'),
        metric('remaining', 'threads left running', found.recovery.remaining, 'count'),
        metric('lockOrderMs', 'fix 1 (one lock order) took', order.ms, 'ms'),
        metric('timeoutRetryMs', 'fix 2 (timeout + retry) took', retry.ms, 'ms'),
        metric('retries', 'fix 2 retries', retry.retries, 'count'),
      ],
      details,
    };
  },
};
