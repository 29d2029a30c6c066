/**
 * Machine-wide CPU time, from Linux's /proc/stat: what every program on the machine spent, per core and in
 * all. The lab takes its own CPU out of it to see what other programs used (electron/lab/measure), and the
 * CPU sampler reads it many times a second in its own thread (entries/sampler-entry.ts).
 *
 * For the sampler a reading costs no more than it must: the file stays open and is read again from offset 0
 * into one buffer (the kernel writes it anew on every read), and only the "cpu" lines at its head are parsed,
 * straight from the bytes. Splitting the whole text into strings, as this once did, also split the "intr"
 * line after them (hundreds of numbers) on every reading, and that was most of a reading's garbage.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import os from 'node:os';

/** Cumulative CPU time since boot, in ms. */
export interface CpuTimes {
  /** user + nice + system + irq + softirq + steal: time the CPU was not idle (guest time is inside user) */
  readonly busyMs: number;
  /** idle + iowait */
  readonly idleMs: number;
  /** time a hypervisor gave this virtual CPU's turn to another machine; 0 on bare metal */
  readonly stealMs: number;
  /**
   * user + nice + system: what programs ran (guest time is inside user). Not interrupt work: a lab whose
   * threads wake each other often (the GIL's hand-offs) makes the kernel account a tenth of a core of softirq
   * that no program ran, so "other programs" = this minus the lab's own, never busyMs minus it.
   */
  readonly programMs: number;
}

export interface ProcStat {
  readonly total: CpuTimes;
  readonly cores: CpuTimes[];
}

/** /proc/stat counts in USER_HZ ticks, which Linux fixes at 100 per second for user space on every arch. */
export const MS_PER_TICK = 10;

const PROC_STAT = '/proc/stat';
/** The fields of a cpu line that are read: user nice system idle iowait irq softirq steal. */
const FIELDS = 8;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
const isCpuLine = (b: Uint8Array, i: number) => b[i] === 0x63 && b[i + 1] === 0x70 && b[i + 2] === 0x75; // "cpu"

/**
 * Reads the "cpu" lines at the head of /proc/stat's bytes (the machine's total first, then one per core) into
 * `rows`, FIELDS tick counts each, and returns how many lines it read: it stops at the first other line, at
 * the end of `length`, or when `rows` is full. It allocates nothing.
 */
function parseCpuRows(bytes: Uint8Array, length: number, rows: Float64Array): number {
  const capacity = Math.floor(rows.length / FIELDS);
  let i = 0;
  let row = 0;
  while (row < capacity && i + 2 < length && isCpuLine(bytes, i)) {
    while (i < length && bytes[i] !== SPACE) i++; // past the line's name (cpu, cpu0, cpu1...), digits and all
    const base = row * FIELDS;
    rows.fill(0, base, base + FIELDS);
    let field = 0;
    let value = 0;
    let inNumber = false;
    for (; i < length; i++) {
      const b = bytes[i] ?? NEWLINE;
      if (b === NEWLINE) break;
      if (b >= ZERO && b <= NINE) {
        value = value * 10 + (b - ZERO);
        inNumber = true;
      } else if (inNumber) {
        if (field < FIELDS) rows[base + field] = value;
        field++;
        value = 0;
        inNumber = false;
      }
    }
    if (inNumber && field < FIELDS) rows[base + field] = value;
    i++; // past the newline
    row++;
  }
  return row;
}

const ticks = (rows: Float64Array, row: number, field: number) => rows[row * FIELDS + field] ?? 0;
// user + nice + system + irq + softirq + steal
const busyTicks = (r: Float64Array, row: number) =>
  ticks(r, row, 0) +
  ticks(r, row, 1) +
  ticks(r, row, 2) +
  ticks(r, row, 5) +
  ticks(r, row, 6) +
  ticks(r, row, 7);
// idle + iowait
const idleTicks = (r: Float64Array, row: number) => ticks(r, row, 3) + ticks(r, row, 4);

function timesOf(rows: Float64Array, row: number): CpuTimes {
  return {
    busyMs: busyTicks(rows, row) * MS_PER_TICK,
    idleMs: idleTicks(rows, row) * MS_PER_TICK,
    stealMs: ticks(rows, row, 7) * MS_PER_TICK,
    programMs: (ticks(rows, row, 0) + ticks(rows, row, 1) + ticks(rows, row, 2)) * MS_PER_TICK,
  };
}

export function parseProcStat(text: string | Uint8Array): ProcStat | null {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let capacity = 64; ; capacity *= 2) {
    const rows = new Float64Array(capacity * FIELDS);
    const n = parseCpuRows(bytes, bytes.length, rows);
    if (n === capacity) continue; // more cores than rows: read them all
    if (n === 0) return null;
    return {
      total: timesOf(rows, 0),
      cores: Array.from({ length: n - 1 }, (_, i) => timesOf(rows, i + 1)),
    };
  }
}

