/**
 * The values that cross between the engine and any UI: what the LabApi methods (electron/common/api.ts)
 * take and return, and the events the engine pushes.
 */
import type { ExperimentConfig, Model, PythonModel, WorkloadMeta } from './config';
import type { DemoEvent, DemoId, DemoOutcome, DemoSpeed } from './demos';
import type { LabErrorData } from './errors';
import type { HistorySummary } from './history-summary';
import type { CpuSample, Machine, Report, ResultEntry } from './report';

export type { BestSpeedup } from './history-summary';

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
  /**
   * the Python interpreters found on the machine, for the py-* models and demos; null while the lab is still
   * probing (once per lab, seconds on a busy machine: getInfo does not wait for it, ask again)
   */
  readonly python: PythonInfo | null;
}

/** A program other than the lab, and how much of a core it used over a quiet check or a run. */
export interface OtherProcess {
  readonly name: string;
  readonly pid: number;
  readonly cores: number;
}

/**
 * What the quiet check before a run saw: other programs' CPU over about a second, so a UI can say the machine
 * is busy, and by whom, before the figures are spoiled rather than after.
 */
export interface QuietCheck {
  /** other programs' cores over the window; null where the OS does not say (no /proc/stat) or the check is off */
  readonly otherCores: number | null;
  /** the use of other programs above which the machine counts as busy */
  readonly thresholdCores: number;
  /** false only when otherCores is known and above thresholdCores */
  readonly quiet: boolean;
  /** the programs that used most over the window, most first (at most three) */
  readonly top: readonly OtherProcess[];
  readonly windowMs: number;
}

/** One interpreter found on the machine, as it described itself. */
export interface PythonInterpreterInfo {
  /** how it was found: `THREADLAB_PYTHON`, `python3`, `python3.13t`, ... */
  readonly foundBy: string;
  readonly version: string;
  readonly implementation: string;
  readonly executable: string;
  readonly gilEnabled: boolean;
  readonly freeThreadedBuild: boolean;
}

/** What the lab found of Python, and which py-* models cannot run here and why. */
export interface PythonInfo {
  readonly interpreters: readonly PythonInterpreterInfo[];
  /** set when no interpreter was found: one sentence saying what was tried */
  readonly reason: string | null;
  /** the py-* models that cannot run on this machine, each with its reason */
  readonly unavailable: Readonly<Partial<Record<PythonModel, string>>>;
}

/** How a program run by the lab ended (a demo's Python snippet): its output, bounded, and why it stopped. */
export interface SnippetResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** stopped at its time limit */
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly timeLimitMs: number;
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** some output was cut at the output limit */
  readonly truncated: boolean;
  /** one sentence: how the run ended */
  readonly summary: string;
}

/** A demo's Python run for real (runDemoPython), or why it could not run. */
export type DemoPythonRun =
  | {
      readonly ran: true;
      readonly id: DemoId;
      readonly interpreter: PythonInterpreterInfo;
      /** the snippet never ends by itself (the deadlock): reaching its time limit is its outcome */
      readonly endsByTimeout: boolean;
      readonly result: SnippetResult;
    }
  | { readonly ran: false; readonly id: DemoId; readonly reason: string };

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

export interface HistoryEntrySummary extends HistorySummary {
  /** the id for getReport, deleteReport and exportReport; imported entries' ids start with `imported-` */
  readonly id: string;
  readonly source: 'run' | 'imported';
  /** the file name an imported report came from */
  readonly importedFrom: string | null;
}

/** One exported file, ready to be offered as a download. */
export interface ExportedFile {
  /** a suggested name, safe on every OS (`threadlab-<label or id>-<date>.<ext>`) */
  readonly fileName: string;
  readonly mime: string;
  readonly base64: string;
}
