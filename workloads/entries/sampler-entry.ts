/**
 * The CPU sampler's own thread: reads every core's load at a fixed interval and, when told to stop, reports
 * what it spent. Nothing else runs on this thread, so its CPU clock from its start (Node's bootstrap of the
 * thread included) to its last reading is the sampler's whole cost on it: each reading, and the timer
 * wake-ups and event-loop turns around them, which a count taken around each reading alone misses.
 */
import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CpuSample } from '../../electron/common/report';
import { monoNow } from '../clock';
import { processCpuClock, threadCpuClock } from '../cpu-clock';
import { coreLoadReader } from '../cpu-times';
import type { SamplerHostMessage, SamplerMessage, SamplerThreadData } from '../sampler-protocol';

const port = parentPort;
if (!port) throw new Error('sampler-entry must run in a worker thread');
const { intervalMs, originMs, live } = workerData as SamplerThreadData;
if (!(intervalMs > 0))
  throw new Error(`sampler-entry: intervalMs must be positive, got ${String(intervalMs)}`);
const post = (m: SamplerMessage) => port.postMessage(m);

const thread = threadCpuClock();
// Without a clock of its own thread, only the readings can be counted, with the process's clock.
const around = thread ? null : processCpuClock();
let readingsCpuMs = 0;
const reader = coreLoadReader(); // the first reading: what the next is measured from
const points: CpuSample[] = [];

function tick(): void {
  const cpu0 = around?.nowMs() ?? 0;
  try {
    const sample: CpuSample = { tMs: Math.max(0, monoNow() - originMs), loadPct: reader.read() };
    if (live) post({ type: 'sample', sample });
    else points.push(sample);
  } catch {
    // a failed reading is a missing point, not a failed experiment
  }
  if (around) readingsCpuMs += around.nowMs() - cpu0;
}

const timer = setInterval(tick, intervalMs);

port.on('message', (msg: SamplerHostMessage) => {
  if (msg.type !== 'stop') return;
  clearInterval(timer);
  reader.close();
  post({ type: 'stopped', points, cpuMs: thread ? thread.nowMs() : readingsCpuMs });
  // Nothing is left to keep the thread alive: it ends.
  port.close();
});

/** This thread's id in the operating system (/proc/thread-self is a link to <pid>/task/<tid>), where there is one. */
function osThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

post({ type: 'ready', tid: osThreadId(), cpuMs: thread ? thread.nowMs() : null });
