/**
 * The machine every report describes: CPU, cores, OS, memory, runtime versions, and the conditions pyperf
 * records beside its timings (CPU frequency and governor, battery, load average, virtual machine). Each
 * condition is read where the OS says it and null where it does not: a guessed value would mislead compare.
 */
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import si from 'systeminformation';
import type { Machine } from '../../common/report';

/** The fields that do not change while the engine runs, read once. */
type StaticMachine = Omit<Machine, 'cpuFrequency' | 'governor' | 'onBattery' | 'loadAverage'>;
/** The conditions at the moment an experiment starts, read each time. */
type Conditions = Required<Pick<Machine, 'cpuFrequency' | 'governor' | 'onBattery' | 'loadAverage'>>;

/** Where the readings come from; tests inject fixture folders and values, the engine uses the real ones. */
export interface MachineSources {
  /** the folder holding cpu0, cpu1, … (Linux sysfs) */
  readonly cpuSysDir: string;
  readonly cpuinfoPath: string;
  readonly platform: NodeJS.Platform;
  readonly loadavg: () => number[];
  readonly siCpu: () => Promise<{ speedMin: number; speedMax: number }>;
  readonly siCurrentSpeed: () => Promise<{ avg: number }>;
  readonly siBattery: () => Promise<{ hasBattery: boolean; acConnected: boolean }>;
  readonly siSystem: () => Promise<{ virtual: boolean }>;
}

/** si.cpu() takes from 0.1 s to seconds on a busy machine and its answer never changes: asked once. */
let siCpuOnce: ReturnType<typeof si.cpu> | null = null;
const siCpu = () => (siCpuOnce ??= si.cpu());

export const REAL_SOURCES: MachineSources = {
  cpuSysDir: '/sys/devices/system/cpu',
  cpuinfoPath: '/proc/cpuinfo',
  platform: os.platform(),
  loadavg: () => os.loadavg(),
  siCpu,
  siCurrentSpeed: () => si.cpuCurrentSpeed(),
  siBattery: () => si.battery(),
  siSystem: () => si.system(),
};

let cached: Promise<StaticMachine> | null = null;

/** The machine, with its conditions read now (the runner calls it as an experiment starts). */
export async function machineInfo(): Promise<Machine> {
  cached ??= readStatic(REAL_SOURCES);
  const [fixed, conditions] = await Promise.all([cached, readConditions(REAL_SOURCES)]);
  return { ...fixed, ...conditions };
}

async function readStatic(sources: MachineSources): Promise<StaticMachine> {
  let cpuModel = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  let physicalCores = 0;
  // The VM check (si.system can take a second) runs beside the CPU query rather than after it.
  const virtualMachine = readVirtualMachine(sources);
  try {
    const cpu = await siCpu();
    cpuModel = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ').trim() || cpuModel;
    physicalCores = cpu.physicalCores;
  } catch {
    // systeminformation is best effort; os.cpus() is always there
  }
  const logicalCores = os.availableParallelism();
  return {
    cpuModel,
    physicalCores: physicalCores || logicalCores,
    logicalCores,
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    memoryBytes: os.totalmem(),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    virtualMachine: await virtualMachine,
  };
}

/** Every condition, each null where it cannot be read. */
export async function readConditions(sources: MachineSources): Promise<Conditions> {
  const [sys, onBattery] = await Promise.all([
    readSysCpufreq(sources.cpuSysDir),
    best(async () => onBatteryFrom(await sources.siBattery())),
  ]);
  const complete = sys && sys.currentMhz !== null && sys.minMhz !== null && sys.maxMhz !== null;
  const fallback = complete ? sys : await siFrequency(sources);
  return {
    cpuFrequency: {
      currentMhz: sys?.currentMhz ?? fallback.currentMhz,
      minMhz: sys?.minMhz ?? fallback.minMhz,
      maxMhz: sys?.maxMhz ?? fallback.maxMhz,
    },
    governor: sys?.governor ?? null,
    onBattery,
    loadAverage: loadAverageFrom(sources.platform, sources.loadavg()),
  };
}

/** The value, or null when the reading throws (a missing file, a tool systeminformation could not run). */
async function best<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

const positive = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;

export interface SysCpufreq {
  readonly currentMhz: number | null;
  readonly minMhz: number | null;
  readonly maxMhz: number | null;
  readonly governor: string | null;
}

