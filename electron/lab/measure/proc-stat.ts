/**
 * Each process's CPU time from Linux's /proc/<pid>/stat, to name the programs that used the machine during an
 * experiment. The machine-wide counters (/proc/stat) are in workloads/cpu-times.ts, where the sampler's
 * thread reads them too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { MS_PER_TICK } from '../../../workloads/cpu-times';

/** One process's cumulative CPU (user + system) from /proc/<pid>/stat. */
export interface ProcessCpu {
  readonly pid: number;
  readonly ppid: number;
  /** the kernel's name for it (comm: the executable's file name, at most 15 characters) */
  readonly name: string;
  readonly cpuMs: number;
}

/** Parses /proc/<pid>/stat, whose name field may itself hold spaces and parentheses. */
export function parseProcessStat(pid: number, text: string): ProcessCpu | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // after ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
  const rest = text.slice(close + 2).split(' ');
  const ticks = Number(rest[11]) + Number(rest[12]);
  const ppid = Number(rest[1]);
  if (!Number.isFinite(ticks) || !Number.isFinite(ppid)) return null;
  return { pid, ppid, name: text.slice(open + 1, close), cpuMs: ticks * MS_PER_TICK };
}

/** Every process's CPU so far; empty where there is no /proc. One small read per process, so used sparingly. */
export function readProcessCpu(): Map<number, ProcessCpu> {
  const out = new Map<number, ProcessCpu>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const d of pids) {
    const pid = Number(d);
    try {
      const p = parseProcessStat(pid, readFileSync(`/proc/${d}/stat`, 'utf8'));
      if (p) out.set(pid, p);
    } catch {
      // it ended between the listing and the read
    }
  }
  return out;
}
