/**
 * thread-vs-process: who am I (pid, thread id), what do I share, what does it cost to start me. A thread
 * writes into the parent's SharedArrayBuffer; a child process can only be given a copy, so its write stays
 * in the child. Spawn cost: creation to the entry's first message, one at a time, threads and processes
 * alternating.
 */
import { threadId as mainThreadId } from 'node:worker_threads';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { ms } from './numbers';
import { median } from '../../common/stats';
import { HELLO_KERNEL } from '../../../workloads/demos/kernels/hello';

const VALUE = 42;

async function spawnOnce(ctx: DemoContext, kind: 'thread' | 'process', i: number): Promise<number> {
  const lane = { id: `spawn-${kind}-${i}`, label: `${kind} #${i + 1} (spawn timing)`, group: 'spawn timing' };
  const t0 = performance.now();
  const w =
    kind === 'thread'
      ? ctx.thread(HELLO_KERNEL, { copy: [0], value: 0 }, lane)
      : ctx.process(HELLO_KERNEL, { copy: [0], value: 0 }, lane);
  await ctx.guard(w.ready);
  const took = performance.now() - t0;
  await ctx.guard(w.exited);
  return took;
}

export const threadVsProcess: DemoModule = {
  id: 'thread-vs-process',
  sources: ['workloads/demos/kernels/hello.ts'],
  async run(ctx) {
    const main = { pid: process.pid, threadId: mainThreadId };
    ctx.lane({ id: 'main', label: 'main thread' }, 'main', main);
    const memory = new Int32Array(new SharedArrayBuffer(4));

    ctx.phase('a thread writes 42 into the shared memory');
    ctx.state('main', 'waiting', 'join(thread)');
    const t = ctx.thread(
      HELLO_KERNEL,
      { shared: memory.buffer as SharedArrayBuffer, value: VALUE },
      { id: 'thread', label: 'thread' },
    );
    const thread = await ctx.guard(t.result);
    await ctx.guard(t.exited);
    const mainAfterThread = Atomics.load(memory, 0);

    ctx.phase('a child process writes 42 into its copy');
    Atomics.store(memory, 0, 0);
    ctx.state('main', 'waiting', 'join(process)');
    const p = ctx.process(
      HELLO_KERNEL,
      { copy: Array.from(memory), value: VALUE },
      { id: 'process', label: 'child process' },
    );
    const child = await ctx.guard(p.result);
    await ctx.guard(p.exited);
    const mainAfterChild = Atomics.load(memory, 0);

    ctx.phase('spawn cost');
    ctx.state('main', 'running', 'times spawns');
    const spawns = ctx.param('spawns');
    const threadMs: number[] = [];
    const processMs: number[] = [];
    for (let i = 0; i < spawns; i++) {
      threadMs.push(await spawnOnce(ctx, 'thread', i));
      processMs.push(await spawnOnce(ctx, 'process', i));
    }
    ctx.state('main', null);
    const tMed = median(threadMs);
    const pMed = median(processMs);

    const threadSees = mainAfterThread === VALUE;
    const childSees = mainAfterChild === VALUE;
    const choice =
      threadSees && childSees ? 'both' : threadSees ? 'thread' : childSees ? 'process' : 'neither';
    const samePid = thread.pid === main.pid;
    return {
      sentence:
        `The thread reported PID ${thread.pid} (${samePid ? 'the same as' : 'unlike'} main's ${main.pid}) and thread id ${thread.threadId}; ` +
        `the child process reported PID ${child.pid}. After the thread wrote ${VALUE}, main read ${mainAfterThread}; ` +
        `after the child wrote ${VALUE} (it read back ${child.sawInOwnMemory} in its own copy), main read ${mainAfterChild}. ` +
        `Starting a thread took ${ms(tMed)} ms and a process ${ms(pMed)} ms (medians of ${spawns}).`,
      answer: {
        choice,
        why: `main read ${mainAfterThread} after the thread's write and ${mainAfterChild} after the child's: the child changed only its copy`,
      },
      metrics: [
        metric('mainPid', 'main PID', main.pid, 'pid'),
        metric('threadPid', 'thread PID', thread.pid, 'pid'),
        metric('processPid', 'child PID', child.pid, 'pid'),
        metric('mainAfterThread', 'main reads after the thread wrote 42', mainAfterThread, 'value'),
        metric('mainAfterChild', 'main reads after the child wrote 42', mainAfterChild, 'value'),
        metric('threadSpawnMs', 'thread start-up (median)', tMed, 'ms'),
        metric('processSpawnMs', 'process start-up (median)', pMed, 'ms'),
      ],
      details: {
        kind: 'thread-vs-process',
        main,
        thread: { pid: thread.pid, threadId: thread.threadId },
        process: { pid: child.pid, threadId: child.threadId },
        sharedWrite: { wrote: VALUE, mainAfterThread, childSawOwnCopy: child.sawInOwnMemory, mainAfterChild },
        spawnMs: { thread: threadMs, process: processMs },
        spawnMedianMs: { thread: tMed, process: pMed },
      },
    };
  },
};
