/**
 * The report part of the LabApi contract: history of recorded runs, import (valid, corrupt, hostile),
 * delete, and export in every format. Called inside labApiContract's describe.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPORT_FILE_FORMATS, type ExportedFile } from '../../electron/common/api';
import { ReportSchema, type Report } from '../../electron/common/report';
import { parseReport } from '../../electron/common/report-parse';
import { findChromium } from '../../electron/lab/report/chromium';
import { HOSTILE, hostileReport, SAMPLE_FILE } from '../fixtures/reports/fixtures';
import { finishedOf, nextEvent, rejection, TINY, type LabApiHarness } from './api-contract-helpers';

const SAMPLE_TEXT = readFileSync(SAMPLE_FILE, 'utf8');
const decode = (f: ExportedFile) => Buffer.from(f.base64, 'base64');

export function reportContract(harness: () => LabApiHarness): void {
  const api = () => harness().api;

  it('imports a valid report file under a fresh id, kept apart from the runs', async () => {
    const sample = parseReport(SAMPLE_TEXT, 'sample.json');
    const imported = await api().importReport(SAMPLE_TEXT, 'sample.json');
    expect(imported.id).toMatch(/^imported-[0-9a-f-]{36}$/);
    expect(ReportSchema.parse(imported)).toEqual({ ...sample, id: imported.id });
    const entry = (await api().listHistory()).find((s) => s.id === imported.id);
    expect(entry).toMatchObject({
      source: 'imported',
      importedFrom: 'sample.json',
      status: sample.status,
      label: sample.config.label,
    });
    expect(await api().getReport(imported.id)).toEqual(imported);
    // On disk in the imports folder, not among this machine's runs.
    const dir = harness().historyDir;
    expect(existsSync(path.join(dir, 'imported', `${imported.id}.json`))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('imported-'))).toEqual([]);
  });

  it('refuses a corrupt or malformed file as invalid-report naming the field, and keeps nothing', async () => {
    const before = (await api().listHistory()).length;
    const notJson = await rejection(api().importReport('{"schema": ', 'broken.json'));
    expect(notJson.code).toBe('invalid-report');
    expect(notJson.issues[0]?.field).toBe('broken.json');

    const negative = JSON.parse(SAMPLE_TEXT) as { results: { wallMs: { median: number } }[] };
    const first = negative.results[0];
    if (first) first.wallMs.median = -5;
    const bad = await rejection(api().importReport(JSON.stringify(negative), 'negative.json'));
    expect(bad.code).toBe('invalid-report');
    expect(bad.issues.map((i) => i.field)).toContain('results[0].wallMs.median');

    const foreign = await rejection(api().importReport('{"schema":"other","version":1}', 'other.json'));
    expect(foreign.issues.map((i) => i.field)).toEqual(['schema']);
    const extra = await rejection(
      api().importReport(JSON.stringify({ ...JSON.parse(SAMPLE_TEXT), run: 'rm -rf /' }), 'extra.json'),
    );
    expect(extra.code).toBe('invalid-report');
    expect((await api().listHistory()).length).toBe(before);
  });

  it('imports a hostile but valid report as data: its exports carry no live markup', async () => {
    const hostile = await api().importReport(JSON.stringify(hostileReport()), '../../etc/<evil>\n.json');
    expect(hostile.config.label).toBe(HOSTILE.label);
    const entry = (await api().listHistory()).find((s) => s.id === hostile.id);
    expect(entry?.importedFrom).toBe('<evil>.json');
    const html = decode(await api().exportReport(hostile.id, 'html')).toString('utf8');
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    await api().deleteReport(hostile.id);
  });

  it('exports json that round-trips, and csv, md, html, trace with their types', async () => {
    const { id } = await api().importReport(SAMPLE_TEXT, 'sample.json');
    const report: Report = await api().getReport(id);
    const json = await api().exportReport(id, 'json');
    expect(json).toMatchObject({ mime: 'application/json' });
    expect(json.fileName).toMatch(/^threadlab-[a-z0-9-]+\.json$/);
    expect(parseReport(decode(json).toString('utf8'), json.fileName)).toEqual(report);
    const expected = {
      csv: ['text/csv', '.csv'],
      md: ['text/markdown', '.md'],
      html: ['text/html', '.html'],
      trace: ['application/json', '.trace.json'],
    } as const;
    for (const [format, [mime, ext]] of Object.entries(expected)) {
      const f = await api().exportReport(id, format as keyof typeof expected);
      expect(f.mime).toBe(mime);
      expect(f.fileName.endsWith(ext)).toBe(true);
      expect(decode(f).length).toBeGreaterThan(200);
    }
    expect(decode(await api().exportReport(id, 'md')).toString('utf8')).toContain(report.config.label);
    expect(JSON.parse(decode(await api().exportReport(id, 'trace')).toString('utf8'))).toHaveProperty(
      'traceEvents',
    );
    expect(REPORT_FILE_FORMATS).toHaveLength(7);
    await api().deleteReport(id);
  });

  it('exports a PDF when a Chromium is installed, and says plainly what is missing when not', async () => {
    const { id } = await api().importReport(SAMPLE_TEXT, 'sample.json');
    try {
      if (findChromium()) {
        const pdf = await api().exportReport(id, 'pdf');
        expect(pdf.mime).toBe('application/pdf');
        expect(pdf.fileName.endsWith('.pdf')).toBe(true);
        expect(decode(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } else {
        const err = await rejection(api().exportReport(id, 'pdf'));
        expect(err.code).toBe('not-found');
        expect(err.message).toMatch(/Chromium/);
      }
    } finally {
      await api().deleteReport(id);
    }
  });

  it('deletes recorded runs and imports; unknown or path-like ids are not-found', async () => {
    const { runId } = await api().startExperiment(TINY);
    await nextEvent(api(), finishedOf(runId));
    expect((await api().listHistory()).some((s) => s.id === runId)).toBe(true);
    await api().deleteReport(runId);
    expect((await api().listHistory()).some((s) => s.id === runId)).toBe(false);
    expect((await rejection(api().getReport(runId))).code).toBe('not-found');
    expect((await rejection(api().deleteReport(runId))).code).toBe('not-found');

    const { id } = await api().importReport(SAMPLE_TEXT, 'sample.json');
    await api().deleteReport(id);
    expect((await api().listHistory()).some((s) => s.id === id)).toBe(false);
    expect(readdirSync(path.join(harness().historyDir, 'imported')).filter((f) => f.startsWith(id))).toEqual(
      [],
    );

    for (const bad of ['nope', '../../etc/passwd', 'imported-../x', '.hidden', 'a/b'])
      expect((await rejection(api().getReport(bad))).code).toBe('not-found');
    expect((await rejection(api().exportReport('../x', 'json'))).code).toBe('not-found');
    expect((await rejection(api().deleteReport('imported-nope'))).code).toBe('not-found');
  });
}
