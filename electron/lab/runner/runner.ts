/**
 * Runs one experiment end to end: validate, start host resources and every model's workers (spawn timed on
 * its own), warm up, measure in interleaved passes, and always tear everything down. A failing cell (kernel
 * error, exit, timeout, out of memory) is recorded with its reason and the rest goes on; cancelling ends
 * every worker at once and still returns the partial report.
 */
import { randomUUID } from 'node:crypto';
import type { LabEvent, Progress } from '../../common/api';
import {
  familyOf,
  isPythonModel,
  paramsOfFamily,
  calibrateLoops,
  runPolicy,
  validateExperiment,
  type ExperimentConfig,
  type Model,
  type RunPolicy,
} from '../../common/config';
import { LabError } from '../../common/errors';
import { REPORT_SCHEMA, REPORT_VERSION, type Report, type SpawnStats } from '../../common/report';
import { median } from '../../common/stats';
import { getWorkload, workloadCatalog } from '../../../workloads/registry';
import type { UnitEnv } from '../../common/workload';
import { CpuSampler, type SamplerResult } from '../measure/sampler';
import { machineInfo } from '../measure/machine';
import { addTotals, topOthers, watchRun } from '../measure/interference';
import { readProcessCpu } from '../measure/proc-stat';
import { defaultEntriesDir } from '../runtime/entries';
import {
  spansOf,
  workerExecutors,
  type Executor,
  type ExecutorFactory,
  type ExecutorOptions,
  type RunOutcome,
  type RunRequest,
} from '../runtime/executor';
import { RunFailure } from '../runtime/pool';
import { cellKey, planCells, poolSizes, RunSchedule, type Cell } from './plan';
import { openResources } from './resources';
import {
  addGilTotals,
  baselineKey,
  buildResults,
  medianTightness,
  newCellData,
  perJob,
  type CellData,
} from './results';
import { TOOL_VERSION } from '../version';
import type { ProcessLauncher } from '../runtime/launcher';
import type { DiscoverOptions } from '../python/discover';
import { PythonExecutor } from '../python/executor';
import { describeSelection, selectPythons, type PythonSelection } from '../python/selection';
import { unfitReason, userWorkloadMeta } from '../../common/user-workload';
import type { LoadedUserWorkload } from '../user-workload/load';
import type { WorkloadDef } from '../../../workloads/types';

export interface RunnerOptions {
  readonly onEvent?: (event: LabEvent) => void;
  readonly signal?: AbortSignal;
  readonly runId?: string;
  /** turn the CPU sampler off (tests that count processes, the sampler's own benchmark) */
  readonly sampleCpu?: boolean;
  /** where to look for Python for the py-* models (--python, THREADLAB_PYTHON) */
  readonly python?: DiscoverOptions;
}

/** Where the executors come from: real workers from entriesDir (the default), or a given factory. */
export interface ExperimentSetup {
  /** folder with the bundled entries: the CPU sampler's thread, and the workers unless `executors` is given */
  readonly entriesDir?: string;
  /** makes each model's executor; tests pass a fake that starts no worker */
  readonly executors?: ExecutorFactory;
  /** how the real executors start child processes (default: child_process.fork); the desktop app may pass its own */
  readonly launcher?: ProcessLauncher;
  /** the user's own workload file, loaded and checked (electron/lab/user-workload), when the run names it */
  readonly userWorkload?: LoadedUserWorkload;
}

/** A validated experiment with the factory of its executors: what runPrepared runs. */
export interface PreparedExperiment {
  readonly config: ExperimentConfig;
  readonly executors: ExecutorFactory;
  /** folder with the bundled entries: the CPU sampler's thread starts from here, whatever the executors */
  readonly entriesDir: string;
  readonly userWorkload?: LoadedUserWorkload;
}

/**
 * Validates the input and the worker entries, once per experiment, and throws before anything starts: the
 * API layer calls it to refuse a bad experiment at once, then hands the result to runPrepared.
 */
export function prepareExperiment(input: unknown, setup: ExperimentSetup = {}): PreparedExperiment {
  const user = setup.userWorkload;
  const config = validateExperiment(input, [
    ...workloadCatalog(),
    ...(user ? [userWorkloadMeta(user.record)] : []),
  ]);
  const entriesDir = setup.entriesDir ?? defaultEntriesDir();
  const executors = setup.executors ?? workerExecutors(entriesDir, setup.launcher);
  return { config, executors, entriesDir, ...(user ? { userWorkload: user } : {}) };
}

