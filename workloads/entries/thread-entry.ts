/**
 * Entry of every worker thread, for experiments and demos alike.
 * - Experiment runs (sequential, threads, async and gil models): the thread serves one `run` after another.
 *   A GIL-bound thread holds the emulated lock while it runs Python-like code and lets go only at
 *   checkpoints, on request, or around I/O.
 * - A demo kernel: the thread runs it, reports its result (or error) and then lets the thread end, as a
 *   Python thread ends when its function returns.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Gil } from '../gil/gil';
import {
  errorFields,
  type HostMessage,
  type RunJob,
  type ThreadWorkerData,
  type WorkerMessage,
} from '../protocol';
import { plainContext } from '../local-context';
import type { UnitContext } from '../types';
import { KernelSlot } from './run-kernel';
import { runJob } from './run-job';

const port = parentPort;
if (!port) throw new Error('thread-entry must run in a worker thread');
const data = workerData as ThreadWorkerData;
const gil = data.gil ? new Gil(data.gil, data.index) : null;
const post = (m: WorkerMessage) => port.postMessage(m);
const heapBytes = () => getHeapStatistics().used_heap_size;
const kernel = new KernelSlot(post);

async function run(job: RunJob): Promise<WorkerMessage> {
  if (!gil) return { ...(await runJob(job, plainContext(job.env), heapBytes)), gil: null };
  const ctx: UnitContext = {
    check: () => gil.check(),
    native: (fn) => gil.native(fn),
    io: (fn) => gil.io(fn),
    env: job.env,
  };
  gil.recorder.reset(job.originMs, job.timeline);
  gil.acquire();
  let done;
  try {
    done = await runJob(job, ctx, heapBytes);
  } finally {
    if (gil.isHeld) gil.release(false);
  }
  // After the release, so the last hold is in the snapshot.
  return { ...done, gil: gil.recorder.snapshot() };
}

port.on('message', (msg: HostMessage) => {
  switch (msg.type) {
    case 'exit':
      port.close();
      return;
    case 'run':
      void run(msg.job).then(post, (err: unknown) =>
        post({ type: 'error', runId: msg.job.runId, ...errorFields(err) }),
      );
      return;
    case 'kernel':
      void kernel.start(msg.start)?.then((outcome) => {
        post(outcome);
        // Nothing else should keep the thread alive: the kernel is done.
        port.close();
      });
      return;
    case 'data':
      kernel.data(msg.data);
  }
});

post({ type: 'ready', pid: process.pid, threadId });
