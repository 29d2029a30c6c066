/** The thread-vs-process demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition, ExecId } from './definition';

export interface ThreadVsProcessDetails {
  readonly kind: 'thread-vs-process';
  readonly main: ExecId;
  readonly thread: ExecId;
  readonly process: ExecId;
  /** the value written; what main read after the thread wrote it to shared memory; what the child saw in its
   * own copy after writing; what main read after the child's write */
  readonly sharedWrite: {
    readonly wrote: number;
    readonly mainAfterThread: number;
    readonly childSawOwnCopy: number;
    readonly mainAfterChild: number;
  };
  /** ms from creation to the entry's first message, each spawn on its own */
  readonly spawnMs: { readonly thread: readonly number[]; readonly process: readonly number[] };
  readonly spawnMedianMs: { readonly thread: number; readonly process: number };
}

export const threadVsProcessDemo: DemoDefinition<'thread-vs-process', ThreadVsProcessDetails> = {
  id: 'thread-vs-process',
  title: 'Threads and processes',
  concept: 'thread vs process; shared data',
  summary:
    'A thread lives inside our process: same PID, same memory, so what it writes we read. A child process is a new program with its own PID and its own copy of memory: its writes stay in its copy. Starting a thread is also cheaper; here both are timed.',
  question: {
    prompt:
      'A thread and a child process each write 42 into memory the main program also holds. Whose write does the main program see?',
    choices: [
      { id: 'both', label: 'Both writes' },
      { id: 'thread', label: "Only the thread's" },
      { id: 'process', label: "Only the process's" },
      { id: 'neither', label: 'Neither' },
    ],
  },
  params: [
    param('spawns', 'How many threads and processes to start, one at a time, for the spawn timing', {
      min: 3,
      max: 15,
      default: 5,
    }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads', 'processes'],
  python: `import os, threading, multiprocessing as mp

box = [0]

def write():
    box[0] = 42
    print("pid", os.getpid(), "thread", threading.get_ident())

if __name__ == "__main__":
    t = threading.Thread(target=write); t.start(); t.join()
    print(box[0])   # 42: the thread changed our list
    box[0] = 0
    p = mp.Process(target=write); p.start(); p.join()
    print(box[0])   # 0: the child changed its own copy`,
};
