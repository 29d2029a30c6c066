/**
 * The CPU time a worker itself spent, from the operating system's own accounting, so that a run can say how
 * many cores it really kept busy (cpuMs / wallMs) whatever else the machine was doing.
 *
 * A worker thread shares its process with the host and the other workers, so process.cpuUsage() would count
 * them all; on Linux /proc/thread-self/schedstat gives this one thread's time on CPU in nanoseconds. A child
 * process counts itself with process.cpuUsage(). Where a thread cannot count itself (no /proc), the clock is
 * null and the host falls back to its whole process's CPU over the run ('process-wide').
 */
import { readFileSync } from 'node:fs';
import type { CpuMethod } from '../electron/common/report';

export interface CpuClock {
  readonly method: CpuMethod;
  /** CPU time consumed so far by what this clock counts, in ms (only differences mean anything) */
  nowMs(): number;
}

const SCHEDSTAT = '/proc/thread-self/schedstat';

function schedstatMs(): number {
  // The kernel adds a running thread's current slice to its schedstat only at a tick or a switch, so two
  // readings within one slice would show nothing spent (a 50 µs reading counted as 0). getrusage(), which
  // process.cpuUsage() calls, brings the calling thread's own figure up to date first.
  process.cpuUsage();
  // "<ns on cpu> <ns waiting on a runqueue> <timeslices>"
  const onCpuNs = Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
  if (!Number.isFinite(onCpuNs)) throw new Error(`${SCHEDSTAT}: first field is not a number`);
  return onCpuNs / 1e6;
}

/** This worker thread's own CPU clock, or null where the OS does not expose one per thread. */
export function threadCpuClock(): CpuClock | null {
  try {
    schedstatMs();
    return { method: 'thread', nowMs: schedstatMs };
  } catch {
    return null;
  }
}

/** This whole process's CPU clock (user + system): what a child process running one worker spends. */
export function processCpuClock(): CpuClock {
  return {
    method: 'process',
    nowMs: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
  };
}
