/**
 * Opening a user workload file through the LabApi (what the app's file picker calls): the engine keeps and
 * checks the text, an experiment names it by meta.name and the report records it; a bad file is refused
 * naming the file. That a watcher may not open one is tested with the other watch-only refusals
 * (test/lab/api-ws.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { LabError } from '../../../electron/common/errors';
import type { Report } from '../../../electron/common/report';
import { createLabService } from '../../../electron/lab/api/lab-service';
import { GOOD } from '../../support/user-workloads';

describe('openWorkloadFile', () => {
  const historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
  const service = createLabService({ historyDir, sampleCpu: false });
  afterAll(async () => {
    await service.close();
    rmSync(historyDir, { recursive: true, force: true });
  });

  it('keeps and checks the file, and an experiment that names it runs it and records it', async () => {
    const record = await service.openWorkloadFile('my-kernel.mjs', readFileSync(GOOD.js, 'utf8'));
    expect(record).toMatchObject({
      file: 'my-kernel.mjs',
      language: 'js',
      meta: { name: 'my-kernel', units: 8 },
    });
    const finished = new Promise<Report>((resolve) => {
      const off = service.onEvent((e: LabEvent) => {
        if (e.type === 'experiment-finished') {
          off();
          resolve(e.report);
        }
      });
    });
    await service.startExperiment({
      workloads: [{ name: 'my-kernel', params: { n: 1000 } }],
      models: ['threads'],
      workers: [2],
      repeat: 1,
      warmup: 0,
    });
    const report = await finished;
    expect(report.userWorkload).toEqual(record);
    expect(report.results.map((r) => [r.model, r.failure])).toEqual([
      ['sequential', null],
      ['threads', null],
    ]);
    expect(new Set(report.results.map((r) => r.checksum)).size).toBe(1);
  }, 120_000);

  it('refuses a file that is not .mjs or .py, or whose meta is bad, naming the file', async () => {
    const notCode = await service.openWorkloadFile('notes.txt', 'x').catch((e: unknown) => e);
    expect((notCode as LabError).code).toBe('invalid-config');
    expect((notCode as LabError).message).toMatch(/^notes\.txt: /);
    const bad = await service
      .openWorkloadFile(
        'bad.mjs',
        "export const meta = { name: 'bad', kind: 'gpu', units: 2 }; export function unit() { return 0; }",
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(LabError);
    expect((bad as LabError).message).toMatch(/^bad\.mjs: bad meta: meta\.kind must be 'cpu' or 'io'/);
  }, 60_000);
});
