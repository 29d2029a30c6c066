/**
 * Entry of every child process (the processes model). It leaves as soon as its parent goes away, so a crashed
 * or killed engine never leaves orphans computing in the background.
 */
import type { HostMessage, WorkerMessage } from '../../electron/lab/runtime/protocol';
import { plainContext } from '../local-context';
import { errorMessage, runJob } from './run-job';
import { processCpuClock } from '../cpu-clock';

if (!process.send) throw new Error('process-entry must be started with child_process.fork');
const post = (m: WorkerMessage) => process.send?.(m);
const rss = () => process.memoryUsage().rss;
const cpuClock = processCpuClock();

process.on('disconnect', () => process.exit(0));
process.on('message', (msg: HostMessage) => {
  if (msg.type === 'exit') {
    process.disconnect();
    return;
  }
  const job = msg.job;
  void runJob(job, plainContext(job.env), rss, cpuClock).then(
    (done) => post({ ...done, gil: null }),
    (err: unknown) => post(errorMessage(job.runId, err)),
  );
});

post({ type: 'ready', pid: process.pid, threadId: 0 });
