/**
 * Entry of every demo child process: says who it is, waits for its start message, runs the kernel, reports
 * and leaves. It also leaves as soon as its parent goes away, so a killed host leaves no orphan behind.
 */
import { threadId } from 'node:worker_threads';
import { LaneLog } from './lane-log';
import type { FromWorker, ToWorker } from './protocol';
import { runKernel } from './run-kernel';

if (!process.send) throw new Error('demo process-entry must be started with child_process.fork');
const post = (m: FromWorker) => process.send?.(m);
const listeners: ((data: unknown, handle?: unknown) => void)[] = [];
let started = false;

process.on('disconnect', () => process.exit(0));
process.on('message', (m: ToWorker, handle?: unknown) => {
  if (m.type === 'data') {
    for (const l of listeners) l(m.data, handle);
    return;
  }
  if (started) return;
  started = true;
  void runKernel(m.start, {
    lane: new LaneLog(post),
    post: (data) => post({ type: 'data', data }),
    onMessage: (listener) => listeners.push(listener),
  }).then((result) => process.send?.(result, () => process.disconnect()));
});

post({ type: 'ready', pid: process.pid, threadId });
