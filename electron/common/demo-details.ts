/**
 * What each demo measured, as a discriminated union on `kind` (the demo id). Every number here was measured
 * on real threads and processes; times are ms unless a name says otherwise.
 */

/** A pid and thread id as the worker itself reported them (threadId 0 is a process's main thread). */
export interface ExecId {
  readonly pid: number;
  readonly threadId: number;
}

export interface ThreadVsProcessDetails {
  readonly kind: 'thread-vs-process';
  readonly main: ExecId;
  readonly thread: ExecId;
  readonly process: ExecId;
  /** the value written; what main read after the thread wrote it to shared memory; what the child saw in its
   * own copy after writing; what main read after the child's write */
  readonly sharedWrite: {
    readonly wrote: number;
    readonly mainAfterThread: number;
    readonly childSawOwnCopy: number;
    readonly mainAfterChild: number;
  };
  /** ms from creation to the entry's first message, each spawn on its own */
  readonly spawnMs: { readonly thread: readonly number[]; readonly process: readonly number[] };
  readonly spawnMedianMs: { readonly thread: number; readonly process: number };
}

export interface LifecycleThreadInfo {
  readonly name: string;
  readonly ident: number;
  /** did its body run in the pause between construction and start()? */
  readonly ranBeforeStart: boolean;
  readonly aliveBeforeStart: boolean;
  readonly aliveWhileRunning: boolean;
  readonly aliveAfterJoin: boolean;
  readonly workMs: number;
}

export interface LifecycleDetails {
  readonly kind: 'lifecycle';
  readonly threads: readonly LifecycleThreadInfo[];
  /** main joined the longest thread: how long join() blocked, and how soon after the thread's end it returned */
  readonly join: { readonly name: string; readonly blockedMs: number; readonly returnedAfterEndMs: number };
  readonly doubleStart: { readonly threw: boolean; readonly error: string };
  /** active thread count (main included) after every start and end */
  readonly activeCount: readonly { readonly atMs: number; readonly count: number }[];
}

export interface DaemonRun {
  readonly daemon: boolean;
  readonly stepsDone: number;
  readonly totalSteps: number;
  /** ms from the child's start */
  readonly mainEndedMs: number;
  readonly processExitMs: number;
  readonly exitCode: number | null;
}

export interface DaemonDetails {
  readonly kind: 'daemon';
  readonly stepMs: number;
  readonly runs: readonly DaemonRun[];
}

/** One run of the shared-counter experiment. */
export interface CounterRun {
  readonly expected: number;
  readonly actual: number;
  readonly lost: number;
  readonly ms: number;
}

export type CounterMode = 'unsynchronised' | 'lock' | 'atomic';

/** The same increments done another way, for comparison (times are medians over the runs). */
export interface CounterComparison {
  readonly mode: CounterMode;
  readonly medianMs: number;
  readonly exactRuns: number;
  readonly runs: number;
}

export interface CounterDetails {
  readonly kind: 'race' | 'lock' | 'atomics';
  readonly mode: CounterMode;
  readonly threads: number;
  readonly iterations: number;
  /** spin steps between the read and the write (the window another thread can slip into) */
  readonly window: number;
  readonly runs: readonly CounterRun[];
  /** lost updates grouped into equal ranges, for a histogram */
  readonly histogram: readonly {
    readonly fromLost: number;
    readonly toLost: number;
    readonly runs: number;
  }[];
  readonly comparisons: readonly CounterComparison[];
}

export interface DeadlockEdge {
  readonly thread: string;
  readonly holds: string;
  readonly wants: string;
}

export interface DeadlockFix {
  readonly name: 'lock-order' | 'timeout-retry';
  readonly description: string;
  readonly completed: boolean;
  readonly rounds: number;
  readonly ms: number;
  /** timed-out acquisitions that were backed off and retried */
  readonly retries: number;
}

export interface DeadlockDetails {
  readonly kind: 'deadlock';
  readonly detected: boolean;
  readonly detectedBy: 'wait-for-graph' | 'timeout' | 'none';
  /** ms from the moment both threads held their first lock */
  readonly detectedAfterMs: number;
  readonly cycle: readonly DeadlockEdge[];
  readonly recovery: {
    readonly terminated: number;
    readonly terminateMs: number;
    /** workers still running after recovery (must be 0) */
    readonly remaining: number;
  };
  readonly fixes: readonly DeadlockFix[];
}

