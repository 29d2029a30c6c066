/**
 * `npm run lab -- ...`: the headless lab on the same engine as the app. Short by design (after hyperfine's
 * main): parse, validate, run, export. Exit codes: 0 ok, 1 some cell failed, 2 bad input, 130 interrupted.
 */
import { Command, CommanderError, Option } from 'commander';
import { MODELS, MODEL_TITLES } from '../../common/config';
import { LabError } from '../../common/errors';
import { visible } from '../../common/terminal-text';
import { workloadCatalog } from '../../../workloads/registry';
import { checkMemoryBudget } from '../api/budgets';
import { prepareExperiment, runPrepared } from '../runner/runner';
import { writeFileAtomic } from '../report/io';
import { EXPORTERS } from '../../common/export/index';
import { TOOL_VERSION } from '../version';
import {
  collectParam,
  float,
  int,
  intList,
  nameList,
  paramCollector,
  paramsFor,
  type ParamFlag,
} from './args';
import { createProgress } from './progress';
import { formatTable } from './table';
import { registerCompare } from './commands/compare';
import { registerSchema } from './commands/schema';
import { cliRecorder, registerHistory } from './commands/history';
import { checkQuiet, describeOthers } from '../measure/interference';
import { collectOut, printError, registerReport, writeOutputs } from './commands/report';
import { registerDemo } from './commands/demo';
import { writeOut, writeErr } from './print';
import { registerPython } from './commands/python';
import { registerFidelity } from './commands/fidelity';
import type { WorkloadMeta } from '../../common/config';
import { DEFAULT_MODELS, looksLikeWorkloadFile, userWorkloadMeta } from '../../common/user-workload';
import { loadUserWorkload, type LoadedUserWorkload } from '../user-workload/load';

export const EXIT = { ok: 0, failedCells: 1, usage: 2, interrupted: 130 } as const;

interface RunFlags {
  workload: string[];
  models?: string[];
  workers: number[];
  repeat: number;
  warmup: number;
  minRuns?: number;
  maxRuns?: number;
  targetCi?: number;
  minTime?: number;
  switchInterval: number;
  timeout: number;
  memoryLimit: number;
  seed: number;
  param: ParamFlag[];
  pyParam: ParamFlag[];
  timeline: boolean;
  label: string;
  json?: string;
  out: string[];
  history: boolean;
  quietCheck: boolean;
  quiet: boolean;
  python?: string;
}

function listCommand(all: boolean): void {
  const out: string[] = ['Workloads (use with --workload; set parameters with --param name=value):', ''];
  for (const w of workloadCatalog().filter((w) => all || !w.hidden)) {
    out.push(`  ${w.name}  [${w.kind}]  ${w.title}`);
    out.push(`      ${w.description}`);
    for (const p of w.params)
      out.push(
        `      --param ${p.name}=${p.default}  (${p.min}..${p.max}${p.integer ? ', whole' : ''}${p.unit ? `, ${p.unit}` : ''})  ${p.description}`,
      );
    const size = w.size;
    if (size && size.pythonSlowdown !== 1) {
      const shrink = Number((size.pythonSlowdown ** (1 / size.exponent)).toPrecision(3));
      out.push(
        `      beside Node models, Python runs ${size.param} / ${shrink} (CPython 3.11 about ${size.pythonSlowdown}x slower than V8 on it); --py-param ${size.param}=N sets it`,
      );
    }
    out.push('');
  }
  out.push('Models (use with --models):', '');
  for (const m of MODELS) out.push(`  ${m.padEnd(13)} ${MODEL_TITLES[m]}`);
  writeOut(out.join('\n') + '\n');
}

/**
 * The user's workload file among --workload's names, loaded and checked, with its name put in its place;
 * a bare -p name that no chosen workload has is refused, naming the file, rather than silently dropped.
 */