export async function runExperiment(
  input: unknown,
  options: RunnerOptions & ExperimentSetup = {},
): Promise<Report> {
  return runPrepared(prepareExperiment(input, options), options);
}

export async function runPrepared(
  prepared: PreparedExperiment,
  options: RunnerOptions = {},
): Promise<Report> {
  // Machine-dependent parameters (a calibration) are resolved here and recorded, so the run can be repeated.
  const config: ExperimentConfig = {
    ...prepared.config,
    workloads: prepared.config.workloads.map((w) => {
      const def = workloadDef(w.name, prepared.userWorkload);
      if (!def.resolveParams) return w;
      const params = { ...def.resolveParams(w.params) };
      if (!w.pythonParams) return { ...w, params };
      // Python at Node's size shares Node's resolved values, so both families run exactly the same work.
      const pythonParams = sameParams(w.pythonParams, w.params)
        ? params
        : { ...def.resolveParams(w.pythonParams) };
      return { ...w, params, pythonParams };
    }),
  };
  const planned = new Set(planCells(config).map((c) => c.model));
  const pythons = await selectPythons([...planned], options.python);
  // The py-* models run on the interpreter chosen for them; every other model comes from the given factory.
  const executors: ExecutorFactory = (model, given) => {
    if (!isPythonModel(model)) return prepared.executors(model, given);
    const python = pythons.chosen.get(model);
    if (!python) throw new LabError('internal', `no interpreter was chosen for ${model}`);
    return new PythonExecutor(model, { command: python, switchIntervalMs: given.switchIntervalMs });
  };
  return new ExperimentRun(
    config,
    executors,
    options,
    pythons,
    prepared.userWorkload,
    prepared.entriesDir,
  ).run();
}