export interface SemaphoreDetails {
  readonly kind: 'semaphore';
  readonly workers: number;
  readonly limit: number;
  readonly rounds: number;
  readonly sectionMs: number;
  /** the most workers inside at once, from an Atomics counter updated on every entry */
  readonly maxInsideCounter: number;
  /** the same from the lanes' in-section spans */
  readonly maxInsideLanes: number;
  readonly entries: number;
  readonly waitedMs: readonly number[];
}

export interface EventDetails {
  readonly kind: 'event';
  readonly workers: number;
  readonly redMs: number;
  /** ms from start at which the event was set */
  readonly setAtMs: number;
  /** workers that got past wait() before the event was set (must be 0) */
  readonly passedEarly: number;
  readonly released: number;
  /** per worker: µs from set() to the worker running again */
  readonly latencyUs: readonly number[];
  readonly medianLatencyUs: number;
  readonly maxLatencyUs: number;
}

export interface QueueSide {
  readonly workers: number;
  readonly items: number;
  /** times a put (or get) found the queue full (or empty) and blocked */
  readonly blockedCount: number;
  readonly blockedMs: number;
}

export interface QueueDetails {
  readonly kind: 'queue';
  readonly capacity: number;
  readonly producers: QueueSide;
  readonly consumers: QueueSide;
  readonly maxOccupancy: number;
  /** sum of the items put equals sum of the items got */
  readonly checksumOk: boolean;
}

export interface BarrierRound {
  readonly arrivalsMs: readonly number[];
  readonly releasesMs: readonly number[];
  /** the earliest arrival's wait for the last one */
  readonly longestWaitMs: number;
  /** last release minus first release */
  readonly releaseSpreadMs: number;
  /** releases that came before the last arrival (must be 0) */
  readonly releasedEarly: number;
}

export interface BarrierDetails {
  readonly kind: 'barrier';
  readonly threads: number;
  readonly rounds: readonly BarrierRound[];
}

export type PoolKind = 'threads' | 'processes' | 'gil-threads';

export interface PoolRun {
  readonly pool: PoolKind;
  readonly startMs: number;
  readonly totalMs: number;
  /** job ids in the order their futures completed */
  readonly completionOrder: readonly number[];
  /** job ids in the order map() handed results back (always submission order) */
  readonly mapOrder: readonly number[];
  readonly resultsOk: boolean;
}

export interface PoolsDetails {
  readonly kind: 'pools';
  readonly poolSize: number;
  readonly jobs: readonly { readonly id: number; readonly size: number }[];
  readonly pools: readonly PoolRun[];
}

export type ServerModel = 'threads' | 'processes' | 'gil-threads';

export interface ServerRun {
  readonly model: ServerModel;
  readonly expected: number;
  readonly served: number;
  readonly errors: number;
  readonly wallMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface TcpServerDetails {
  readonly kind: 'tcp-server';
  readonly clients: number;
  readonly requestsPerClient: number;
  readonly workUs: number;
  readonly servers: readonly ServerRun[];
}

export interface ConvoySetting {
  readonly label: string;
  readonly cpuThreads: number;
  readonly cpuIn: 'none' | 'gil-threads' | 'process';
  readonly switchIntervalMs: number;
  readonly roundTrips: number;
  readonly durationMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** rps / rps alone */
  readonly ofAlone: number;
}

export interface ConvoyDetails {
  readonly kind: 'convoy';
  readonly settings: readonly ConvoySetting[];
}

export interface NativeGilVariant {
  readonly name: 'native' | 'pure-js';
  readonly description: string;
  readonly jobs: number;
  readonly kibPerJob: number;
  /** best of the runs (interference from other programs only ever slows a run down) */
  readonly oneThreadMs: number;
  readonly twoThreadsMs: number;
  readonly oneThreadRunsMs: readonly number[];
  readonly twoThreadsRunsMs: readonly number[];
  readonly speedup: number;
  readonly digestsMatch: boolean;
}

export interface NativeGilDetails {
  readonly kind: 'native-gil';
  readonly variants: readonly NativeGilVariant[];
}

export type DemoDetails =
  | ThreadVsProcessDetails
  | LifecycleDetails
  | DaemonDetails
  | CounterDetails
  | DeadlockDetails
  | SemaphoreDetails
  | EventDetails
  | QueueDetails
  | BarrierDetails
  | PoolsDetails
  | TcpServerDetails
  | ConvoyDetails
  | NativeGilDetails;
