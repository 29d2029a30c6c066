/**
 * `lab report saved.json --out report.html [--out report.pdf ...]`: a saved JSON report into other formats.
 * Also the `--out` handling that `lab run` shares. Exit codes: 0 written, 1 a file could not be written
 * (no Chromium for PDF, disk full), 2 the input file is missing, corrupt or hostile (the message names the
 * field).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { LabError } from '../../../common/errors';
import { visible } from '../../../common/terminal-text';
import type { Report } from '../../../common/report';
import { FILE_EXTENSIONS, formatForFile, readReport, writeReport } from '../../report/io';
import { writeErr } from '../print';

const EXTENSIONS = Object.values(FILE_EXTENSIONS).join(' ');

/** Commander collector of a repeatable `--out <file>`; refuses an unknown extension before anything runs. */
export function collectOut(value: string, previous: string[] = []): string[] {
  if (!formatForFile(value))
    throw new InvalidArgumentError(
      `--out: '${value}' has no extension ThreadLab can write (use ${EXTENSIONS})`,
    );
  return [...previous, value];
}

/** Prints a LabError the way every command does: what failed, then one line per field. */
export function printError(err: unknown, what: string): void {
  if (err instanceof LabError) {
    const issues = err.issues.map((i) => `  ${visible(i.field)}: ${visible(i.message)}`);
    writeErr(
      `error: ${visible(what)}${issues.length ? `\n${issues.join('\n')}` : `: ${visible(err.message)}`}\n`,
    );
  } else writeErr(`error: ${visible(what)}: ${visible(err instanceof Error ? err.message : String(err))}\n`);
}

/** Exit code for a failure to read a report: 2 when the input is at fault, 1 otherwise. */
export function readFailureCode(err: unknown): number {
  return err instanceof LabError && (err.code === 'invalid-report' || err.code === 'not-found') ? 2 : 1;
}

/** Reads a report for a command, printing the reason and returning null when it cannot. */
export async function loadReport(file: string): Promise<{ report: Report } | { code: number }> {
  try {
    return { report: await readReport(file) };
  } catch (err) {
    const missing = err instanceof LabError && err.code === 'not-found';
    printError(err, missing ? `${file}: no such file` : `${file} is not a valid ThreadLab report`);
    return { code: readFailureCode(err) };
  }
}

/** Writes the report to every file; keeps going after a failure so one bad target does not cost the others. */
export async function writeOutputs(report: Report, files: readonly string[]): Promise<number> {
  let code = 0;
  for (const file of files) {
    try {
      const format = await writeReport(report, file);
      writeErr(`${format} written to ${file}\n`);
    } catch (err) {
      printError(err, `could not write ${file}`);
      code = 1;
    }
  }
  return code;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(`turn a saved JSON report into other formats (${EXTENSIONS})`)
    .argument('<file>', 'a JSON report saved by `lab run --json` or the app')
    .option('-o, --out <file>', 'write this file, format from its extension (repeatable)', collectOut, [])
    .action(async (file: string, opts: { out: string[] }) => {
      if (opts.out.length === 0) {
        writeErr(`error: say where to write with --out <file> (${EXTENSIONS})\n`);
        process.exitCode = 2;
        return;
      }
      const loaded = await loadReport(file);
      process.exitCode = 'code' in loaded ? loaded.code : await writeOutputs(loaded.report, opts.out);
    });
}
