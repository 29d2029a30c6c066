/**
 * The py-* models as an executor of the runner: one interpreter process (workloads/python/driver.py) per
 * model, started before any timing, that runs each job on a real CPython. The interpreter's own start is the
 * executor's spawn cost; the threads or processes of a job are started by the driver before its clock
 * starts, and that cost comes back apart (poolSpawnMs), so a cell's wall time is Python's perf_counter from
 * the first unit's start to the last unit's end.
 *
 * Faults follow the other models' rules: a kernel exception fails the run and leaves the interpreter
 * usable; a timeout, a cancel or a crash ends the interpreter (and its worker processes), which marks the
 * executor broken so the runner starts a fresh one for the next cell.
 */
import type { PythonModel } from '../../common/config';
import type { PythonLanes } from '../../common/report';
import { combineChecksums } from '../../../workloads/types';
import type { Executor, RunOutcome, RunRequest } from '../runtime/executor';
import { RunFailure } from '../runtime/pool';
import { InterpreterProcess, type InterpreterCommand, type JobResult } from './interpreter-process';
import type { DriverModel } from './protocol';

/** How each py-* model is run by the driver, and what it adds to the interpreter's environment. */
export const PYTHON_MODEL_PLAN: Readonly<
  Record<PythonModel, { readonly driver: DriverModel; readonly env?: Readonly<Record<string, string>> }>
> = {
  'py-sequential': { driver: 'sequential' },
  'py-threads': { driver: 'threads' },
  'py-processes': { driver: 'processes' },
  'py-asyncio': { driver: 'asyncio' },
  // PYTHON_GIL=0 keeps the GIL off even when an extension module asks for it (3.13t would re-enable it).
  'py-ft-threads': { driver: 'threads', env: { PYTHON_GIL: '0' } },
};

export interface PythonExecutorOptions {
  readonly command: InterpreterCommand;
  readonly switchIntervalMs: number;
  readonly driverPath?: string;
}

/** A Python run's outcome: the common fields plus what only a real interpreter can tell. */
export interface PythonRunOutcome extends RunOutcome {
  /** the host's clock around the job's round trip: wallMs plus pool start plus the protocol's overhead */
  readonly hostWallMs: number;
  /** starting the job's threads or worker processes, before its clock started */
  readonly poolSpawnMs: number;
  /** CPU time of the interpreter (and of its worker processes) over the job */
  readonly cpuMs: number;
  readonly job: JobResult;
}

/** Each thread of a threads job with the units dealt to its lane, in the order it ran them. */
export function pythonLanesOf(job: Pick<JobResult, 'units' | 'threads' | 'wallMs'>): PythonLanes {
  return {
    wallMs: job.wallMs,
    lanes: job.threads.map((t, i) => ({
      thread: i,
      cpuMs: Math.max(0, t.cpuMs),
      wallMs: Math.max(0, t.wallMs),
      startMs: t.startMs,
      units: job.units
        .filter((u) => t.lanes.includes(u.lane))
        .map(({ index, startMs, endMs }) => ({ index, startMs, endMs }))
        .sort((a, b) => a.startMs - b.startMs),
    })),
  };
}

/**
 * Resident memory of what ran the units: each worker process of py-processes, or the one interpreter whose
 * threads or tasks share it. Empty where the OS would not say.
 */
export function pythonMemory(driver: DriverModel, job: JobResult): number[] {
  const figures = driver === 'processes' ? job.threads.map((t) => t.rssBytes) : [job.process.rssBytes];
  return figures.filter((b): b is number => typeof b === 'number');
}

export class PythonExecutor implements Executor {
  private proc: InterpreterProcess | null = null;

  constructor(
    readonly model: PythonModel,
    private readonly options: PythonExecutorOptions,
  ) {}

  get broken(): boolean {
    return this.proc !== null && !this.proc.alive;
  }

  get interpreter(): InterpreterProcess | null {
    return this.proc;
  }

  async start(): Promise<{ totalMs: number; perWorkerMs: number[] }> {
    const t0 = performance.now();
    this.proc = await InterpreterProcess.start(this.options.command, {
      env: PYTHON_MODEL_PLAN[this.model].env,
      driverPath: this.options.driverPath,
    });
    const totalMs = performance.now() - t0;
    return { totalMs, perWorkerMs: [totalMs] };
  }

  async run(request: RunRequest): Promise<PythonRunOutcome> {
    if (!this.proc) throw new Error(`${this.model} executor used before start()`);
    const units = Array.from({ length: request.unitCount }, (_, i) => i);
    const job = await this.proc.run(
      {
        model: PYTHON_MODEL_PLAN[this.model].driver,
        // The driver loads a user workload from its path (kernels.get_workload).
        workload: request.source ?? request.workload,
        params: request.params,
        workers: request.workers,
        units,
        switchIntervalMs: this.options.switchIntervalMs,
        env: request.env,
      },
      { timeoutMs: request.timeoutMs, signal: request.signal },
    );
    if (job.units.length !== request.unitCount)
      throw new RunFailure(
        'error',
        `python ran ${job.units.length} of ${request.unitCount} units: the driver lost some`,
      );
    const lanes = PYTHON_MODEL_PLAN[this.model].driver === 'threads' ? pythonLanesOf(job) : undefined;
    const childCpuMs = job.threads.reduce((sum, t) => sum + (t.processCpuMs ?? 0), 0);
    return {
      wallMs: job.wallMs,
      checksum: combineChecksums(job.units.map((u) => u.checksum)),
      memoryBytes: pythonMemory(PYTHON_MODEL_PLAN[this.model].driver, job),
      gil: null,
      hostWallMs: job.hostWallMs,
      poolSpawnMs: job.spawnMs,
      // The interpreter's own CPU and its worker processes', counted by the OS in another process than ours.
      cpuMs: job.process.userMs + job.process.systemMs + childCpuMs,
      cpuMethod: 'process',
      ...(lanes ? { pythonLanes: lanes } : {}),
      job,
    };
  }

  async close(): Promise<void> {
    await this.proc?.close();
  }
}
