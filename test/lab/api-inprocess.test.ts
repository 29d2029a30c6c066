import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderWithChromium } from '../../electron/lab/api/chromium-renderer';
import { findChromium } from '../../electron/lab/report/chromium';
import { createLabService } from '../../electron/lab/api/lab-service';
import { LabError } from '../../electron/common/errors';
import { labApiContract, TINY } from './api-contract';
import { SAMPLE_FILE } from '../fixtures/reports/fixtures';
import { runsHere } from '../support/skip';

labApiContract('in-process', async () => {
  const historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
  const service = createLabService({ historyDir, renderDocument: renderWithChromium });
  return {
    api: service,
    transport: 'in-process',
    historyDir,
    close: async () => {
      await service.close();
      rmSync(historyDir, { recursive: true, force: true });
    },
  };
});

describe('LabService lifecycle', () => {
  const service = createLabService({ sampleCpu: false });
  afterAll(() => service.close());

  it('close() cancels the running experiment, waits for it, and refuses new ones', async () => {
    const finished: string[] = [];
    service.onEvent((e) => {
      if (e.type === 'experiment-finished') finished.push(e.report.status);
    });
    await service.startExperiment({ ...TINY, repeat: 500 });
    expect(service.busy).toBe(true);
    await service.close();
    expect(service.busy).toBe(false);
    expect(finished).toEqual(['cancelled']);
    const err = await service.startExperiment(TINY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('busy');
  });

  it('reports a missing worker entries folder as an error instead of hanging', async () => {
    const broken = createLabService({ entriesDir: '/nonexistent/threadlab-entries' });
    const err = await broken.startExperiment(TINY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toContain('thread-entry.js');
    expect(broken.busy).toBe(false);
    await broken.close();
  });
});

describe('LabService without a history folder or a browser engine', () => {
  const service = createLabService({ sampleCpu: false });
  afterAll(() => service.close());

  it('records nothing, lists nothing, and refuses imports and PDF plainly', async () => {
    const { runId } = await service.startExperiment(TINY);
    await expect.poll(() => service.busy, { timeout: 30_000 }).toBe(false);
    expect(await service.listHistory()).toEqual([]);
    const missing = await service.getReport(runId).catch((e: unknown) => e);
    expect((missing as LabError).code).toBe('not-found');
    const refused = await service
      .importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LabError);
    expect((refused as LabError).message).toMatch(/no history folder/);
    // A corrupt file is still refused for what it is, before the missing folder matters.
    const corrupt = await service.importReport('nope', 'x.json').catch((e: unknown) => e);
    expect((corrupt as LabError).code).toBe('invalid-report');
  });
});

describe('LabService PDF and PNG without a browser engine', () => {
  it('reject with not-found saying why and what to use instead', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
    const service = createLabService({ historyDir: dir });
    try {
      const { id } = await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
      for (const format of ['pdf', 'png'] as const) {
        const err = await service.exportReport(id, format).catch((e: unknown) => e);
        expect((err as LabError).code).toBe('not-found');
        expect((err as LabError).message).toMatch(/browser engine.*html export/);
      }
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(
  runsHere(
    findChromium() !== null,
    'test/lab/api-inprocess (PNG)',
    'no Chromium (install chromium or set THREADLAB_CHROMIUM)',
  ),
)('LabService PNG through the installed Chromium', () => {
  it('exports the speedup chart as a PNG image', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
    const service = createLabService({ historyDir: dir, renderDocument: renderWithChromium });
    try {
      const { id } = await service.importReport(readFileSync(SAMPLE_FILE, 'utf8'), 'sample.json');
      const png = await service.exportReport(id, 'png');
      expect(png.mime).toBe('image/png');
      expect(png.fileName).toMatch(/^threadlab-fixture-a-\d{4}-\d{2}-\d{2}\.png$/);
      const bytes = Buffer.from(png.base64, 'base64');
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(bytes.length).toBeGreaterThan(2000);
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
