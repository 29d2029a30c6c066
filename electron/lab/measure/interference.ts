/**
 * What other programs did to a measurement. The machine's program CPU (user + nice + system from /proc/stat;
 * not interrupt work, which no program ran, nor steal, reported on its own) minus the lab's own
 * (this process, its worker threads and its child processes) over a run is what everything else used: a
 * background update, a browser tab, another benchmark. A cell whose runs shared the machine with more than a
 * tenth of a core of other work is flagged, naming how much and which programs used most.
 */
import type { OtherProcess, QuietCheck } from '../../common/api-types';
import type { MeasurementWarning } from '../../common/report';
import { busyBetween, readProcStat } from '../../../workloads/cpu-times';
import { readProcessCpu, type ProcessCpu } from './proc-stat';

/** Other programs' use from which a cell's figures are called into question (as the issue asks). */
export const BUSY_MACHINE_CORES = 0.1;
/** Other programs' use from which the quiet check before a run speaks up. */
export const QUIET_CHECK_CORES = 0.2;

/** Sums of one cell's runs: other programs' CPU and steal, over the wall time of the runs. */
export interface InterferenceTotals {
  otherMs: number;
  stealMs: number;
  wallMs: number;
}

export const emptyTotals = (): InterferenceTotals => ({ otherMs: 0, stealMs: 0, wallMs: 0 });

/** Watches one run: call stop() with the CPU the lab's child processes spent in it (0 for in-process models). */
export function watchRun(): { stop(childCpuMs: number): InterferenceTotals | null } {
  const stat0 = readProcStat();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop(childCpuMs) {
      const stat1 = readProcStat();
      if (!stat0 || !stat1) return null;
      const wallMs = performance.now() - t0;
      const own = process.cpuUsage(own0);
      const labMs = (own.user + own.system) / 1000 + childCpuMs;
      // Programs' time only: interrupt work is no program's, and steal is reported on its own.
      const { programCores, stealCores } = busyBetween(stat0, stat1);
      return {
        otherMs: Math.max(0, programCores * wallMs - labMs),
        stealMs: stealCores * wallMs,
        wallMs,
      };
    },
  };
}

export function addTotals(into: InterferenceTotals, add: InterferenceTotals): void {
  into.otherMs += add.otherMs;
  into.stealMs += add.stealMs;
  into.wallMs += add.wallMs;
}

/**
 * Cores other programs used over a cell's runs. Summed over the runs rather than a median of each run's
 * figure: /proc/stat counts in 10 ms ticks, which makes one short run's figure too coarse to rank.
 */
export function interferenceOf(t: InterferenceTotals): { otherCores: number; stealCores: number } | null {
  if (t.wallMs <= 0) return null;
  return { otherCores: t.otherMs / t.wallMs, stealCores: t.stealMs / t.wallMs };
}

/** The programs (not this one nor its children) that used the most CPU between two listings. */
export function topOthers(
  before: ReadonlyMap<number, ProcessCpu>,
  after: ReadonlyMap<number, ProcessCpu>,
  wallMs: number,
  count = 3,
): OtherProcess[] {
  const mine = (p: ProcessCpu) => p.pid === process.pid || p.ppid === process.pid;
  return [...after.values()]
    .filter((p) => !mine(p))
    .map((p) => ({ name: p.name, pid: p.pid, cores: (p.cpuMs - (before.get(p.pid)?.cpuMs ?? 0)) / wallMs }))
    .filter((p) => p.cores >= 0.01)
    .sort((a, b) => b.cores - a.cores)
    .slice(0, count);
}

export function busyMachineWarning(
  interference: { otherCores: number; stealCores: number },
  top: readonly OtherProcess[],
): MeasurementWarning | null {
  if (interference.otherCores <= BUSY_MACHINE_CORES) return null;
  const who = top.length ? ` Most CPU during the experiment: ${describeOthers(top)}.` : '';
  const steal =
    interference.stealCores > 0.01
      ? ` The hypervisor also took ${interference.stealCores.toFixed(2)} cores (steal time).`
      : '';
  return {
    kind: 'busy-machine',
    message: `Other programs used ${interference.otherCores.toFixed(2)} cores during these runs, so the times may be theirs as much as the model's.${who}${steal} Close them, or run again when the machine is quiet.`,
  };
}

/**
 * Other programs' use of the machine over `windowMs` now, for the quiet check before a run. The lab's own
 * CPU is taken out, its child processes' too (the desktop app's renderer is one), so a UI asking does not
 * count itself as the noise.
 */
export async function checkQuiet(windowMs = 1000): Promise<QuietCheck> {
  const before = readProcessCpu();
  const w = watchRun();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = readProcessCpu();
  let childCpuMs = 0;
  for (const p of after.values())
    if (p.ppid === process.pid) childCpuMs += Math.max(0, p.cpuMs - (before.get(p.pid)?.cpuMs ?? 0));
  const t = w.stop(childCpuMs);
  const otherCores = t ? (interferenceOf(t)?.otherCores ?? null) : null;
  return {
    otherCores,
    thresholdCores: QUIET_CHECK_CORES,
    quiet: otherCores === null || otherCores <= QUIET_CHECK_CORES,
    top: t ? topOthers(before, after, t.wallMs) : [],
    windowMs,
  };
}

/** One line naming the busiest other programs: `node (pid 12) 0.85, chrome (pid 9) 0.20 cores`. */
export function describeOthers(top: readonly OtherProcess[]): string {
  return top.length
    ? `${top.map((p) => `${p.name} (pid ${p.pid}) ${p.cores.toFixed(2)}`).join(', ')} cores`
    : '';
}
