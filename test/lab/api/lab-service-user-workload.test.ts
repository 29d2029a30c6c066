/**
 * Opening a user workload file through the LabApi (what the app's file picker calls): the engine keeps and
 * checks the text, an experiment names it by meta.name and the report records it; a bad file is refused
 * naming the file; the lab lists what it holds (a page that reloads asks), and keeps the folders of files that
 * saved reports ran, removing the others when it closes (the rules themselves: test/lab/user-workload).
 * That a watcher may neither open nor list one is tested with the other watch-only refusals
 * (test/lab/api-ws.test.ts).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import type { ExperimentConfigInput } from '../../../electron/common/config';
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
    expect(await service.listWorkloadFiles()).toEqual([]);
    const record = await service.openWorkloadFile('my-kernel.mjs', readFileSync(GOOD.js, 'utf8'));
    // What a page that reloads gets back.
    expect(await service.listWorkloadFiles()).toEqual([record]);
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
    // A refused file leaves the lab holding the one it held.
    expect((await service.listWorkloadFiles()).map((r) => r.file)).toEqual(['my-kernel.mjs']);
  }, 60_000);
});

describe('the folders of opened files', () => {
  const until = (service: ReturnType<typeof createLabService>, type: LabEvent['type']) =>
    new Promise<void>((resolve) => {
      const off = service.onEvent((e) => {
        if (e.type === type) {
          off();
          resolve();
        }
      });
    });
  const text = readFileSync(GOOD.js, 'utf8');
  const run: ExperimentConfigInput = {
    workloads: [{ name: 'my-kernel', params: { n: 100 } }],
    models: ['threads'],
    workers: [2],
    repeat: 1,
    warmup: 0,
  };

  it('keeps the file a saved report ran after the lab closes, and removes it once the report is gone', async () => {
    const historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
    const store = path.join(historyDir, 'user-workloads');
    const folders = () => (existsSync(store) ? readdirSync(store).sort() : []);
    try {
      const first = createLabService({ historyDir, sampleCpu: false });
      await first.openWorkloadFile('my-kernel.mjs', text);
      const [replaced] = folders();
      await first.openWorkloadFile('my-kernel.mjs', text);
      const finished = until(first, 'experiment-finished');
      const { runId } = await first.startExperiment(run);
      await finished;
      const [ran] = folders().filter((f) => f !== replaced);
      await first.close();
      expect(folders()).toEqual([ran]);

      const second = createLabService({ historyDir, sampleCpu: false });
      // A new lab holds nothing until a file is opened in it.
      expect(await second.listWorkloadFiles()).toEqual([]);
      await second.deleteReport(runId);
      await second.close();
      expect(folders()).toEqual([]);
    } finally {
      rmSync(historyDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('without a history, keeps them in a temporary folder that goes with the lab', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-tmp-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() reads it on every call
    try {
      const service = createLabService({ sampleCpu: false });
      await service.openWorkloadFile('my-kernel.mjs', text);
      expect(readdirSync(tmp).filter((f) => f.startsWith('threadlab-user-'))).toHaveLength(1);
      await service.close();
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
