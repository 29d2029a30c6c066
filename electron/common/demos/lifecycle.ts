/** The lifecycle demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface LifecycleThreadInfo {
  readonly name: string;
  readonly ident: number;
  /** did its body run in the pause between construction and start()? */
  readonly ranBeforeStart: boolean;
  readonly aliveBeforeStart: boolean;
  readonly aliveWhileRunning: boolean;
  readonly aliveAfterJoin: boolean;
  readonly workMs: number;
}

export interface LifecycleDetails {
  readonly kind: 'lifecycle';
  readonly threads: readonly LifecycleThreadInfo[];
  /** main joined the longest thread: how long join() blocked, and how soon after the thread's end it returned */
  readonly join: { readonly name: string; readonly blockedMs: number; readonly returnedAfterEndMs: number };
  readonly doubleStart: { readonly threw: boolean; readonly error: string };
  /** active thread count (main included) after every start and end */
  readonly activeCount: readonly { readonly atMs: number; readonly count: number }[];
}

export const lifecycleDemo: DemoDefinition<'lifecycle', LifecycleDetails> = {
  id: 'lifecycle',
  title: 'Start, join, is_alive',
  concept: 'start / join / alive; names, ids, active count',
  summary:
    'A Thread object does nothing until start(). join() makes the caller wait until the thread has finished; is_alive() is true only in between. A thread can be started once: a second start() raises an error. The active count includes the main thread and rises and falls as threads start and end.',
  question: {
    prompt: 'A thread has run to its end. What happens if you call start() on it again?',
    choices: [
      { id: 'runs-again', label: 'It runs a second time' },
      { id: 'ignored', label: 'Nothing: the call is ignored' },
      { id: 'error', label: 'An error is raised' },
    ],
  },
  params: [
    param('threads', 'Threads to start', { min: 2, max: 6, default: 3 }),
    param('workMs', 'Work time of the first thread (the others work longer)', {
      min: 20,
      max: 1000,
      default: 150,
      unit: 'ms',
    }),
  ],
  timeLimitMs: 20_000,
  uses: ['threads'],
  python: `import threading, time

def work(seconds):
    time.sleep(seconds)

t = threading.Thread(target=work, args=(0.15,), name="worker-1")
print(t.is_alive())               # False: not started
t.start()
print(t.is_alive(), threading.active_count())   # True 2
t.join()                          # blocks until work() returns
print(t.is_alive(), threading.active_count())   # False 1
try:
    t.start()
except RuntimeError as e:
    print(e)                      # threads can only be started once`,
};
