/**
 * Entry of every worker thread: sequential, threads, async and gil models. A GIL-bound thread holds the
 * emulated lock while it runs Python-like code and lets go only at checkpoints, on request, or around I/O.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Gil } from '../../electron/lab/gil/gil';
import type { HostMessage, ThreadWorkerData, WorkerMessage } from '../../electron/lab/runtime/protocol';
import { plainContext } from '../local-context';
import type { UnitContext } from '../types';
import { errorMessage, runJob } from './run-job';
import { threadCpuClock } from '../cpu-clock';

const port = parentPort;
if (!port) throw new Error('thread-entry must run in a worker thread');
const data = workerData as ThreadWorkerData;
const gil = data.gil ? new Gil(data.gil, data.index) : null;
const post = (m: WorkerMessage) => port.postMessage(m);
const heapBytes = () => getHeapStatistics().used_heap_size;
const cpuClock = threadCpuClock();

port.on('message', (msg: HostMessage) => {
  if (msg.type === 'exit') {
    port.close();
    return;
  }
  const job = msg.job;
  void (async () => {
    try {
      if (!gil) {
        post({ ...(await runJob(job, plainContext(job.env), heapBytes, cpuClock)), gil: null });
        return;
      }
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
        done = await runJob(job, ctx, heapBytes, cpuClock);
      } finally {
        if (gil.isHeld) gil.release(false);
      }
      post({ ...done, gil: gil.recorder.snapshot() });
    } catch (err) {
      post(errorMessage(job.runId, err));
    }
  })();
});

post({ type: 'ready', pid: process.pid, threadId });
