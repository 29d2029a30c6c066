/**
 * The memory step of the benchmark: a report as large as the schema allows is imported, exported to every
 * format a file can be written in without a browser, and compared with a second one, in a fresh process so
 * its peak resident set is this work's alone.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_REPORT_BYTES } from '../electron/common/api';
import { compareReports } from '../electron/common/compare';
import { EXPORT_FORMATS, EXPORTERS } from '../electron/common/export/index';
import { readReport, writeReport } from '../electron/lab/report/io';
import { AT_LIMITS, limitsReport, type LimitsShape } from './limits-report';

export { AT_LIMITS, type LimitsShape };

export interface ReportMemoryResult {
  readonly fileBytes: number;
  readonly rawTimes: number;
  readonly exportedBytes: Readonly<Record<string, number>>;
  readonly comparedCells: number;
  readonly notComputable: number;
  readonly peakRssBytes: number;
}

/**
 * Writes reports A and B of `shape` (B 10% slower) into `dir`, compact, one at a time; returns their paths.
 * A file over the import limit would only measure the refusal, so that is an error here, naming the size.
 */
export async function writeLimitsReports(
  dir: string,
  shape: LimitsShape = AT_LIMITS,
): Promise<[string, string]> {
  const fileA = path.join(dir, 'a.json');
  const fileB = path.join(dir, 'b.json');
  for (const [file, slower, seed] of [
    [fileA, 1, 1],
    [fileB, 1.1, 2],
  ] as const) {
    const text = JSON.stringify(limitsReport(shape, slower, seed));
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_REPORT_BYTES)
      throw new Error(
        `limits report ${path.basename(file)}: ${(bytes / 2 ** 20).toFixed(1)} MiB is over the ${MAX_REPORT_BYTES / 2 ** 20} MiB import limit; shrink spansPerGilCell or samples in AT_LIMITS`,
      );
    await writeFile(file, text);
  }
  return [fileA, fileB];
}

const trace = process.env['THREADLAB_MEMORY_TRACE']
  ? (what: string) =>
      process.stderr.write(
        `${what}: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
      )
  : () => undefined;

/**
 * Imports report A, exports it to every format, imports B and compares them. Run it in a fresh process that
 * did not build the reports, so the peak resident set is this work's alone.
 */
export async function reportMemoryStep(fileA: string, fileB: string): Promise<ReportMemoryResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-limits-out-'));
  try {
    const fileBytes = (await stat(fileA)).size;
    const a = await readReport(fileA);
    trace('imported A');
    const exportedBytes: Record<string, number> = {};
    for (const format of EXPORT_FORMATS) {
      const out = path.join(dir, `out${EXPORTERS[format].extension}`);
      await writeReport(a, out);
      exportedBytes[format] = (await stat(out)).size;
      await rm(out);
      trace(`exported ${format}`);
    }
    const b = await readReport(fileB);
    trace('imported B');
    const cmp = compareReports(a, b);
    trace('compared');
    return {
      fileBytes,
      rawTimes: a.results.reduce((n, r) => n + (r.wallMs?.raw.length ?? 0), 0),
      exportedBytes,
      comparedCells: cmp.cells.length,
      notComputable: cmp.cells.filter((c) => c.verdict === 'not-computable').length,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
