/**
 * A thread's own CPU clock must count a short burst: the sampler's readings take tens of microseconds, and a
 * clock that only moves at the kernel's ticks counted most of them as nothing. The process clock
 * (getrusage, exact for the calling thread) is the reference, so a busy machine does not change the ratio.
 */
import { describe, expect, it } from 'vitest';
import { processCpuClock, threadCpuClock } from '../../workloads/cpu-clock';

const hasThreadClock = threadCpuClock() !== null;
if (!hasThreadClock)
  console.warn(
    'test/workloads/cpu-clock: skipped, no /proc/thread-self/schedstat to read a thread clock from',
  );

describe('the per-thread CPU clock', () => {
  it.runIf(hasThreadClock)('counts 0.3 ms bursts as about what the process clock counts', async () => {
    const thread = threadCpuClock();
    const proc = processCpuClock();
    if (!thread) return;
    let threadMs = 0;
    let processMs = 0;
    for (let i = 0; i < 100; i++) {
      // a fresh slice each time, as a timer's callback gets
      await new Promise((r) => setTimeout(r, 1));
      const p0 = proc.nowMs();
      const t0 = thread.nowMs();
      const until = performance.now() + 0.3;
      while (performance.now() < until);
      threadMs += thread.nowMs() - t0;
      processMs += proc.nowMs() - p0;
    }
    expect(processMs).toBeGreaterThan(0);
    // a tick-only clock gave about a fifth; other threads' time can only make the process's figure larger
    expect(threadMs).toBeGreaterThan(processMs * 0.6);
  });
});
