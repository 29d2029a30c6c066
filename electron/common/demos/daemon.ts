/** The daemon demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface DaemonRun {
  readonly daemon: boolean;
  readonly stepsDone: number;
  readonly totalSteps: number;
  /** ms from the child's start */
  readonly mainEndedMs: number;
  readonly processExitMs: number;
  readonly exitCode: number | null;
}

export interface DaemonDetails {
  readonly kind: 'daemon';
  readonly stepMs: number;
  readonly runs: readonly DaemonRun[];
}

export const daemonDemo: DemoDefinition<'daemon', DaemonDetails> = {
  id: 'daemon',
  title: 'Daemon threads at exit',
  concept: 'daemon threads',
  summary:
    'When a program’s main thread is done, the runtime waits for every normal thread to finish but simply abandons daemon threads, wherever they are. Here a small program runs twice as a real process: once with a daemon worker, once with a normal one, and we count how many steps each got through.',
  question: {
    prompt: 'The main thread ends while its worker still has steps to do. How far does the worker get?',
    choices: [
      { id: 'daemon-cut', label: 'A daemon worker is cut off; a normal one finishes' },
      { id: 'both-finish', label: 'Both finish all their steps' },
      { id: 'both-cut', label: 'Both are cut off' },
    ],
  },
  params: [
    param('steps', 'Steps of work the worker has to do', { min: 4, max: 50, default: 10 }),
    param('stepMs', 'Time per step', { min: 5, max: 200, default: 30, unit: 'ms' }),
    param('mainMs', 'How long the main thread works before it ends', {
      min: 10,
      max: 1000,
      default: 100,
      unit: 'ms',
    }),
  ],
  timeLimitMs: 30_000,
  uses: ['threads', 'processes'],
  python: `import threading, time

def work(steps):
    for i in range(steps):
        time.sleep(0.03)
        print("step", i + 1, flush=True)

threading.Thread(target=work, args=(10,), daemon=True).start()
time.sleep(0.1)
print("main is done")   # the daemon thread is abandoned here
# with daemon=False the interpreter would wait for all 10 steps`,
};
