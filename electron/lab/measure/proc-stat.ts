/**
 * Machine-wide CPU time from Linux's /proc/stat: what every program on the machine spent, per core and in
 * all, so that the lab's own CPU can be taken out of it to see what other programs used. Reading one small
 * file is far cheaper than systeminformation's currentLoad, which matters for a sampler that runs all along.
 */
import { readFileSync } from 'node:fs';

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
