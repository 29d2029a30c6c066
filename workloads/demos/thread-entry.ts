/**
 * Entry of every demo worker thread: says who it is, runs the kernel named in workerData, reports its result
 * (or error), and lets the thread end, as a Python thread ends when its function returns.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { LaneLog } from './lane-log';
import type { FromWorker, KernelStart, ToWorker } from './protocol';
import { runKernel } from './run-kernel';

const port = parentPort;
if (!port) throw new Error('demo thread-entry must run in a worker thread');
const start = workerData as KernelStart;
const post = (m: FromWorker) => port.postMessage(m);

post({ type: 'ready', pid: process.pid, threadId });
void runKernel(start, {
  lane: new LaneLog(post),
  post: (data) => post({ type: 'data', data }),
  onMessage: (listener) =>
    port.on('message', (m: ToWorker) => {
      if (m.type === 'data') listener(m.data);
    }),
}).then((m) => {
  post(m);
  // Nothing else should keep the thread alive: the kernel is done.
  port.close();
});