async function withUserWorkload(
  flags: RunFlags,
): Promise<{ names: string[]; catalog: WorkloadMeta[]; user?: LoadedUserWorkload }> {
  const files = flags.workload.filter(looksLikeWorkloadFile);
  const catalog = workloadCatalog();
  if (files.length === 0) return { names: flags.workload, catalog };
  if (files.length > 1)
    throw new LabError('invalid-config', 'one workload file per run', [
      { field: '--workload', message: `names ${files.length} files (${files.join(', ')}); one per run` },
    ]);
  const file = files[0] as string;
  const user = await loadUserWorkload(file, { python: flags.python ? { explicitPath: flags.python } : {} });
  const names = flags.workload.map((n) => (n === file ? user.def.name : n));
  const all = [...catalog, userWorkloadMeta(user.record)];
  const known = new Set(
    all.filter((w) => names.includes(w.name)).flatMap((w) => w.params.map((p) => p.name)),
  );
  for (const f of [...flags.param, ...flags.pyParam]) {
    if (f.workload === null && !known.has(f.name))
      throw new LabError('invalid-config', `${user.record.file}: no parameter '${f.name}'`, [
        {
          field: `${flags.pyParam.includes(f) ? '--py-param' : '-p'} ${f.name}`,
          message: `${user.record.file} has no parameter '${f.name}' (known: ${Object.keys(user.record.meta.params).join(', ') || 'none'})`,
        },
      ]);
  }
  return { names, catalog: all, user };
}

