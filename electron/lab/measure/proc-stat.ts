/**
 * Machine-wide CPU time from Linux's /proc/stat: what every program on the machine spent, per core and in
 * all, so that the lab's own CPU can be taken out of it to see what other programs used. Reading one small
 * file is far cheaper than systeminformation's currentLoad, which matters for a sampler that runs all along.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Cumulative CPU time since boot, in ms. */
export interface CpuTimes {
  /** user + nice + system + irq + softirq + steal: time the CPU was not idle (guest time is inside user) */
  readonly busyMs: number;
  /** idle + iowait */
  readonly idleMs: number;
  /** time a hypervisor gave this virtual CPU's turn to another machine; 0 on bare metal */
  readonly stealMs: number;
}

export interface ProcStat {
  readonly total: CpuTimes;
  readonly cores: CpuTimes[];
}

/** /proc/stat counts in USER_HZ ticks, which Linux fixes at 100 per second for user space on every arch. */
const MS_PER_TICK = 10;

function parseLine(fields: readonly string[]): CpuTimes {
  const n = (i: number) => Number(fields[i] ?? 0) * MS_PER_TICK;
  // fields: user nice system idle iowait irq softirq steal guest guest_nice
  return {
    busyMs: n(0) + n(1) + n(2) + n(5) + n(6) + n(7),
    idleMs: n(3) + n(4),
    stealMs: n(7),
  };
}

export function parseProcStat(text: string): ProcStat | null {
  let total: CpuTimes | null = null;
  const cores: CpuTimes[] = [];
  for (const line of text.split('\n')) {
    const [name, ...fields] = line.trim().split(/\s+/);
    if (name === 'cpu') total = parseLine(fields);
    else if (name && /^cpu\d+$/.test(name)) cores.push(parseLine(fields));
  }
  return total ? { total, cores } : null;
}

/** The current counters, or null where there is no /proc/stat (macOS, Windows). */
export function readProcStat(): ProcStat | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Cores busy (0..cores) in all and per core between two readings, with steal in cores. */
export function busyBetween(
  a: ProcStat,
  b: ProcStat,
): { busyCores: number; stealCores: number; perCorePct: number[] } {
  const span = (x: CpuTimes, y: CpuTimes) => y.busyMs - x.busyMs + (y.idleMs - x.idleMs);
  const wallMs = span(a.total, b.total) / Math.max(1, b.cores.length);
  const cores = (ms: number) => (wallMs > 0 ? ms / wallMs : 0);
  return {
    busyCores: cores(b.total.busyMs - a.total.busyMs),
    stealCores: cores(b.total.stealMs - a.total.stealMs),
    perCorePct: b.cores.map((y, i) => {
      const x = a.cores[i];
      const all = x ? span(x, y) : 0;
      return x && all > 0 ? Math.min(100, Math.max(0, ((y.busyMs - x.busyMs) / all) * 100)) : 0;
    }),
  };
}

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
