import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  REAL_SOURCES,
  hypervisorFlag,
  loadAverageFrom,
  machineInfo,
  onBatteryFrom,
  readConditions,
  readSysCpufreq,
  readVirtualMachine,
  type MachineSources,
} from '../../../electron/lab/measure/machine';
import { MachineSchema } from '../../../electron/common/report';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-machine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A sysfs cpu folder with the given cpufreq files per core (values in kHz, as the kernel writes them). */
function sysfs(name: string, cores: Record<string, string>[]): string {
  const dir = path.join(tmp, name);
  cores.forEach((files, i) => {
    const freq = path.join(dir, `cpu${i}`, 'cpufreq');
    mkdirSync(freq, { recursive: true });
    for (const [f, v] of Object.entries(files)) writeFileSync(path.join(freq, f), `${v}\n`);
  });
  // Entries that are not cores must be ignored.
  mkdirSync(path.join(dir, 'cpufreq'), { recursive: true });
  mkdirSync(path.join(dir, 'cpuidle'), { recursive: true });
  return dir;
}

const fake = (over: Partial<MachineSources> = {}): MachineSources => ({
  cpuSysDir: path.join(tmp, 'missing'),
  cpuinfoPath: path.join(tmp, 'missing-cpuinfo'),
  platform: 'linux',
  loadavg: () => [3.1, 2, 1.5],
  siCpu: () => Promise.resolve({ speedMin: 0, speedMax: 0 }),
  siCurrentSpeed: () => Promise.resolve({ avg: 0 }),
  siBattery: () => Promise.resolve({ hasBattery: false, acConnected: true }),
  siSystem: () => Promise.resolve({ virtual: false }),
  ...over,
});

describe('readSysCpufreq', () => {
  it('reads the mean current clock, the hardware range and the governor of every core', async () => {
    const dir = sysfs('laptop', [
      {
        scaling_cur_freq: '1200000',
        cpuinfo_min_freq: '400000',
        cpuinfo_max_freq: '4700000',
        scaling_governor: 'powersave',
      },
      {
        scaling_cur_freq: '2800000',
        cpuinfo_min_freq: '400000',
        cpuinfo_max_freq: '4900000',
        scaling_governor: 'powersave',
      },
    ]);
    expect(await readSysCpufreq(dir)).toEqual({
      currentMhz: 2000,
      minMhz: 400,
      maxMhz: 4900,
      governor: 'powersave',
    });
  });

  it('falls back to the scaling limits, names differing governors and leaves the unreadable null', async () => {
    const dir = sysfs('mixed', [
      { scaling_min_freq: '800000', scaling_max_freq: '3000000', scaling_governor: 'performance' },
      { scaling_governor: 'schedutil', scaling_cur_freq: 'garbage' },
    ]);
    expect(await readSysCpufreq(dir)).toEqual({
      currentMhz: null,
      minMhz: 800,
      maxMhz: 3000,
      governor: 'performance, schedutil',
    });
  });

  it('is null without cpufreq (a VM or container) or without the folder', async () => {
    const dir = path.join(tmp, 'vm');
    mkdirSync(path.join(dir, 'cpu0'), { recursive: true });
    expect(await readSysCpufreq(dir)).toBeNull();
    expect(await readSysCpufreq(path.join(tmp, 'nowhere'))).toBeNull();
  });
});

