/**
 * The line-delimited JSON protocol between the host and workloads/python/driver.py. Everything the driver
 * says is validated here, so a driver from another version (or a stray print) fails with the field named.
 */
import { z } from 'zod';
import type { Params, UnitEnv } from '../../common/workload';

/** The Python models as the driver names them (the lab's CLI names are these with a `py-` prefix). */
export const DRIVER_MODELS = ['sequential', 'threads', 'processes', 'asyncio'] as const;
export type DriverModel = (typeof DRIVER_MODELS)[number];

/** The protocol version this host speaks; the driver says its own in `ready`. 2: the `started` message. */
export const DRIVER_PROTOCOL = 2;

export const interpreterFactsSchema = z.object({
  protocol: z.number().int(),
  version: z.string(),
  implementation: z.string(),
  executable: z.string(),
  gilEnabled: z.boolean(),
  freeThreadedBuild: z.boolean(),
  switchIntervalMs: z.number(),
  cpuCount: z.number().int().nullable(),
  platform: z.string(),
  pid: z.number().int(),
});
export type InterpreterFacts = z.infer<typeof interpreterFactsSchema>;

const unitRecordSchema = z.object({
  index: z.number().int().nonnegative(),
  checksum: z.number().int().min(0).max(0xffff_ffff),
  /** the thread, process or asyncio task (by position) that ran the unit */
  lane: z.number().int().nonnegative(),
  /** perf_counter, relative to the job start */
  startMs: z.number(),
  endMs: z.number(),
});

const threadStatsSchema = z.object({
  lanes: z.array(z.number().int()),
  pid: z.number().int(),
  threadId: z.number(),
  /** time.thread_time of this OS thread over its part of the job: CPU it got, against wallMs it took */
  cpuMs: z.number(),
  wallMs: z.number(),
  startMs: z.number(),
  /** processes model: the whole child's CPU (os.times), interpreter start-up included */
  processCpuMs: z.number().optional(),
  /** processes model: the child's resident memory after its lane; null where the OS does not say */
  rssBytes: z.number().nonnegative().nullable().optional(),
});

export const resultMessageSchema = z.object({
  type: z.literal('result'),
  id: z.number().int().nullable(),
  ok: z.boolean(),
  error: z.string().optional(),
  /** how the job failed when not by an exception: `exit` when a worker process died */
  reason: z.enum(['error', 'exit']).optional(),
  /** the failing unit, when a kernel raised */
  unit: z.number().int().optional(),
  wallMs: z.number().optional(),
  spawnMs: z.number().optional(),
  units: z.array(unitRecordSchema).optional(),
  threads: z.array(threadStatsSchema).optional(),
  /**
   * the driver process's own CPU over the job (os.times), and its resident memory after the job (null where
   * the OS does not say)
   */
  process: z
    .object({
      userMs: z.number(),
      systemMs: z.number(),
      rssBytes: z.number().nonnegative().nullable().optional(),
    })
    .optional(),
});
export type ResultMessage = z.infer<typeof resultMessageSchema>;
export type UnitRecord = z.infer<typeof unitRecordSchema>;
export type ThreadStats = z.infer<typeof threadStatsSchema>;

/** A job's threads or worker processes are up and its clock starts now: the run's own timeout starts here. */
export const startedMessageSchema = z.object({
  type: z.literal('started'),
  id: z.number().int().nullable(),
  spawnMs: z.number(),
});

export const driverMessageSchema = z.discriminatedUnion('type', [
  interpreterFactsSchema.extend({ type: z.literal('ready') }),
  startedMessageSchema,
  resultMessageSchema,
]);

/** A job as the host sends it: the units to run (indices), dealt round-robin over `workers` lanes. */
export interface DriverJob {
  readonly model: DriverModel;
  readonly workload: string;
  /** complete and validated: the driver has no defaults of its own */
  readonly params: Params;
  readonly workers: number;
  readonly units: readonly number[];
  /** sys.setswitchinterval, in ms */
  readonly switchIntervalMs: number;
  readonly env?: UnitEnv;
}

/** Issues of a zod error as `field: message`, the way every other input error of the lab reads. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}
