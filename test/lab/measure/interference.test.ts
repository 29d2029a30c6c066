/**
 * Interference: what other programs used while a cell ran, and who they were. A helper process that keeps
 * one core busy must show up: the cells are flagged busy-machine and the helper is named. How many cores it
 * adds depends on what the rest of the machine is doing (on a saturated machine it only takes a share), so
 * the figure is checked where the machine had room for it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../electron/common/report';
import { busyMachineWarning, interferenceOf } from '../../../electron/lab/measure/interference';
import { parseProcessStat } from '../../../electron/lab/measure/proc-stat';
import { busyBetween, parseProcStat } from '../../../workloads/cpu-times';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { isAlive } from '../../support/processes';
import { onLinux } from '../../support/skip';

describe('reading what the machine did', () => {
  it('/proc/stat: busy, idle and steal per core and in all', () => {
    const a = parseProcStat(
      'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\ncpu1 50 0 25 400 25 0 0 0 0 0\n',
    );
    const b = parseProcStat(
      'cpu  250 0 100 850 50 0 0 50 0 0\ncpu0 150 0 50 400 25 0 0 25 0 0\ncpu1 100 0 50 450 25 0 0 25 0 0\n',
    );
    if (!a || !b) throw new Error('unparsed');
    const d = busyBetween(a, b);
    // 250 busy ticks of 300 over 2 cores
    expect(d.busyCores).toBeCloseTo((250 / 300) * 2);
    expect(d.stealCores).toBeCloseTo((50 / 300) * 2);
    expect(d.perCorePct[0]).toBeCloseTo(100);
    // programs: user + nice + system only (200 ticks), not the steal
    expect(d.programCores).toBeCloseTo((200 / 300) * 2);
    expect(parseProcStat('nothing here')).toBeNull();
  });

  it('counts interrupt work as busy but as no program’s: it is not other programs', () => {
    // What the GIL's hand-offs did on this VM: the kernel accounted softirq time while no program ran more.
    const a = parseProcStat(
      'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\ncpu1 50 0 25 400 25 0 0 0 0 0\n',
    );
    const b = parseProcStat(
      'cpu  100 0 50 880 50 5 15 0 0 0\ncpu0 50 0 25 430 25 5 10 0 0 0\ncpu1 50 0 25 450 25 0 5 0 0 0\n',
    );
    if (!a || !b) throw new Error('unparsed');
    const d = busyBetween(a, b);
    expect(d.busyCores).toBeCloseTo((20 / 100) * 2);
    expect(d.programCores).toBe(0);
  });

  it('/proc/<pid>/stat: a name with spaces and parentheses does not shift the fields', () => {
    const p = parseProcessStat(42, '42 (we (ird) name) R 7 42 42 0 -1 4194304 100 0 0 0 30 20 0 0 20 0 1 0');
    expect(p).toEqual({ pid: 42, ppid: 7, name: 'we (ird) name', cpuMs: 500 });
  });

  it('warns from a tenth of a core, naming how much and who', () => {
    expect(busyMachineWarning({ otherCores: 0.05, stealCores: 0 }, [])).toBeNull();
    const w = busyMachineWarning({ otherCores: 0.93, stealCores: 0.2 }, [
      { name: 'updater', pid: 9, cores: 0.9 },
    ]);
    expect(w?.kind).toBe('busy-machine');
    expect(w?.message).toMatch(/0\.93 cores.*updater \(pid 9\) 0\.90.*steal/);
    expect(interferenceOf({ otherMs: 0, stealMs: 0, wallMs: 0 })).toBeNull();
  });
});

const HELPER = 'tl-busy-helper'; // the kernel keeps 15 characters of a program's name
const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-interference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function measure(): Promise<Report> {
  return runExperiment(
    {
      workloads: [{ name: 'primes', params: { units: 8, span: 30_000 } }],
      models: ['sequential'],
      workers: [1],
      repeat: 5,
      warmup: 1,
    },
    { sampleCpu: false },
  );
}

describe.runIf(onLinux('test/lab/measure/interference', "other programs' CPU from /proc"))(
  'a program that keeps one core busy during a run',
  () => {
    it('flags the cells busy-machine and names the program', async () => {
      const quiet = (await measure()).results[0];
      // node under another name, so that the warning can be seen to name this very program
      const exe = path.join(dir, HELPER);
      symlinkSync(process.execPath, exe);
      // Started through a shell, because the lab counts its own children as its own CPU; in its own process
      // group so that both end together.
      const helper = spawn('sh', ['-c', '"$0" -e "for (;;) {}" & echo $!; wait', exe], {
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: true,
      });
      const helperPid = await new Promise<number>((resolve) =>
        helper.stdout.once('data', (b: Buffer) => resolve(Number(String(b).trim()))),
      );
      let busy;
      try {
        await new Promise((r) => setTimeout(r, 300));
        busy = (await measure()).results[0];
      } finally {
        if (helper.pid) process.kill(-helper.pid, 'SIGKILL');
        for (let i = 0; i < 100 && isAlive(helperPid); i++) await new Promise((r) => setTimeout(r, 50));
      }
      expect(isAlive(helperPid)).toBe(false);
      const warning = busy?.warnings.find((w) => w.kind === 'busy-machine');
      expect(warning?.message, warning?.message).toContain(`${HELPER} (pid ${helperPid})`);
      const quietCores = quiet?.interference?.otherCores ?? NaN;
      const busyCores = busy?.interference?.otherCores ?? NaN;
      if (quietCores < 0.5) {
        // the machine had room for the helper's core: it adds most of one
        expect(busyCores - quietCores).toBeGreaterThan(0.6);
      } else {
        console.warn(
          `other programs already used ${quietCores.toFixed(2)} cores without the helper (${busyCores.toFixed(2)} with it): the added core is not checked`,
        );
      }
    }, 120_000);
  },
);
