/**
 * Entry of every child process, for experiments (the processes model: one `run` after another) and demos
 * (one kernel, after which the process leaves). It also leaves as soon as its parent goes away, so a
 * crashed or killed engine never leaves orphans computing in the background.
 */
import { threadId } from 'node:worker_threads';
import { errorFields, type HostMessage, type WorkerMessage } from '../protocol';
import { plainContext } from '../local-context';
import { KernelSlot } from './run-kernel';
import { runJob } from './run-job';

if (!process.send) throw new Error('process-entry must be started with child_process.fork');
const post = (m: WorkerMessage) => process.send?.(m);
const rss = () => process.memoryUsage().rss;
const kernel = new KernelSlot(post);

process.on('disconnect', () => process.exit(0));
process.on('message', (msg: HostMessage, handle?: unknown) => {
  switch (msg.type) {
    case 'exit':
      process.disconnect();
      return;
    case 'run': {
      const job = msg.job;
      void runJob(job, plainContext(job.env), rss).then(
        (done) => post({ ...done, gil: null }),
        (err: unknown) => post({ type: 'error', runId: job.runId, ...errorFields(err) }),
      );
      return;
    }
    case 'kernel':
      // The outcome is the last message: once it is delivered, leaving is the kernel's end.
      void kernel.start(msg.start)?.then((outcome) => process.send?.(outcome, () => process.disconnect()));
      return;
    case 'data':
      kernel.data(msg.data, handle);
  }
});

post({ type: 'ready', pid: process.pid, threadId });
