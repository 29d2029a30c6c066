/**
 * Demo runs as the UI sees them, rebuilt from LabEvents by one pure reducer: the window that started a demo,
 * a late joiner and a watcher all reach the same state from the same events. The last run of every demo is
 * kept, so moving between demos (in presenter mode, say) shows each one's own result and replay.
 */
import type { LabEvent } from '../../electron/common/api';
import {
  LaneBoard,
  type DemoEvent,
  type DemoId,
  type DemoOutcome,
  type DemoSpeed,
  type Lane,
} from '../../electron/common/demos';
import type { LabErrorData } from '../../electron/common/errors';

/** Where one run of a demo is; a cancelled run is over and leaves the page idle. */
export type DemoRunStatus = 'running' | 'finished' | 'failed' | 'cancelled';

/** One run of one demo, with every live event it sent. */
export interface DemoRun {
  readonly runId: string;
  readonly id: DemoId;
  readonly speed: DemoSpeed;
  /** the parameters after defaults (empty when we joined a run already under way) */
  readonly params: Readonly<Record<string, number>>;
  readonly status: DemoRunStatus;
  /** the live events in arrival order; LaneBoard rebuilds the lanes from them */
  readonly events: readonly DemoEvent[];
  /** the steps the demo has gone through ('fix: one lock order'), the current one last */
  readonly phases: readonly DemoPhase[];
  readonly outcome: DemoOutcome | null;
  readonly error: LabErrorData | null;
  /** true between pressing Cancel and the engine confirming */
  readonly cancelling: boolean;
  /** the UI's clock (performance.now) when the start arrived, so open spans can grow between events */
  readonly receivedAtMs: number | null;
}

/** A step of a demo and when it began, in ms since the start. */
export interface DemoPhase {
  readonly label: string;
  readonly atMs: number;
}

export interface DemosState {
  /** the demo running now, if any */
  readonly running: DemoId | null;
  /** the last run of each demo */
  readonly runs: Partial<Readonly<Record<DemoId, DemoRun>>>;
}

/** LabEvents plus what the UI itself knows: a late join, a cancel request and its failure. */
export type DemoAction =
  | Exclude<LabEvent, { type: 'demo-started' }>
  | (Extract<LabEvent, { type: 'demo-started' }> & { readonly receivedAtMs?: number })
  /** live events gathered by the UI and applied in one go, so a busy demo does not re-render per event */
  | { readonly type: 'demo-events'; readonly runId: string; readonly events: readonly DemoEvent[] }
  | { readonly type: 'demo-joined'; readonly runId: string; readonly id: DemoId }
  | { readonly type: 'demo-cancel-requested'; readonly runId: string }
  | { readonly type: 'demo-cancel-failed'; readonly runId: string };

export const initialDemosState: DemosState = { running: null, runs: {} };

/**
 * A batch of engine events as reducer actions: each run's consecutive demo steps become one 'demo-events'
 * (applied in one go), and a demo's start carries the UI's own clock at `receivedAtMs`, so open spans can grow
 * between events while the reducer stays pure.
 */
export function demoActions(events: readonly LabEvent[], receivedAtMs: number): DemoAction[] {
  const out: DemoAction[] = [];
  // (asserted, so that TypeScript does not narrow it to null for the whole loop)
  let steps = null as { runId: string; events: DemoEvent[] } | null;
  for (const event of events) {
    if (event.type === 'demo-event') {
      if (steps?.runId !== event.runId) {
        steps = { runId: event.runId, events: [] };
        out.push({ type: 'demo-events', runId: steps.runId, events: steps.events });
      }
      steps.events.push(event.event);
      continue;
    }
    steps = null;
    out.push(event.type === 'demo-started' ? { ...event, receivedAtMs } : event);
  }
  return out;
}

function begin(
  state: DemosState,
  run: Pick<DemoRun, 'runId' | 'id' | 'speed' | 'params' | 'receivedAtMs'>,
): DemosState {
  const fresh: DemoRun = {
    ...run,
    status: 'running',
    events: [],
    phases: [],
    outcome: null,
    error: null,
    cancelling: false,
  };
  return { running: run.id, runs: { ...state.runs, [run.id]: fresh } };
}