/**
 * Linux cpufreq (`cpuN/cpufreq/*`, in kHz): the mean current clock over the cores, the lowest hardware
 * minimum and the highest hardware maximum (the scaling limits where the hardware ones are missing), and the
 * governor (the distinct ones joined, should the cores differ). Null when no core has a cpufreq folder, as
 * in most virtual machines and containers.
 */
export async function readSysCpufreq(cpuSysDir: string): Promise<SysCpufreq | null> {
  const cores = await best(async () => (await readdir(cpuSysDir)).filter((n) => /^cpu\d+$/.test(n)));
  if (!cores?.length) return null;
  const text = (core: string, file: string) =>
    best(async () => (await readFile(path.join(cpuSysDir, core, 'cpufreq', file), 'utf8')).trim());
  const mhz = async (core: string, ...files: string[]) => {
    for (const f of files) {
      const khz = positive(Number((await text(core, f)) ?? NaN));
      if (khz !== null) return khz / 1000;
    }
    return null;
  };
  const readings = await Promise.all(
    cores.map(async (core) => ({
      current: await mhz(core, 'scaling_cur_freq', 'cpuinfo_cur_freq'),
      min: await mhz(core, 'cpuinfo_min_freq', 'scaling_min_freq'),
      max: await mhz(core, 'cpuinfo_max_freq', 'scaling_max_freq'),
      governor: await text(core, 'scaling_governor'),
    })),
  );
  const nums = (pick: (r: (typeof readings)[number]) => number | null) =>
    readings.map(pick).filter((v): v is number => v !== null);
  const current = nums((r) => r.current);
  const min = nums((r) => r.min);
  const max = nums((r) => r.max);
  const governors = [...new Set(readings.map((r) => r.governor).filter((g): g is string => !!g))];
  if (!current.length && !min.length && !max.length && !governors.length) return null;
  return {
    currentMhz: current.length ? Math.round(current.reduce((a, b) => a + b, 0) / current.length) : null,
    minMhz: min.length ? Math.min(...min) : null,
    maxMhz: max.length ? Math.max(...max) : null,
    governor: governors.length ? governors.join(', ') : null,
  };
}

/** systeminformation's figures (GHz, 0 where it does not know) where sysfs has none. */
async function siFrequency(sources: MachineSources): Promise<Required<Machine>['cpuFrequency']> {
  const [cpu, speed] = await Promise.all([best(sources.siCpu), best(sources.siCurrentSpeed)]);
  const mhz = (ghz: number | undefined) => {
    const v = positive(ghz);
    return v === null ? null : Math.round(v * 1000);
  };
  return { currentMhz: mhz(speed?.avg), minMhz: mhz(cpu?.speedMin), maxMhz: mhz(cpu?.speedMax) };
}

/** No battery means mains; a battery is in use when the charger is not connected. */
export function onBatteryFrom(b: { hasBattery: boolean; acConnected: boolean }): boolean {
  return b.hasBattery && !b.acConnected;
}

/** Windows has no load average (os.loadavg() gives zeros there, which would read as an idle machine). */
export function loadAverageFrom(
  platform: NodeJS.Platform,
  loadavg: readonly number[],
): Conditions['loadAverage'] {
  const [oneMin, fiveMin, fifteenMin] = loadavg;
  if (platform === 'win32' || oneMin === undefined || fiveMin === undefined || fifteenMin === undefined)
    return null;
  return { oneMin, fiveMin, fifteenMin };
}

/**
 * The x86 `hypervisor` CPU flag (set by every mainstream hypervisor) in /proc/cpuinfo: true when present,
 * false when the flags are listed without it, null when the file lists no flags (another architecture).
 */
export function hypervisorFlag(cpuinfo: string): boolean | null {
  const flags = cpuinfo.split('\n').filter((l) => /^flags\s*:/.test(l));
  if (!flags.length) return null;
  return flags.some((l) => /\shypervisor(\s|$)/.test(l));
}

/**
 * A virtual machine when either witness says so: systeminformation misses some (it calls a Docker container
 * on a cloud VM bare metal) and the CPU flag is x86 Linux only. Null when neither could be read.
 */
export async function readVirtualMachine(sources: MachineSources): Promise<boolean | null> {
  const flag = await best(async () => hypervisorFlag(await readFile(sources.cpuinfoPath, 'utf8')));
  // si.system() takes a second or more on a busy machine (it runs tools), and would delay the app's first
  // getInfo: it is asked only when the flag has not already answered.
  if (flag === true) return true;
  const system = await best(sources.siSystem);
  if (system?.virtual === true) return true;
  return flag === false || system ? false : null;
}
