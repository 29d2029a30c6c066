/**
 * daemon: a whole small program, run as its own process. Its main thread starts one worker that works in
 * steps, does a little work of its own, and then simply ends. A worker that was unref()'d (a daemon) does not
 * keep the process alive, so it is stopped mid-work at exit; a normal worker is waited for. Every step is
 * appended to a log file with a synchronous write, so the parent can read how far it got after the process
 * is gone.
 *   node demo-exit.js <log file> <daemon 0|1> <steps> <step ms> <main ms>
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { monoNow } from '../clock';
import { sleepMs } from './sync';

interface Job {
  readonly log: string;
  readonly steps: number;
  readonly stepMs: number;
}

const note = (log: string, what: string) => appendFileSync(log, `${what} ${monoNow()}\n`);

if (isMainThread) {
  const [log = '', daemon = '0', steps = '10', stepMs = '20', mainMs = '50'] = process.argv.slice(2);
  const job: Job = { log, steps: Number(steps), stepMs: Number(stepMs) };
  note(log, 'main-start');
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: job });
  if (daemon === '1') worker.unref();
  process.on('exit', () => note(log, 'exit'));
  setTimeout(() => note(log, 'main-end'), Number(mainMs));
} else {
  const job = workerData as Job;
  for (let step = 1; step <= job.steps; step++) {
    sleepMs(job.stepMs);
    note(job.log, `step-${step}`);
  }
  note(job.log, 'worker-end');
}