describe('the other readers', () => {
  it('hypervisorFlag: the x86 flag, its absence, or no flags at all', () => {
    expect(hypervisorFlag('processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor lahf_lm\n')).toBe(true);
    expect(hypervisorFlag('processor\t: 0\nflags\t\t: fpu vme sse2 lahf_lm\n')).toBe(false);
    expect(hypervisorFlag('processor\t: 0\nflags\t\t: fpu hypervisor\n')).toBe(true);
    expect(hypervisorFlag('processor\t: 0\nFeatures\t: fp asimd\n')).toBeNull();
  });

  it('onBatteryFrom: on battery only with a battery and no charger', () => {
    expect(onBatteryFrom({ hasBattery: true, acConnected: false })).toBe(true);
    expect(onBatteryFrom({ hasBattery: true, acConnected: true })).toBe(false);
    expect(onBatteryFrom({ hasBattery: false, acConnected: false })).toBe(false);
  });

  it('loadAverageFrom: none on Windows, where os.loadavg() is all zeros', () => {
    expect(loadAverageFrom('linux', [3.1, 2, 1.5])).toEqual({ oneMin: 3.1, fiveMin: 2, fifteenMin: 1.5 });
    expect(loadAverageFrom('win32', [0, 0, 0])).toBeNull();
    expect(loadAverageFrom('linux', [])).toBeNull();
  });

  it('readVirtualMachine: either witness makes it a VM; neither readable is unknown', async () => {
    const cpuinfo = path.join(tmp, 'cpuinfo');
    writeFileSync(cpuinfo, 'flags\t\t: fpu hypervisor\n');
    expect(await readVirtualMachine(fake({ cpuinfoPath: cpuinfo }))).toBe(true);
    expect(await readVirtualMachine(fake({ siSystem: () => Promise.resolve({ virtual: true }) }))).toBe(true);
    expect(await readVirtualMachine(fake())).toBe(false);
    expect(
      await readVirtualMachine(fake({ siSystem: () => Promise.reject(new Error('no dmidecode')) })),
    ).toBe(null);
  });
});

describe('readConditions', () => {
  it('prefers sysfs and fills only its gaps from systeminformation (GHz, 0 = unknown)', async () => {
    const dir = sysfs('partial', [{ scaling_cur_freq: '1500000', scaling_governor: 'ondemand' }]);
    const c = await readConditions(
      fake({
        cpuSysDir: dir,
        siCpu: () => Promise.resolve({ speedMin: 0, speedMax: 3.6 }),
        siBattery: () => Promise.resolve({ hasBattery: true, acConnected: false }),
      }),
    );
    expect(c).toEqual({
      cpuFrequency: { currentMhz: 1500, minMhz: null, maxMhz: 3600 },
      governor: 'ondemand',
      onBattery: true,
      loadAverage: { oneMin: 3.1, fiveMin: 2, fifteenMin: 1.5 },
    });
  });

  it('says unknown (null) for everything it cannot read, never a guess', async () => {
    const broken = () => Promise.reject(new Error('unreadable'));
    const c = await readConditions(
      fake({ platform: 'win32', siCpu: broken, siCurrentSpeed: broken, siBattery: broken }),
    );
    expect(c).toEqual({
      cpuFrequency: { currentMhz: null, minMhz: null, maxMhz: null },
      governor: null,
      onBattery: null,
      loadAverage: null,
    });
  });
});

describe('on this machine', () => {
  const orNull = (t: string) => (v: unknown) => v === null || typeof v === t;
  it('reads every condition with the right shape (the values are the machine’s)', async () => {
    const c = await readConditions(REAL_SOURCES);
    for (const v of Object.values(c.cpuFrequency)) expect(orNull('number')(v)).toBe(true);
    expect(orNull('string')(c.governor)).toBe(true);
    expect(orNull('boolean')(c.onBattery)).toBe(true);
    if (process.platform !== 'win32') expect(c.loadAverage?.oneMin).toBeGreaterThanOrEqual(0);
    expect(orNull('boolean')(await readVirtualMachine(REAL_SOURCES))).toBe(true);
  });

  it('machineInfo is a valid machine section with every condition, and the same machine when asked again', async () => {
    const m = await machineInfo();
    expect(MachineSchema.parse(m)).toEqual(m);
    expect(Object.keys(m)).toEqual(
      expect.arrayContaining(['cpuFrequency', 'governor', 'onBattery', 'loadAverage', 'virtualMachine']),
    );
    expect((await machineInfo()).cpuModel).toBe(m.cpuModel);
  });
});
