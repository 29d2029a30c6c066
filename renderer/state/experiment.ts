/**
 * The experiment as the UI sees it, rebuilt from LabEvents by one pure reducer so that every screen (the one
 * that started a run, a late joiner, a read-only watcher) reaches the same state from the same events.
 */
import type { LabEvent, Progress } from '../../electron/common/api';
import type { ExperimentConfig } from '../../electron/common/config';
import type { LabErrorData } from '../../electron/common/errors';
import type { CpuSample, Report, ResultEntry } from '../../electron/common/report';

/** Where the current (or last) experiment is. */
export type ExperimentStatus = 'idle' | 'running' | 'finished' | 'failed' | 'cancelled';

/** Everything the live and results views draw. */
export interface ExperimentState {
  readonly status: ExperimentStatus;
  readonly runId: string | null;
  readonly config: ExperimentConfig | null;
  readonly progress: Progress | null;
  /** the most recent CPU samples, oldest first (bounded by MAX_SAMPLES) */
  readonly samples: readonly CpuSample[];
  /** one entry per measured cell, updated as partial results arrive, replaced by the report's at the end */
  readonly results: readonly ResultEntry[];
  readonly report: Report | null;
  readonly error: LabErrorData | null;
  /** true between pressing Cancel and the engine confirming */
  readonly cancelling: boolean;
}

/** LabEvents plus what the UI itself knows: a late join, a cancel request, going back to the builder. */
export type ExperimentAction =
  | LabEvent
  | { readonly type: 'joined'; readonly runId: string; readonly config: ExperimentConfig }
  | { readonly type: 'cancel-requested' }
  | { readonly type: 'cancel-failed' }
  | { readonly type: 'reset' };

/** About a minute of samples at the default 500 ms: enough for the live chart, bounded for long runs. */
export const MAX_SAMPLES = 120;

export const initialExperimentState: ExperimentState = {
  status: 'idle',
  runId: null,
  config: null,
  progress: null,
  samples: [],
  results: [],
  report: null,
  error: null,
  cancelling: false,
};

function started(runId: string, config: ExperimentConfig): ExperimentState {
  return { ...initialExperimentState, status: 'running', runId, config };
}

const sameCell = (a: ResultEntry, b: ResultEntry) =>
  a.workload === b.workload && a.model === b.model && a.workers === b.workers;

/** The results with `next` last, in place of its cell's earlier entry (compared field by field: no key strings per result and event). */
function upsertResult(results: readonly ResultEntry[], next: ResultEntry): ResultEntry[] {
  const out = results.filter((r) => !sameCell(r, next));
  out.push(next);
  return out;
}

export function experimentReducer(state: ExperimentState, action: ExperimentAction): ExperimentState {
  switch (action.type) {
    case 'reset':
      return state.status === 'running' ? state : initialExperimentState;
    case 'joined':
      // info.running may arrive after the 'experiment-started' event itself: never restart a run we follow.
      return state.status === 'running' && state.runId === action.runId
        ? state
        : started(action.runId, action.config);
    case 'cancel-requested':
      return state.status === 'running' ? { ...state, cancelling: true } : state;
    case 'cancel-failed':
      return { ...state, cancelling: false };
    case 'experiment-started':
      if (state.status === 'running' && state.runId === action.runId)
        return { ...state, config: action.config };
      return started(action.runId, action.config);
    default:
      break;
  }
  // Every other event belongs to one run; events of an earlier run (late, or from another window) are ignored.
  if (action.runId !== state.runId) return state;
  switch (action.type) {
    case 'progress':
      return state.status === 'running' ? { ...state, progress: action.progress } : state;
    case 'cpu-sample': {
      if (state.status !== 'running') return state;
      const samples = [...state.samples, action.sample];
      return { ...state, samples: samples.length > MAX_SAMPLES ? samples.slice(-MAX_SAMPLES) : samples };
    }
    case 'result':
      return state.status === 'running'
        ? { ...state, results: upsertResult(state.results, action.result) }
        : state;
    case 'experiment-finished':
      return {
        ...state,
        status: action.report.status === 'cancelled' ? 'cancelled' : 'finished',
        config: action.report.config,
        report: action.report,
        results: action.report.results,
        cancelling: false,
      };
    case 'experiment-failed':
      return { ...state, status: 'failed', error: action.error, cancelling: false };
    default:
      // Demo events belong to the demos, not to experiments.
      return state;
  }
}