async function runCommand(flags: RunFlags): Promise<number> {
  const { names, catalog, user } = await withUserWorkload(flags);
  const onlyPython = user?.record.language === 'python' && names.length === 1;
  const input = {
    label: flags.label,
    workloads: names.map((name) => {
      const known = catalog.find((w) => w.name === name)?.params.map((p) => p.name) ?? [];
      const pythonParams = paramsFor(name, known, flags.pyParam);
      return {
        name,
        params: paramsFor(name, known, flags.param),
        // Left out when not given: the validator sizes Python's units from the workload's slowdown.
        ...(Object.keys(pythonParams).length ? { pythonParams } : {}),
      };
    }),
    models: flags.models ?? [...DEFAULT_MODELS[onlyPython ? 'python' : 'js']],
    workers: flags.workers,
    repeat: flags.repeat,
    warmup: flags.warmup,
    // Left out when not given, so the validator fills the defaults and refuses a stray --min-runs by name.
    ...(flags.minRuns !== undefined ? { minRuns: flags.minRuns } : {}),
    ...(flags.maxRuns !== undefined ? { maxRuns: flags.maxRuns } : {}),
    ...(flags.targetCi !== undefined ? { targetCiPct: flags.targetCi } : {}),
    ...(flags.minTime !== undefined ? { minTimeMs: flags.minTime } : {}),
    switchIntervalMs: flags.switchInterval,
    timeoutMs: flags.timeout,
    memoryLimitMb: flags.memoryLimit,
    seed: flags.seed,
    timeline: flags.timeline,
  };
  if (flags.quietCheck) {
    const check = await checkQuiet();
    if (!check.quiet && check.otherCores !== null) {
      const who = check.top.length ? ` (most: ${describeOthers(check.top)})` : '';
      writeErr(
        `The machine is not quiet: other programs used ${check.otherCores.toFixed(2)} cores in the last second${who}; the runs go on, and cells they disturb are flagged busy-machine.\n`,
      );
    }
  }
  const progress = createProgress(process.stderr, flags.quiet);
  const abort = new AbortController();
  const recorder = cliRecorder(flags.history);
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      writeErr('\nInterrupted: stopping every worker and process (Ctrl-C again to force)...\n');
      abort.abort();
    } else process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  // The same budget every client of the engine gets: a pool's heaps may not add up to more than the machine.
  const prepared = prepareExperiment(input, user ? { userWorkload: user } : {});
  checkMemoryBudget(prepared.config);
  try {
    const report = await runPrepared(prepared, {
      signal: abort.signal,
      python: flags.python ? { explicitPath: flags.python } : {},
      onEvent: (e) => {
        recorder?.(e);
        if (e.type === 'progress') progress.update(e.progress);
      },
    });
    progress.stop();
    writeOut(formatTable(report) + '\n');
    if (flags.json) {
      await writeFileAtomic(flags.json, EXPORTERS.json.chunks(report));
      writeErr(`report written to ${flags.json}\n`);
    }
    const written = await writeOutputs(report, flags.out);
    if (report.status === 'cancelled') return EXIT.interrupted;
    return report.results.some((r) => r.failure) || written !== 0 ? EXIT.failedCells : EXIT.ok;
  } finally {
    await recorder?.settled();
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

export function buildProgram(): Command {
  const program = new Command('lab')
    .description('ThreadLab: see what threads, processes and a GIL do to real work on this machine')
    .version(TOOL_VERSION)
    .exitOverride()
    // Commander echoes bad arguments back in its messages: those go through the same printer.
    .configureOutput({ writeOut, writeErr })
    .showHelpAfterError('(run with --help for usage)');
  program
    .command('list')
    .description('list workloads with their parameters, and the execution models')
    .option('--all', 'also list diagnostic workloads (fault injection)', false)
    .action((opts: { all: boolean }) => listCommand(opts.all));
  program
    .command('run')
    .description('measure workloads under execution models and worker counts')
    .requiredOption(
      '-w, --workload <names>',
      'workload name(s), comma separated (see: lab list), or your own file: ./my-kernel.mjs or ./my_kernel.py',
      nameList,
    )
    .option(
      '-m, --models <names>',
      `models, comma separated: ${MODELS.join(', ')} (default: ${DEFAULT_MODELS.js.join(',')}; for a .py file alone: ${DEFAULT_MODELS.python.join(',')})`,
      nameList,
    )
    .option('-n, --workers <counts>', 'worker counts, comma separated', intList('--workers'), [1, 2, 4])
    .option('-r, --repeat <n>', 'measured runs per cell', int('--repeat'), 5)
    .option('--warmup <n>', 'unrecorded runs per cell first', int('--warmup'), 1)
    .option(
      '--target-ci <pct>',
      'adaptive runs: run each cell until the 95% interval of its median is within +-pct of it (replaces --repeat)',
      float('--target-ci'),
    )
    .option('--min-runs <n>', 'adaptive runs: at least this many per cell (default 5)', int('--min-runs'))
    .option(
      '--max-runs <n>',
      'adaptive runs: at most this many per cell (default 3 x --min-runs)',
      int('--max-runs'),
    )
    .option(
      '--min-time <ms>',
      'calibration (as pyperf): a cell whose job is shorter repeats it back to back until a run lasts at least ms; times are then per job',
      float('--min-time'),
    )
    .option('--switch-interval <ms>', 'GIL switch interval in ms (CPython: 5)', float('--switch-interval'), 5)
    .option('--timeout <ms>', 'per-run timeout in ms', int('--timeout'), 120_000)
    .option('--memory-limit <mb>', 'heap limit per worker in MiB', int('--memory-limit'), 512)
    .option('--seed <n>', 'seed of the run order and the bootstrap', int('--seed'), 1)
    .option(
      '-p, --param <name=value>',
      'a workload parameter (repeatable; workload.name=value for one workload)',
      collectParam,
      [],
    )
    .option(
      '--py-param <name=value>',
      "a parameter of the py-* models' runs only (repeatable, as --param); by default Python's units are sized to last about as long as Node's",
      paramCollector('--py-param'),
      [],
    )
    .option('--label <text>', 'a label stored in the report', '')
    .option('--python <path>', 'the interpreter for the py-* models (else THREADLAB_PYTHON, python3, ...)')
    .option('--no-timeline', 'do not record GIL timeline spans')
    .option('--json <file>', 'write the JSON report to this file')
    .option(
      '-o, --out <file>',
      'also write .json .csv .md .html .trace.json .pdf .png (repeatable)',
      collectOut,
      [],
    )
    .option('--no-history', 'do not record this run in the history ($THREADLAB_HOME/history)')
    .option(
      '--no-quiet-check',
      'do not watch the machine for a second first (it says when other programs use more than a fifth of a core)',
    )
    .addOption(new Option('-q, --quiet', 'no progress output').default(false))
    .action(async (flags: RunFlags) => {
      process.exitCode = await runCommand(flags);
    });
  registerReport(program);
  registerCompare(program);
  registerHistory(program);
  registerSchema(program);
  registerDemo(program);
  registerPython(program);
  registerFidelity(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
        return EXIT.ok;
      return EXIT.usage; // commander has already printed the message naming the flag
    }
    if (err instanceof LabError && (err.code === 'invalid-config' || err.code === 'invalid-report')) {
      printError(err, 'invalid input');
      return EXIT.usage;
    }
    writeErr(`error: ${visible(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

// Run only as the CLI bundle's entry, not when imported by tests.
if (process.argv[1] && /cli\.(js|ts)$/.test(process.argv[1])) {
  const code = await main(process.argv.slice(2));
  process.exit(code);
}
