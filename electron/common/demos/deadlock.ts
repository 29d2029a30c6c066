/** The deadlock demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface DeadlockEdge {
  readonly thread: string;
  readonly holds: string;
  readonly wants: string;
}

export interface DeadlockFix {
  readonly name: 'lock-order' | 'timeout-retry';
  readonly description: string;
  readonly completed: boolean;
  readonly rounds: number;
  readonly ms: number;
  /** timed-out acquisitions that were backed off and retried */
  readonly retries: number;
}

export interface DeadlockDetails {
  readonly kind: 'deadlock';
  readonly detected: boolean;
  readonly detectedBy: 'wait-for-graph' | 'timeout' | 'none';
  /** ms from the moment both threads held their first lock */
  readonly detectedAfterMs: number;
  readonly cycle: readonly DeadlockEdge[];
  readonly recovery: {
    readonly terminated: number;
    readonly terminateMs: number;
    /** workers still running after recovery (must be 0) */
    readonly remaining: number;
  };
  readonly fixes: readonly DeadlockFix[];
}

export const deadlockDemo: DemoDefinition<'deadlock', DeadlockDetails> = {
  id: 'deadlock',
  title: 'Deadlock',
  concept: 'deadlock',
  summary:
    'Thread 1 takes lock A then lock B; thread 2 takes B then A. If each gets its first lock, each waits for the other’s forever. Here it happens for real; the lab spots the cycle in the wait-for graph (who holds what, who wants what), stops both threads, and then runs the two usual fixes: one lock order for everybody, or giving up after a timeout, backing off and trying again.',
  question: {
    prompt: 'Thread 1 holds A and wants B; thread 2 holds B and wants A. What happens?',
    choices: [
      { id: 'deadlock', label: 'Both wait for each other forever' },
      { id: 'one-wins', label: 'One of them gets through, then the other' },
      { id: 'error', label: 'The runtime raises an error' },
    ],
  },
  params: [
    param('rounds', 'Rounds each fixed version runs', { min: 1, max: 100, default: 20 }),
    param('holdMs', 'Time spent holding locks each round', { min: 0, max: 20, default: 1, unit: 'ms' }),
    param('timeoutMs', 'Timeout of the second acquire in the timeout fix', {
      min: 5,
      max: 500,
      default: 40,
      unit: 'ms',
    }),
    param('stallMs', 'No progress for this long also counts as deadlocked', {
      min: 200,
      max: 5000,
      default: 1500,
      unit: 'ms',
    }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads'],
  python: `import threading

a, b = threading.Lock(), threading.Lock()
both_hold_one = threading.Barrier(2)

def worker(first, second):
    with first:
        both_hold_one.wait()
        with second:          # waits forever: the other thread holds it
            pass

threading.Thread(target=worker, args=(a, b)).start()
threading.Thread(target=worker, args=(b, a)).start()

# fix 1: everybody takes a before b
# fix 2: if not second.acquire(timeout=0.04): release first, sleep a
#        random moment, try again`,
};
