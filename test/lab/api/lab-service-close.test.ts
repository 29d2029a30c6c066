/**
 * close() leaves nothing the lab started in the background: a Python probe that has not answered yet (an
 * interpreter that hangs on start, as one can on a busy machine) and a workload file whose import never ends
 * are ended with the lab, instead of running on to their 30 s limits, or for ever once the lab's process is
 * gone and no one enforces the limit.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLabService } from '../../../electron/lab/api/lab-service';
import { canListChildren, childPids, isRunning } from '../../support/processes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-close-'));

/** The lab's children that were not there `before`, once some appear (20 s at most). */
async function newChildren(before: ReadonlySet<number>): Promise<number[]> {
  for (const t0 = Date.now(); Date.now() - t0 < 20_000;) {
    const now = childPids().filter((p) => !before.has(p));
    if (now.length) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (!canListChildren) console.warn('test/lab/api/lab-service-close: skipped, no process table to read here');

describe.runIf(canListChildren)('LabService.close', () => {
  it('ends a Python probe that is still waiting for its interpreter', async () => {
    // A "Python" that never answers its probe; nothing else is on PATH, so it is the only candidate.
    const hung = path.join(dir, 'python-that-hangs');
    writeFileSync(hung, '#!/bin/sh\nexec /bin/sleep 60\n');
    chmodSync(hung, 0o755);
    const before = new Set(childPids());
    const lab = createLabService({ sampleCpu: false, discover: { explicitPath: hung, env: { PATH: '' } } });
    // runDemoPython starts the probe at once (getInfo would wait a moment first).
    const asked = lab.runDemoPython('race');
    const probes = await newChildren(before);
    expect(probes.length, 'the probe never started').toBeGreaterThan(0);
    await lab.close();
    // close() waited for the probe: nothing of it runs now, long before its 30 s limit.
    expect(probes.filter(isRunning)).toEqual([]);
    const answer = await asked;
    expect(answer.ran).toBe(false);
    if (!answer.ran) expect(answer.reason).toContain('stopped before it answered');
  }, 60_000);

  it('ends the reading of a workload file whose import never returns, and refuses the file as cancelled', async () => {
    const before = new Set(childPids());
    const lab = createLabService({ sampleCpu: false, historyDir: path.join(dir, 'history') });
    const opened = lab
      .openWorkloadFile('hangs.mjs', 'for (;;);\nexport const meta = {};\n')
      .catch((e: unknown) => e);
    const readers = await newChildren(before);
    expect(readers.length, 'the meta reader never started').toBeGreaterThan(0);
    await lab.close();
    expect(readers.filter(isRunning)).toEqual([]);
    expect(await opened).toMatchObject({
      code: 'cancelled',
      message: 'hangs.mjs: stopped while its meta was read',
    });
  }, 60_000);
});
