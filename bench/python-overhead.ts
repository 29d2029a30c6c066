/**
 * The host's overhead per Python run: for a near-empty job (one unit of the smallest primes), the host's
 * wall clock around the round trip minus Python's own perf_counter around the work and minus the pool
 * start, i.e. what the protocol costs: writing the job, the driver parsing it and writing `started` and the
 * result, both pipe wake-ups and our JSON parsing and validation. Median of many, after a few unrecorded.
 */
import { median } from '../electron/common/stats';
import { InterpreterProcess, type InterpreterCommand } from '../electron/lab/python/interpreter-process';

export interface PythonOverhead {
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Python's own perf_counter around the job's work, median */
  readonly pythonWallMs: number;
  readonly jobs: number;
}

export async function measurePythonOverhead(
  command: InterpreterCommand,
  jobs: number,
  warmup = 10,
): Promise<PythonOverhead> {
  const py = await InterpreterProcess.start(command);
  try {
    const overheads: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < warmup + jobs; i++) {
      const r = await py.run(
        {
          model: 'sequential',
          workload: 'primes',
          params: { units: 1, span: 1_000 },
          workers: 1,
          units: [0],
          switchIntervalMs: 5,
        },
        { timeoutMs: 30_000 },
      );
      if (i < warmup) continue;
      overheads.push(r.hostWallMs - r.wallMs - r.spawnMs);
      walls.push(r.wallMs);
    }
    const sorted = [...overheads].sort((a, b) => a - b);
    return {
      medianMs: median(overheads),
      p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? NaN,
      pythonWallMs: median(walls),
      jobs,
    };
  } finally {
    await py.close();
  }
}
