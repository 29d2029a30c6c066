/**
 * The one contract between the engine and any UI: Electron IPC (preload), the WebSocket bridge (browser
 * mode) and the in-process transport (tests) all implement exactly this. Channels are prefixed `lab:`.
 */
import type { HistorySummary } from './history';
export type { BestSpeedup } from './history';
import type { ExperimentConfig, ExperimentConfigInput, Model, WorkloadMeta } from './config';
import type { DemoEvent, DemoId, DemoMeta, DemoOutcome, DemoSpeed } from './demos';
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
  /** the demo running now, if any */
  readonly runningDemo: { readonly runId: string; readonly id: DemoId } | null;
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
  | { readonly type: 'experiment-failed'; readonly runId: string; readonly error: LabErrorData }
  | {
      readonly type: 'demo-started';
      readonly runId: string;
      readonly id: DemoId;
      readonly speed: DemoSpeed;
      /** the parameters after defaults were applied */
      readonly params: Readonly<Record<string, number>>;
    }
  | { readonly type: 'demo-event'; readonly runId: string; readonly event: DemoEvent }
  | { readonly type: 'demo-finished'; readonly runId: string; readonly outcome: DemoOutcome }
  /** also a cancelled demo (error.code 'cancelled') and one out of time */
  | { readonly type: 'demo-failed'; readonly runId: string; readonly error: LabErrorData };

export type LabEventType = LabEvent['type'];
export type Unsubscribe = () => void;

/** How a demo is started: overrides checked against its catalog params, and slow motion for a presenter. */
export interface DemoStartOptions {
  readonly params?: Readonly<Record<string, number>>;
  readonly speed?: DemoSpeed;
}

export interface HistoryEntrySummary extends HistorySummary {
  /** the id for getReport, deleteReport and exportReport; imported entries' ids start with `imported-` */
  readonly id: string;
  readonly source: 'run' | 'imported';
  /** the file name an imported report came from */
  readonly importedFrom: string | null;
}

/** The formats exportReport writes; pdf and png are rendered from the html export by a browser engine. */
export const REPORT_FILE_FORMATS = ['json', 'csv', 'md', 'html', 'trace', 'pdf', 'png'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** One exported file, ready to be offered as a download. */
export interface ExportedFile {
  /** a suggested name, safe on every OS (`threadlab-<label or id>-<date>.<ext>`) */
  readonly fileName: string;
  readonly mime: string;
  readonly base64: string;
}

/** The largest report text importReport accepts, in UTF-8 bytes (a real report is well under 5 MiB). */
export const MAX_IMPORT_BYTES = 50 * 2 ** 20;
/**
 * The largest request (the UTF-8 bytes of its JSON) the WebSocket transport carries for a client that may
 * write: a report at the import limit, JSON-escaped, fits. Watch-only clients get far less.
 */
export const MAX_REQUEST_BYTES = 2 * MAX_IMPORT_BYTES + 2 ** 20;

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
  /** The classroom demos, in lesson order. */
  listDemos(): Promise<DemoMeta[]>;
  /**
   * Starts a demo; resolves with its id once the demo is under way (after 'demo-started'). Then come
   * 'demo-event's and one 'demo-finished' or 'demo-failed'. One demo at a time, and none during an
   * experiment (LabError 'busy'); a bad id or parameter is a LabError('invalid-config') naming it.
   */
  startDemo(id: string, options?: DemoStartOptions): Promise<{ readonly runId: string }>;
  /** Ends the demo and everything it started; resolves once all of it is gone ('demo-failed', 'cancelled'). */
  cancelDemo(runId: string): Promise<void>;
  /** Every recorded run and imported report, newest first. */
  listHistory(): Promise<HistoryEntrySummary[]>;
  /** A recorded or imported report, schema-valid (a run being recorded: its results so far). */
  getReport(id: string): Promise<Report>;
  /** Deletes an entry ('busy' while that run is still being recorded). */
  deleteReport(id: string): Promise<void>;
  /**
   * Validates a report file's text (nothing in it is executed) and keeps it among the imported entries
   * under a fresh id, which the returned report carries. LabError('invalid-report') names the bad field.
   */
  importReport(text: string, fileName: string): Promise<Report>;
  /** A history entry as a file; pdf and png need a browser engine (LabError 'not-found' without one). */
  exportReport(id: string, format: ReportFileFormat): Promise<ExportedFile>;
  /** Subscribes to every event; returns the function that removes the listener. */
  onEvent(listener: (event: LabEvent) => void): Unsubscribe;
}

/** Invoke-style channel names (request/response), one per LabApi method. */
export const LAB_CHANNELS = {
  getInfo: 'lab:getInfo',
  startExperiment: 'lab:startExperiment',
  cancelExperiment: 'lab:cancelExperiment',
  listDemos: 'lab:listDemos',
  startDemo: 'lab:startDemo',
  cancelDemo: 'lab:cancelDemo',
  listHistory: 'lab:listHistory',
  getReport: 'lab:getReport',
  deleteReport: 'lab:deleteReport',
  importReport: 'lab:importReport',
  exportReport: 'lab:exportReport',
} as const satisfies Record<Exclude<keyof LabApi, 'onEvent'>, `lab:${string}`>;
/** The one push channel: main -> renderer events. */
export const LAB_EVENT_CHANNEL = 'lab:event';