/** The current counters, or null where there is no /proc/stat (macOS, Windows). */
export function readProcStat(): ProcStat | null {
  try {
    return parseProcStat(readFileSync(PROC_STAT));
  } catch {
    return null;
  }
}

/** A core's load (0..100) between two readings of its busy and idle time. */
function loadPctBetween(busyMs0: number, idleMs0: number, busyMs1: number, idleMs1: number): number {
  const allMs = busyMs1 - busyMs0 + (idleMs1 - idleMs0);
  return allMs > 0 ? Math.min(100, Math.max(0, ((busyMs1 - busyMs0) / allMs) * 100)) : 0;
}

/**
 * Cores busy (0..cores) in all and per core between two readings, with steal, and the cores programs ran on
 * (user + nice + system), in cores.
 */
export function busyBetween(
  a: ProcStat,
  b: ProcStat,
): { busyCores: number; stealCores: number; programCores: number; perCorePct: number[] } {
  const span = (x: CpuTimes, y: CpuTimes) => y.busyMs - x.busyMs + (y.idleMs - x.idleMs);
  const wallMs = span(a.total, b.total) / Math.max(1, b.cores.length);
  const cores = (ms: number) => (wallMs > 0 ? ms / wallMs : 0);
  return {
    busyCores: cores(b.total.busyMs - a.total.busyMs),
    stealCores: cores(b.total.stealMs - a.total.stealMs),
    programCores: cores(b.total.programMs - a.total.programMs),
    perCorePct: b.cores.map((y, i) => {
      const x = a.cores[i];
      return x ? loadPctBetween(x.busyMs, x.idleMs, y.busyMs, y.idleMs) : 0;
    }),
  };
}

/** Where a core load reader gets each core's cumulative busy and idle time (in any one unit). */
interface CoreTimesSource {
  readonly cores: number;
  /** writes core i's busy time at 2i and its idle time at 2i + 1 */
  fill(into: Float64Array): void;
  close(): void;
}

/** /proc/stat, kept open and read again into one buffer. */
function procStatSource(): CoreTimesSource | null {
  let fd: number;
  try {
    fd = openSync(PROC_STAT, 'r');
  } catch {
    return null;
  }
  let buffer = Buffer.allocUnsafe(16 * 1024);
  const readBytes = () => {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      if (n < buffer.length) return n;
      buffer = Buffer.allocUnsafe(buffer.length * 2); // a full buffer may have cut a cpu line: read it all
    }
  };
  let first: ReturnType<typeof parseProcStat> = null;
  try {
    const length = readBytes(); // before `buffer` is read: it may grow
    first = parseProcStat(buffer.subarray(0, length));
  } finally {
    // a first reading that fails or says nothing leaves no descriptor open behind a null source
    if (!first) closeSync(fd);
  }
  if (!first) return null;
  const cores = first.cores.length;
  const rows = new Float64Array((cores + 1) * FIELDS);
  return {
    cores,
    fill(into) {
      const length = readBytes(); // before `buffer` is read: it may grow
      const n = parseCpuRows(buffer, length, rows);
      for (let c = 0; c < cores; c++) {
        into[2 * c] = c + 1 < n ? busyTicks(rows, c + 1) : 0;
        into[2 * c + 1] = c + 1 < n ? idleTicks(rows, c + 1) : 0;
      }
    },
    close: () => closeSync(fd),
  };
}

/** Node's own per-core counters, where there is no /proc/stat (macOS, Windows). */
function osCpusSource(): CoreTimesSource {
  const cores = os.cpus().length;
  return {
    cores,
    fill(into) {
      os.cpus().forEach((cpu, c) => {
        if (c >= cores) return;
        into[2 * c] = cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq;
        into[2 * c + 1] = cpu.times.idle;
      });
    },
    close: () => undefined,
  };
}

/** Each logical core's load (0..100) since the previous reading; made with a first reading to start from. */
export interface CoreLoadReader {
  read(): number[];
  close(): void;
}

export function coreLoadReader(): CoreLoadReader {
  const source = procStatSource() ?? osCpusSource();
  let previous = new Float64Array(2 * source.cores);
  let current = new Float64Array(2 * source.cores);
  source.fill(previous);
  return {
    read() {
      source.fill(current);
      const loads = new Array<number>(source.cores);
      for (let c = 0; c < source.cores; c++)
        loads[c] = loadPctBetween(
          previous[2 * c] ?? 0,
          previous[2 * c + 1] ?? 0,
          current[2 * c] ?? 0,
          current[2 * c + 1] ?? 0,
        );
      const swap = previous;
      previous = current;
      current = swap;
      return loads;
    },
    close: () => source.close(),
  };
}
