/**
 * The one contract between the engine and any UI: Electron IPC (preload), the WebSocket bridge (browser
 * mode) and the in-process transport (tests) all implement exactly this. Channels are prefixed `lab:`.
 */
import type { ExperimentConfig, ExperimentConfigInput, Model, WorkloadMeta } from './config';
import type { LabErrorData } from './errors';
import type { CpuSample, Machine, Report, ResultEntry } from './report';

/** What the UI needs to know before it starts anything. */
export interface LabInfo {
  readonly version: string;
  readonly machine: Machine;
  readonly workloads: readonly WorkloadMeta[];
  readonly models: readonly Model[];
  /** 'electron' | 'websocket' | 'in-process' */
  readonly transport: string;
  /** true for network watchers of `npm run serve --public`: they see runs but cannot start them */
  readonly readOnly: boolean;
  /** the experiment running now, if any, so a late joiner can follow it */
  readonly running: { readonly runId: string; readonly config: ExperimentConfig } | null;
}

/** Where an experiment is: runs done out of runs planned, and the cell being measured. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  /** null until at least one run has finished */
  readonly etaMs: number | null;
  readonly phase: 'spawning' | 'warmup' | 'measuring' | 'finishing';
  readonly current: {
    readonly workload: string;
    readonly model: Model;
    readonly workers: number;
    readonly repetition: number;
  } | null;
}

/** Everything the engine tells its listeners, as a discriminated union. */
export type LabEvent =
  | { readonly type: 'experiment-started'; readonly runId: string; readonly config: ExperimentConfig }
  | { readonly type: 'progress'; readonly runId: string; readonly progress: Progress }
  | { readonly type: 'cpu-sample'; readonly runId: string; readonly sample: CpuSample }
  | { readonly type: 'result'; readonly runId: string; readonly result: ResultEntry }
  | { readonly type: 'experiment-finished'; readonly runId: string; readonly report: Report }
  | { readonly type: 'experiment-failed'; readonly runId: string; readonly error: LabErrorData };

export type LabEventType = LabEvent['type'];
export type Unsubscribe = () => void;

/**
 * Methods reject with a LabError (code + field issues); transports must rebuild it on the far side with
 * LabError.fromData so callers can show which field is wrong.
 */
export interface LabApi {
  getInfo(): Promise<LabInfo>;
  /** Validates and starts an experiment; resolves with its id as soon as it has started. */
  startExperiment(config: ExperimentConfigInput): Promise<{ readonly runId: string }>;
  /** Stops the experiment: workers terminated, processes killed; the partial report is kept as 'cancelled'. */
  cancelExperiment(runId: string): Promise<void>;
  /** Subscribes to every event; returns the function that removes the listener. */
  onEvent(listener: (event: LabEvent) => void): Unsubscribe;
}

/** Invoke-style channel names (request/response), one per LabApi method. */
export const LAB_CHANNELS = {
  getInfo: 'lab:getInfo',
  startExperiment: 'lab:startExperiment',
  cancelExperiment: 'lab:cancelExperiment',
} as const satisfies Record<Exclude<keyof LabApi, 'onEvent'>, `lab:${string}`>;
/** The one push channel: main -> renderer events. */
export const LAB_EVENT_CHANNEL = 'lab:event';
