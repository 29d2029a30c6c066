/**
 * `npm run lab -- fidelity`: the emulated GIL (`gil`) against CPython's (`py-threads`) on CPU-bound work at
 * 2, 4 and 8 workers; prints both speedup curves and one line saying how close the emulation is.
 *
 * The two families run units of about the same duration, not the same parameters: V8 runs the primes kernel
 * about 20x faster than CPython, and with equal parameters the emulated run lasted a few switch intervals, so
 * thread start and wake-ups decided its "speedup", not the lock. The families alternate pass by pass (gil
 * first on even passes, Python first on odd ones), each pass giving one speedup per worker count against its
 * own one-thread run of that pass, and the medians of those ratios are quoted: load that drifts on a shared
 * machine then hits both families and both sides of each ratio alike.
 */
import type { Command } from 'commander';
import type { Report } from '../../../common/report';
import { median } from '../../../common/stats';
import { discoverPythons, type DiscoverOptions } from '../../python/discover';
import { runExperiment } from '../../runner/runner';
import { getWorkload } from '../../../../workloads/registry';
import { int, intList } from '../args';
import { writeErr, writeOut } from '../print';

/** How far apart the curves may be (in speedup) and still be called close: the benchmark's target. */
export const FIDELITY_TOLERANCE = 0.1;

export const FIDELITY_WORKLOAD = 'primes';

/** About how much faster V8 runs the primes kernel than CPython (the workload's own figure, which also sizes
 * Python's units beside Node's): the emulated GIL's units are this much larger, so they last about as long. */
export const V8_SPEED_FACTOR = getWorkload(FIDELITY_WORKLOAD).size?.pythonSlowdown ?? 1;

export interface FidelityRow {
  readonly workers: number;
  readonly gil: number | null;
  readonly python: number | null;
}

export interface FidelityOptions {
  readonly workers: readonly number[];
  /** alternating passes of both families; each gives one speedup per worker count */
  readonly passes: number;
  /** numbers tested per unit in Python; the emulated GIL's units test V8_SPEED_FACTOR times as many */
  readonly pythonSpan: number;
  readonly units: number;
  readonly python?: DiscoverOptions;
  readonly onPass?: (pass: number, rows: readonly FidelityRow[]) => void;
}

export interface FidelityMeasurement {
  /** medians over the passes */
  readonly rows: FidelityRow[];
  /** per pass, as measured */
  readonly passes: FidelityRow[][];
  /** e.g. "CPython 3.11.7", null when no Python was found */
  readonly interpreter: string | null;
  /** why Python cannot be run, when it cannot */
  readonly unavailable: string | null;
  /** failed cells, `model/workers: message` */
  readonly failures: string[];
}

function speedupOf(report: Report, model: string, workers: number): number | null {
  return (
    report.results.find((r) => r.workload === FIDELITY_WORKLOAD && r.model === model && r.workers === workers)
      ?.speedup?.median ?? null
  );
}

/** Discovery, and each pass's experiment again, probe the interpreter: on a machine loaded ten times over
 * (load average 22 on 2 cores) the default 10 s probe bound was seen to run out. */
const PASS_PROBE_TIMEOUT_MS = 60_000;