function update(state: DemosState, run: DemoRun, next: Partial<DemoRun>): DemosState {
  const ended = next.status !== undefined && next.status !== 'running';
  return {
    running: ended && state.running === run.id ? null : state.running,
    runs: { ...state.runs, [run.id]: { ...run, ...next } },
  };
}

/** The run a runId belongs to, among the last runs of every demo. */
export function runOf(state: DemosState, runId: string): DemoRun | null {
  for (const run of Object.values(state.runs)) if (run?.runId === runId) return run;
  return null;
}

export function demosReducer(state: DemosState, action: DemoAction): DemosState {
  switch (action.type) {
    case 'demo-started':
      if (runOf(state, action.runId)) return state;
      return begin(state, {
        runId: action.runId,
        id: action.id,
        speed: action.speed,
        params: action.params,
        receivedAtMs: action.receivedAtMs ?? null,
      });
    case 'demo-joined':
      // LabInfo may report the run after its 'demo-started' arrived: never restart a run we follow.
      if (runOf(state, action.runId)) return state;
      return begin(state, {
        runId: action.runId,
        id: action.id,
        speed: 'normal',
        params: {},
        receivedAtMs: null,
      });
    case 'demo-event':
    case 'demo-events':
    case 'demo-finished':
    case 'demo-failed':
    case 'demo-cancel-requested':
    case 'demo-cancel-failed':
      break;
    default:
      // Experiment events belong to the Lab section.
      return state;
  }
  const run = runOf(state, action.runId);
  if (!run) return state;
  switch (action.type) {
    case 'demo-event':
    case 'demo-events': {
      if (run.status !== 'running') return state;
      const events = action.type === 'demo-event' ? [action.event] : action.events;
      const phases = events.flatMap((e) => (e.type === 'phase' ? [{ label: e.label, atMs: e.atMs }] : []));
      return update(state, run, {
        events: [...run.events, ...events],
        ...(phases.length ? { phases: [...run.phases, ...phases] } : {}),
      });
    }
    case 'demo-finished':
      return update(state, run, { status: 'finished', outcome: action.outcome, cancelling: false });
    case 'demo-failed':
      return update(state, run, {
        status: action.error.code === 'cancelled' ? 'cancelled' : 'failed',
        error: action.error,
        cancelling: false,
      });
    case 'demo-cancel-requested':
      return run.status === 'running' ? update(state, run, { cancelling: true }) : state;
    case 'demo-cancel-failed':
      return update(state, run, { cancelling: false });
  }
}

/** The lanes rebuilt from a run's events, open spans drawn up to `nowMs` (the way the engine builds them). */
export function lanesFromEvents(events: readonly DemoEvent[], nowMs?: number, upTo = events.length): Lane[] {
  const board = new LaneBoard();
  for (let i = 0; i < upTo && i < events.length; i++) {
    const e = events[i];
    if (e) board.apply(e);
  }
  return board.snapshot(nowMs);
}

/** The latest time any event of the run mentions: the least the live clock can be. */
export function lastEventMs(events: readonly DemoEvent[]): number {
  let max = 0;
  for (const e of events) {
    const t = eventAtMs(e);
    if (t !== null && t > max) max = t;
  }
  return max;
}

/** The engine time an event carries, if it carries one (lanes and pids do not; bulk spans end at their last). */
export function eventAtMs(e: DemoEvent): number | null {
  switch (e.type) {
    case 'state':
    case 'truncated':
    case 'phase':
      return e.atMs;
    case 'spans':
      return e.spans.reduce<number | null>((m, s) => (m === null || s.endMs > m ? s.endMs : m), null);
    default:
      return null;
  }
}

/** The step a run is on now, or null before its first. */
export function currentPhase(run: DemoRun): string | null {
  return run.phases.at(-1)?.label ?? null;
}