function sameParams(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** A built-in workload, or the user's when the name is its. */
function workloadDef(name: string, user: LoadedUserWorkload | undefined): WorkloadDef {
  return user && name === user.def.name ? user.def : getWorkload(name);
}

/** Why a user workload cannot run on this model (its file is the other language's), or null when it can. */
function unfit(user: LoadedUserWorkload | undefined, workload: string, model: Model): string | null {
  return user && workload === user.def.name ? unfitReason(user.record, model) : null;
}

class ExperimentRun {
  private readonly runId: string;
  private readonly emit: (event: LabEvent) => void;
  private readonly executors = new Map<Model, Executor>();
  private readonly sizes: Map<Model, number>;
  private readonly cells: Cell[];
  private readonly data = new Map<string, CellData>();
  /** the caller's cancel signal, or one that never fires */
  private readonly signal: AbortSignal;
  private readonly createdAt = new Date();
  private readonly t0 = performance.now();
  private logicalCores = 1;
  private readonly policy: RunPolicy;
  /** per workload, the TypeScript kernel's checksum at Python's parameters (runTypescriptReferences) */
  private readonly typescriptChecksums = new Map<string, number>();

  constructor(
    private readonly config: ExperimentConfig,
    private readonly createExecutor: ExecutorFactory,
    private readonly options: RunnerOptions,
    private readonly pythons: PythonSelection,
    private readonly user: LoadedUserWorkload | undefined,
    /** where the CPU sampler's thread starts from */
    private readonly entriesDir: string,
  ) {
    this.runId = options.runId ?? randomUUID();
    this.emit = options.onEvent ?? (() => undefined);
    this.cells = planCells(config);
    this.sizes = poolSizes(this.cells);
    this.policy = runPolicy(config);
    for (const cell of this.cells) {
      const def = workloadDef(cell.workload, user);
      const params = this.paramsOf(cell.workload, cell.model);
      const d = newCellData(cell, def.kind, def.unitCount(params));
      const unavailable =
        unfit(user, cell.workload, cell.model) ??
        (isPythonModel(cell.model) ? pythons.unavailable.get(cell.model) : undefined);
      if (unavailable) d.failure = { reason: 'unavailable', message: unavailable };
      this.data.set(cell.key, d);
    }
    this.signal = options.signal ?? new AbortController().signal;
  }

  /** The parameters the model's family runs the workload with. */
  private paramsOf(workload: string, model: Model) {
    const choice = this.config.workloads.find((w) => w.name === workload);
    if (!choice) throw new LabError('internal', `no parameters for workload ${workload}`);
    return paramsOfFamily(choice, familyOf(model));
  }

  /** What every executor of this experiment is told; one worker unless a pool size is given. */
  private executorOptions(): ExecutorOptions {
    return {
      maxWorkers: 1,
      memoryLimitMb: this.config.memoryLimitMb,
      switchIntervalMs: this.config.switchIntervalMs,
    };
  }

  /** The one place executors are made and started: at spawn time, and again to replace a broken one. */
  private async startExecutor(
    model: Model,
  ): Promise<{ executor: Executor; totalMs: number; perWorkerMs: number[] }> {
    const executor = this.createExecutor(model, {
      ...this.executorOptions(),
      maxWorkers: this.sizes.get(model) ?? 1,
    });
    this.executors.set(model, executor);
    const started = await executor.start();
    return { executor, ...started };
  }

  /** A started executor for the model, replacing one that a failed run left broken. */
  private async executor(model: Model): Promise<Executor> {
    const current = this.executors.get(model);
    if (current && !current.broken) return current;
    if (current) await current.close();
    return (await this.startExecutor(model)).executor;
  }

  async run(): Promise<Report> {
    const machine = await machineInfo();
    this.logicalCores = machine.logicalCores;
    this.emit({ type: 'experiment-started', runId: this.runId, config: this.config });
    const defs = this.config.workloads.map((w) => workloadDef(w.name, this.user));
    const sampler =
      this.options.sampleCpu === false
        ? null
        : new CpuSampler(
            this.config.sampleIntervalMs,
            (sample) => this.emit({ type: 'cpu-sample', runId: this.runId, sample }),
            this.entriesDir,
          );
    const resources = await openResources(defs);
    // Two listings of every process, at the start and the end, name who used the CPU during the experiment.
    const processes0 = readProcessCpu();
    const processesT0 = performance.now();
    const spawn: SpawnStats[] = [];
    const schedule = new RunSchedule(
      this.cells,
      { warmup: this.config.warmup, seed: this.config.seed, ...this.policy },
      (cell) => this.needsMore(cell),
    );
    let done = 0;
    let measuringSince: number;
    let sampled: SamplerResult | undefined;
    try {
      await sampler?.start();
      this.progress(0, schedule.total(), 'spawning', null, 0);
      for (const [model, size] of this.sizes) {
        if (this.signal.aborted) break;
        // A model none of whose cells can run (no interpreter, or a user file of the other language) starts nothing.
        if (
          [...this.data.values()].every((d) => d.cell.model !== model || d.failure?.reason === 'unavailable')
        )
          continue;
        let started: Awaited<ReturnType<typeof this.startExecutor>>;
        try {
          started = await this.startExecutor(model);
        } catch (err) {
          // An interpreter that will not start (a broken Python, a bad --python) fails only its model.
          if (!isPythonModel(model)) throw err;
          this.executors.delete(model);
          this.failModel(
            model,
            `the interpreter could not start: ${err instanceof Error ? err.message : String(err)}`,
          );
          continue;
        }
        spawn.push({
          model,
          workers: size,
          perWorkerMs: median(started.perWorkerMs),
          totalMs: started.totalMs,
        });
      }
      await this.runTypescriptReferences(resources.env);
      measuringSince = performance.now();
      let runSeq = 0;
      for (let step = schedule.next(); step; step = schedule.next()) {
        if (this.signal.aborted) break;
        const d = this.data.get(step.cell.key);
        if (!d) continue;
        const phase = step.warmup ? 'warmup' : 'measuring';
        this.progress(done, schedule.total(), phase, step, measuringSince);
        if (!d.failure) await this.runOnce(d, step.warmup, ++runSeq, resources.env);
        done++;
      }
      this.progress(done, schedule.total(), 'finishing', null, measuringSince);
    } finally {
      await Promise.allSettled([...this.executors.values()].map((e) => e.close()));
      this.executors.clear();
      await resources.close();
      // The sampler's thread ends with the experiment, however the experiment ends.
      sampled = await sampler?.stop();
    }
    const samples: Report['samples'] = sampled
      ? {
          intervalMs: sampled.intervalMs,
          points: sampled.points,
          samplerCpuPct: sampled.samplerCpuPct,
          ...(sampled.error ? { error: sampled.error } : {}),
        }
      : { intervalMs: this.config.sampleIntervalMs, points: [], samplerCpuPct: 0 };
    const { results, fits } = buildResults([...this.data.values()], {
      references: this.references(),
      seed: this.config.seed,
      policy: this.policy,
      logicalCores: machine.logicalCores,
      switchIntervalMs: this.config.switchIntervalMs,
      calibrated: this.config.minTimeMs !== undefined,
      topOthers: topOthers(processes0, readProcessCpu(), performance.now() - processesT0),
    });
    const report: Report = {
      schema: REPORT_SCHEMA,
      version: REPORT_VERSION,
      id: this.runId,
      createdAt: this.createdAt.toISOString(),
      finishedAt: new Date().toISOString(),
      status: this.signal.aborted ? 'cancelled' : 'complete',
      tool: { name: 'threadlab', version: TOOL_VERSION },
      machine,
      config: this.config,
      spawn,
      samples,
      results,
      fits,
      ...(this.config.models.some(isPythonModel) ? { python: describeSelection(this.pythons) } : {}),
      ...(this.user ? { userWorkload: this.user.record } : {}),
    };
    this.emit({ type: 'experiment-finished', runId: this.runId, report });
    return report;
  }

  /**
   * The TypeScript kernel's checksum of each workload at the Python family's parameters, so every Python cell
   * is checked against the same answer as the Node cells, at the size Python ran. Where Python runs Node's
   * size the Node baseline's own runs give it; otherwise one untimed run of the TypeScript kernel on one
   * worker thread, before the measurements (cheap: Python's units are the small ones). That worker is one of
   * its own, closed after: on the baseline's, the run would warm the baseline's JIT alone, and without a
   * warmup pass every Node speedup would be measured against a warm baseline. A user's Python file has no
   * TypeScript twin: its cells are checked against py-sequential, as before.
   */
  private async runTypescriptReferences(env: UnitEnv): Promise<void> {
    for (const choice of this.config.workloads) {
      const pythonParams = choice.pythonParams;
      const user = this.user && choice.name === this.user.def.name;
      // Fault injection (a diagnostic workload) has no answer to check, and may hang on purpose.
      if (!pythonParams || user || getWorkload(choice.name).kind === 'diagnostic') continue;
      const runnable = [...this.data.values()].some(
        (d) => d.cell.workload === choice.name && isPythonModel(d.cell.model) && !d.failure,
      );
      const fromBaseline =
        sameParams(pythonParams, choice.params) && this.data.has(cellKey(choice.name, 'sequential', 1));
      if (!runnable || fromBaseline || this.signal.aborted) continue;
      let ex: Executor | undefined;
      try {
        ex = this.createExecutor('sequential', this.executorOptions());
        await ex.start();
        const outcome = await ex.run({
          runId: 0,
          workload: choice.name,
          params: pythonParams,
          unitCount: getWorkload(choice.name).unitCount(pythonParams),
          workers: 1,
          env,
          timeline: false,
          timeoutMs: this.config.timeoutMs,
          signal: this.signal,
        });
        this.typescriptChecksums.set(choice.name, outcome.checksum);
      } catch {
        // Without the reference the Python cells are still checked against py-sequential.
      } finally {
        await ex?.close();
      }
    }
  }

  /** Per Python baseline cell key, the TypeScript answer its family's cells must give. */
  private references(): Map<string, number> {
    const out = new Map<string, number>();
    for (const choice of this.config.workloads) {
      const key = cellKey(choice.name, 'py-sequential', 1);
      const ran = this.typescriptChecksums.get(choice.name);
      const node = this.data.get(cellKey(choice.name, 'sequential', 1))?.checksums[0];
      const same = choice.pythonParams !== undefined && sameParams(choice.pythonParams, choice.params);
      const reference =
        ran ?? (same && !(this.user && choice.name === this.user.def.name) ? node : undefined);
      if (reference !== undefined) out.set(key, reference);
    }
    return out;
  }

  /** Adaptive runs: a cell runs another round until it fails or its median is known within the target. */
  private needsMore(cell: Cell): boolean {
    const d = this.data.get(cell.key);
    if (!d || d.failure) return false;
    return !medianTightness(d.wallMs, this.policy).reached;
  }

  private failModel(model: Model, message: string): void {
    for (const d of this.data.values()) if (d.cell.model === model) d.failure ??= { reason: 'exit', message };
  }

  private async runOnce(d: CellData, warmup: boolean, runSeq: number, env: UnitEnv) {
    const { cell } = d;
    let ex: Executor;
    try {
      ex = await this.executor(cell.model);
    } catch (err) {
      d.failure = {
        reason: 'exit',
        message: `workers could not start: ${err instanceof Error ? err.message : String(err)}`,
      };
      return;
    }
    try {
      const watch = warmup ? null : watchRun();
      const request: RunRequest = {
        runId: runSeq,
        workload: cell.workload,
        ...(this.user && cell.workload === this.user.def.name ? { source: this.user.source } : {}),
        params: this.paramsOf(cell.workload, cell.model),
        unitCount: d.units,
        workers: cell.workers,
        env,
        timeline: this.config.timeline,
        timeoutMs: this.config.timeoutMs,
        signal: this.signal,
      };
      // A calibrated cell's run is its job `loops` times back to back (pyperf's loops); a warm-up run is one job.
      const outcomes: RunOutcome[] = [];
      for (let i = 0; i < (warmup ? 1 : d.loops); i++) {
        if (i > 0 && this.signal.aborted) return;
        outcomes.push(await ex.run(request));
      }
      const outcome = perJob(outcomes);
      // The last warm-up run counts the loops the measured runs will repeat.
      if (warmup) d.loops = calibrateLoops(outcome.wallMs, this.config.minTimeMs);
      // A child process's CPU is not in this process's; an in-process worker's already is.
      const others = watch?.stop(outcome.cpuMethod === 'process' ? outcome.cpuMs * outcomes.length : 0);
      if (warmup) return;
      if (others) addTotals(d.interference, others);
      d.wallMs.push(outcome.wallMs);
      d.cpuMs.push(outcome.cpuMs);
      d.cpuMethod = outcome.cpuMethod;
      // every job's answer is checked, not only the first loop's
      for (const o of outcomes) d.checksums.push(o.checksum);
      outcome.memoryBytes.forEach((b, i) => {
        d.memoryBytes[i] = Math.max(d.memoryBytes[i] ?? 0, b);
      });
      for (const o of outcomes)
        if (o.gil)
          d.gilTotals = addGilTotals(
            d.gilTotals,
            o.gil.threads.map((t) => t.stats),
          );
      // the timeline is the last job's, on its own clock
      const last = outcomes.at(-1);
      if (last?.gil) d.gilTimeline = { ...spansOf(last.gil.threads), wallMs: last.wallMs };
      if (outcome.pythonLanes) d.pythonLanes = outcome.pythonLanes;
      this.emitPartial(d);
    } catch (err) {
      if (err instanceof RunFailure && err.reason === 'cancelled' && this.signal.aborted) return;
      d.failure =
        err instanceof RunFailure
          ? err.toFailure()
          : { reason: 'error', message: err instanceof Error ? err.message : String(err) };
      if (d.failure.reason === 'timeout' && this.user && cell.workload === this.user.def.name)
        d.failure.message += ` (a unit of ${this.user.record.file} did not return in time)`;
      // The pool may still have a hung or dying worker: end it now, a fresh one is started on next use.
      await ex.close();
    }
  }

  private emitPartial(d: CellData): void {
    const base = this.data.get(baselineKey(d.cell));
    const subset = base && base !== d ? [base, d] : [d];
    const { results } = buildResults(subset, {
      references: this.references(),
      seed: this.config.seed,
      policy: this.policy,
      logicalCores: this.logicalCores,
      switchIntervalMs: this.config.switchIntervalMs,
      calibrated: this.config.minTimeMs !== undefined,
    });
    const mine = results.find((r) => r.model === d.cell.model && r.workers === d.cell.workers);
    if (mine) this.emit({ type: 'result', runId: this.runId, result: mine });
  }

  private progress(
    done: number,
    total: number,
    phase: Progress['phase'],
    step: { cell: Cell; repetition: number } | null,
    measuringSince: number,
  ): void {
    const now = performance.now();
    const etaMs = done > 0 && measuringSince > 0 ? ((now - measuringSince) / done) * (total - done) : null;
    this.emit({
      type: 'progress',
      runId: this.runId,
      progress: {
        done,
        total,
        elapsedMs: now - this.t0,
        etaMs,
        phase,
        current: step
          ? {
              workload: step.cell.workload,
              model: step.cell.model,
              workers: step.cell.workers,
              repetition: step.repetition,
            }
          : null,
      },
    });
  }
}
