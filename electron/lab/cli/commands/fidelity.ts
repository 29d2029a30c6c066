/**
 * `npm run lab -- fidelity`: the emulated GIL (`gil`) against CPython's (`py-threads`) on the same CPU-bound
 * work, interleaved in one run so a busy machine slows both alike, at 2, 4 and 8 workers; prints both
 * speedup curves and one line saying how close the emulation is.
 */
import type { Command } from 'commander';
import type { Report } from '../../../common/report';
import { runExperiment } from '../../runner/runner';
import { int, intList } from '../args';
import { writeErr, writeOut } from '../print';

/** How far apart the curves may be (in speedup) and still be called close: the benchmark's target. */
export const FIDELITY_TOLERANCE = 0.1;

export interface FidelityRow {
  readonly workers: number;
  readonly gil: number | null;
  readonly python: number | null;
}

export function fidelityRows(report: Report, workload: string): FidelityRow[] {
  const speedup = (model: string, workers: number) =>
    report.results.find((r) => r.workload === workload && r.model === model && r.workers === workers)?.speedup
      ?.median ?? null;
  return report.config.workers.map((workers) => ({
    workers,
    gil: speedup('gil', workers),
    python: speedup('py-threads', workers),
  }));
}

/** One line: the largest gap and whether it is within the tolerance, naming the interpreter. */
export function fidelityVerdict(rows: readonly FidelityRow[], python: string): string {
  const counts = rows
    .map((r) => r.workers)
    .join(', ')
    .replace(/, (\d+)$/, ' and $1');
  const gaps = rows.map((r) => (r.gil !== null && r.python !== null ? Math.abs(r.gil - r.python) : null));
  if (gaps.some((g) => g === null)) return `no verdict: some cells did not run (see the table)`;
  const worst = Math.max(...(gaps as number[]));
  return worst <= FIDELITY_TOLERANCE
    ? `the emulated GIL is within ${worst.toFixed(2)} of ${python} at ${counts} threads`
    : `the emulated GIL differs from ${python} by up to ${worst.toFixed(2)} (more than ${FIDELITY_TOLERANCE}) at ${counts} threads`;
}

interface FidelityFlags {
  workers: number[];
  repeat: number;
  span: number;
  python?: string;
}

async function fidelityCommand(flags: FidelityFlags): Promise<number> {
  const workload = 'primes';
  const report = await runExperiment(
    {
      label: 'fidelity: emulated GIL vs CPython threads',
      // The same units for both families; small enough that CPython's share of the run stays in seconds.
      workloads: [{ name: workload, params: { units: 16, span: flags.span } }],
      models: ['gil', 'py-threads'],
      workers: flags.workers,
      repeat: flags.repeat,
      warmup: 1,
    },
    { python: flags.python ? { explicitPath: flags.python } : {} },
  );
  const unavailable = report.python?.unavailable[0];
  if (unavailable) {
    writeErr(`fidelity needs Python: ${unavailable.reason}\n`);
    return 1;
  }
  const interpreter = report.python?.interpreters[0];
  const name = interpreter ? `${interpreter.implementation} ${interpreter.version}` : 'CPython';
  const rows = fidelityRows(report, workload);
  const fmt = (v: number | null) => (v === null ? '-' : `${v.toFixed(2)}x`);
  const out = [
    `speedup on ${workload} (CPU-bound) against each family's one-thread run, ${flags.repeat} runs per cell`,
    '',
    'workers  emulated gil  py-threads  gap',
    ...rows.map(
      (r) =>
        `${String(r.workers).padStart(7)}  ${fmt(r.gil).padStart(12)}  ${fmt(r.python).padStart(10)}  ${r.gil !== null && r.python !== null ? Math.abs(r.gil - r.python).toFixed(2) : '-'}`,
    ),
    '',
    fidelityVerdict(rows, name),
  ];
  writeOut(out.join('\n') + '\n');
  return report.results.some((r) => r.failure) ? 1 : 0;
}

export function registerFidelity(program: Command): void {
  program
    .command('fidelity')
    .description('run the emulated GIL and CPython threads on the same CPU-bound work, side by side')
    .option('-n, --workers <counts>', 'worker counts, comma separated', intList('--workers'), [2, 4, 8])
    .option('-r, --repeat <n>', 'measured runs per cell', int('--repeat'), 5)
    .option('--span <n>', 'numbers tested for primality per unit', int('--span'), 5_000)
    .option('--python <path>', 'the interpreter to compare with (else THREADLAB_PYTHON, python3, ...)')
    .action(async (flags: FidelityFlags) => {
      process.exitCode = await fidelityCommand(flags);
    });
}
