/**
 * Exports and compare use memory in proportion to the data, not to data x message length: each case runs in
 * a child process with a capped heap, so using too much is a crash here rather than a slow machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLimitsReports } from '../../../bench/report-memory';
import { LabError } from '../../../electron/common/errors';
import { parseReport } from '../../../electron/common/report-parse';
import { SAMPLE_FILE } from '../../fixtures/reports/fixtures';

const outDir = path.resolve('out/test');

/** The hostile report of issue 9 item 4: one cell with 60,000 raw times and a 3,999-character failure. */
function item4Report(): Record<string, unknown> {
  const r = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as {
    results: { wallMs: { raw: number[]; outliers: number[] } | null; failure: unknown }[];
  };
  const cell = r.results[0];
  if (cell?.wallMs) {
    cell.wallMs.raw = Array.from({ length: 60_000 }, (_, i) => 100 + (i % 7));
    cell.wallMs.outliers = [];
    cell.failure = { reason: 'error', message: '=cmd|x '.repeat(600).slice(0, 3999) };
  }
  return r;
}

/** Bundles `contents` (TypeScript importing our sources) into out/test, where node_modules resolves. */
async function bundle(name: string, contents: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: `${name}.ts` },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

const runCapped = (file: string, heapMb: number, ...args: string[]) =>
  spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, file, ...args], {
    encoding: 'utf8',
    timeout: 240_000,
  });

let csvChild = '';
let stepChild = '';
beforeAll(async () => {
  csvChild = await bundle(
    'csv-child',
    `import { readFileSync } from 'node:fs';
     import { toCsv } from './electron/common/export/csv';
     // Exported as given: the schema now refuses this report, but the exporter must not depend on that.
     const csv = toCsv(JSON.parse(readFileSync(process.argv[2], 'utf8')));
     process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(csv) }));`,
  );
  stepChild = await bundle(
    'report-memory-child',
    `import { reportMemoryStep } from './bench/report-memory';
     const r = await reportMemoryStep(process.argv[2], process.argv[3]);
     process.stdout.write(JSON.stringify(r));`,
  );
}, 60_000);

describe('memory in proportion to the data', () => {
  it('the item-4 hostile report exports to a small CSV under a 96 MiB heap', () => {
    const dir = mkdtempSync(path.join(outDir, 'item4-'));
    const file = path.join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(item4Report()));
    const r = runCapped(csvChild, 96, file);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const { bytes } = JSON.parse(r.stdout) as { bytes: number };
    // ~60,000 rows of figures; the message once. The old layout wrote 249 MB.
    expect(bytes).toBeLessThan(10 * 2 ** 20);
    expect(bytes).toBeGreaterThan(60_000 * 20);
  });

  it('the same report is refused on import, naming the list over its limit', () => {
    const err = (() => {
      try {
        parseReport(JSON.stringify(item4Report()), 'hostile.json');
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).issues).toContainEqual({
      field: 'results[0].wallMs.raw',
      message: 'must hold at most 10,000 raw times',
    });
  });

  it('a large valid report imports, exports to every format and compares under a 256 MiB heap', async () => {
    const shape = { cells: 200, rawPerCell: 1000, spansPerGilCell: 500, samples: 2000, cores: 16 };
    const dir = mkdtempSync(path.join(outDir, 'limits-'));
    const [fileA, fileB] = await writeLimitsReports(dir, shape);
    const r = runCapped(stepChild, 256, fileA, fileB);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout) as { rawTimes: number; comparedCells: number; notComputable: number };
    expect(out.rawTimes).toBe(200_000);
    expect(out.comparedCells).toBe(200);
    expect(out.notComputable).toBe(0);
  }, 300_000);
});