export async function measureFidelity(options: FidelityOptions): Promise<FidelityMeasurement> {
  const discovery = await discoverPythons({ probeTimeoutMs: PASS_PROBE_TIMEOUT_MS, ...options.python });
  const found = discovery.found[0];
  if (!found)
    return {
      rows: [],
      passes: [],
      interpreter: null,
      unavailable: discovery.reason ?? 'no Python found',
      failures: [],
    };
  const python: DiscoverOptions = { explicitPath: found.executable, probeTimeoutMs: PASS_PROBE_TIMEOUT_MS };
  const family = (model: 'gil' | 'py-threads', span: number, warmup: number) =>
    runExperiment(
      {
        label: `fidelity: ${model}`,
        workloads: [{ name: FIDELITY_WORKLOAD, params: { units: options.units, span } }],
        models: [model],
        workers: [...options.workers],
        repeat: 1,
        warmup,
      },
      { python },
    );
  const passes: FidelityRow[][] = [];
  const failures = new Set<string>();
  const interpreter = `${found.facts.implementation} ${found.facts.version}`;
  for (let pass = 0; pass < options.passes; pass++) {
    // V8 needs its JIT warm before the first measured pass; CPython has nothing to warm.
    const runGil = () => family('gil', options.pythonSpan * V8_SPEED_FACTOR, pass === 0 ? 1 : 0);
    const runPython = () => family('py-threads', options.pythonSpan, 0);
    const [gil, cpython] =
      pass % 2 === 0
        ? [await runGil(), await runPython()]
        : await runPython().then(async (py) => [await runGil(), py] as const);
    for (const u of cpython.python?.unavailable ?? []) failures.add(`${u.models.join(', ')}: ${u.reason}`);
    for (const r of [...gil.results, ...cpython.results])
      if (r.failure) failures.add(`${r.model}/${r.workers}: ${r.failure.message}`);
    const rows = options.workers.map((workers) => ({
      workers,
      gil: speedupOf(gil, 'gil', workers),
      python: speedupOf(cpython, 'py-threads', workers),
    }));
    passes.push(rows);
    options.onPass?.(pass, rows);
  }
  const medianOf = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === values.length && known.length > 0 ? median(known) : null;
  };
  const rows = options.workers.map((workers, i) => ({
    workers,
    gil: medianOf(passes.map((p) => p[i]?.gil ?? null)),
    python: medianOf(passes.map((p) => p[i]?.python ?? null)),
  }));
  return { rows, passes, interpreter, unavailable: null, failures: [...failures] };
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
  const fmt = (v: number | null) => (v === null ? '-' : `${v.toFixed(2)}x`);
  const m = await measureFidelity({
    workers: flags.workers,
    passes: flags.repeat,
    pythonSpan: flags.span,
    units: 16,
    python: flags.python ? { explicitPath: flags.python } : {},
    onPass: (pass, rows) =>
      writeErr(
        `pass ${pass + 1}/${flags.repeat}: ${rows.map((r) => `${r.workers}: gil ${fmt(r.gil)} py ${fmt(r.python)}`).join(', ')}\n`,
      ),
  });
  if (m.unavailable !== null) {
    writeErr(`fidelity needs Python: ${m.unavailable}\n`);
    return 1;
  }
  const out = [
    `speedup on ${FIDELITY_WORKLOAD} (CPU-bound) against each family's one-thread run, median of ${flags.repeat} alternating passes`,
    `(units of about equal duration: span ${flags.span} in Python, ${flags.span * V8_SPEED_FACTOR} in the emulation)`,
    '',
    'workers  emulated gil  py-threads  gap',
    ...m.rows.map(
      (r) =>
        `${String(r.workers).padStart(7)}  ${fmt(r.gil).padStart(12)}  ${fmt(r.python).padStart(10)}  ${r.gil !== null && r.python !== null ? Math.abs(r.gil - r.python).toFixed(2) : '-'}`,
    ),
    '',
    fidelityVerdict(m.rows, m.interpreter ?? 'CPython'),
    ...m.failures.map((f) => `failed: ${f}`),
  ];
  writeOut(out.join('\n') + '\n');
  return m.failures.length > 0 ? 1 : 0;
}

export function registerFidelity(program: Command): void {
  program
    .command('fidelity')
    .description('run the emulated GIL and CPython threads on the same CPU-bound work, side by side')
    .option('-n, --workers <counts>', 'worker counts, comma separated', intList('--workers'), [2, 4, 8])
    .option(
      '-r, --repeat <n>',
      'alternating passes of both families (medians are quoted)',
      int('--repeat'),
      5,
    )
    .option(
      '--span <n>',
      'numbers tested for primality per unit in Python (x20 in the emulation)',
      int('--span'),
      5_000,
    )
    .option('--python <path>', 'the interpreter to compare with (else THREADLAB_PYTHON, python3, ...)')
    .action(async (flags: FidelityFlags) => {
      process.exitCode = await fidelityCommand(flags);
    });
}
