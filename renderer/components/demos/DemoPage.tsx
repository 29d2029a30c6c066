/**
 * One demo: what it shows in plain words, the question to predict, Run / slow motion / Cancel, the lanes
 * live, the measured sentence and numbers, the per-demo view, and the Python beside the TypeScript that ran.
 */
import { memo, useId } from 'react';
import type { DemoMeta } from '../../../electron/common/demos';
import type { FieldIssue } from '../../../electron/common/errors';
import { useDemoTimeline, type DemoTimeline } from '../../hooks/useDemoTimeline';
import type { Presenter } from '../../hooks/useDemoPresenter';
import type { DemoRun } from '../../state/demo';
import type { ErrorView } from '../../state/errors';
import { formatMs } from '../../../electron/common/format';
import { ErrorAlert } from '../common/ErrorAlert';
import { CodePanes } from './CodePanes';
import { DetailsView } from './DetailsView';
import { LaneTimeline } from './LaneTimeline';
import { OutcomePanel } from './OutcomePanel';
import { PredictPanel } from './PredictPanel';
import { ReplayControls } from './ReplayControls';
import { RunControls } from './RunControls';

export interface DemoPageProps {
  readonly meta: DemoMeta;
  /** the last run of this demo */
  readonly run: DemoRun | null;
  /** another demo that is running now */
  readonly otherRunning: DemoMeta | null;
  readonly readOnly: boolean;
  readonly starting: boolean;
  readonly startError: ErrorView | null;
  readonly choice: string | null;
  /** the prediction made before the last run of this demo started */
  readonly predicted: string | null;
  readonly values: Readonly<Record<string, string>>;
  readonly presenter: Presenter;
  /** redraw the lanes while the demo runs (the Lab's "live charts" preference) */
  readonly liveLanes: boolean;
  readonly onToggleLiveLanes: () => void;
  readonly neighbours: { readonly prev: DemoMeta | null; readonly next: DemoMeta | null };
  readonly onChoose: (choice: string) => void;
  readonly onValue: (name: string, value: string) => void;
  readonly onRun: (slow: boolean) => void;
  readonly onCancel: () => void;
  readonly onDismissError: () => void;
  readonly onGo: (step: 1 | -1) => void;
  readonly onShow: (meta: DemoMeta) => void;
}

const RATE_NAMES: Readonly<Record<number, string>> = { 1: 'full', 0.5: '½', 0.25: '¼', 0.1: '⅒' };

function timelineStatus(t: DemoTimeline, live: boolean): string {
  const { replay } = t;
  if (t.mode === 'empty') return 'Nothing has run yet.';
  if (t.mode === 'live' && !live) return 'Live lanes are off: they appear when the demo has finished.';
  if (t.mode === 'live') return 'Live: the lanes grow as the threads report, redrawn twice a second.';
  if (t.mode === 'replay')
    return `Replay at ${RATE_NAMES[replay.rate] ?? replay.rate} speed${replay.playing ? '' : ', paused'}: ${formatMs(Math.min(replay.clockMs, t.endMs))} of ${formatMs(t.endMs)}, event ${replay.cursor} of ${t.eventsTotal}.`;
  return `As the engine recorded them, over ${formatMs(t.endMs)}.`;
}

function DemoPageImpl(props: DemoPageProps) {
  const { meta, run, presenter, neighbours } = props;
  const id = useId();
  const timeline = useDemoTimeline(run, props.liveLanes);
  const running = run?.status === 'running';
  const outcome = run?.status === 'finished' ? run.outcome : null;
  const issues: readonly FieldIssue[] = props.startError?.issues ?? [];
  return (
    <article
      className="demo-page panel"
      aria-labelledby={`${id}-title`}
      data-testid="demo-page"
      data-demo={meta.id}
      data-status={run && !(run.status === 'cancelled') ? run.status : 'idle'}
    >
      <header className="demo-head">
        <div>
          <p className="demo-concept">{meta.concept}</p>
          <h2 id={`${id}-title`} data-testid="demo-title">
            {meta.title}
          </h2>
        </div>
        <div className="demo-nav">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => props.onGo(-1)}
            aria-label={neighbours.prev ? `Previous demo: ${neighbours.prev.title}` : 'Previous demo'}
            data-testid="demo-prev"
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => props.onGo(1)}
            aria-label={neighbours.next ? `Next demo: ${neighbours.next.title}` : 'Next demo'}
            data-testid="demo-next"
          >
            Next ›
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={presenter.on}
            aria-keyshortcuts="P"
            onClick={presenter.toggle}
            data-testid="demo-presenter"
          >
            {presenter.on ? 'Leave presenter mode' : 'Presenter mode'} <kbd>P</kbd>
          </button>
        </div>
      </header>
      {presenter.on ? (
        <p className="hint demo-keys" data-testid="demo-presenter-hint">
          <kbd>←</kbd> <kbd>→</kbd> previous / next demo · <kbd>P</kbd> or <kbd>Esc</kbd> leave presenter mode
          {presenter.fullscreen ? '' : ' · full window (the browser did not allow full screen)'}
        </p>
      ) : null}
      {props.otherRunning ? (
        <p className="banner banner-warn">
          “{props.otherRunning.title}” is running now: one demo at a time.{' '}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => props.otherRunning && props.onShow(props.otherRunning)}
          >
            Show it
          </button>
        </p>
      ) : null}
      <p className="demo-summary" data-testid="demo-summary">
        {meta.summary}
      </p>
      <PredictPanel
        question={meta.question}
        choice={props.choice}
        onChoose={props.onChoose}
        disabled={running}
        result={outcome ? { outcome, predicted: props.predicted } : null}
      />
      <RunControls
        meta={meta}
        running={running}
        cancelling={run?.cancelling ?? false}
        starting={props.starting}
        canStart={!props.readOnly}
        canCancel={!props.readOnly}
        values={props.values}
        issues={issues}
        onValue={props.onValue}
        onRun={props.onRun}
        onCancel={props.onCancel}
      />
      {props.startError ? (
        <ErrorAlert
          error={props.startError}
          title="The demo could not start"
          onDismiss={props.onDismissError}
        />
      ) : null}
      <OutcomePanel run={run} />
      <section className="demo-lanes-panel" aria-labelledby={`${id}-lanes`}>
        <div className="panel-head">
          <h3 id={`${id}-lanes`} className="demo-step-heading">
            <span className="demo-step">Watch</span> each thread and process over time
          </h3>
          <ReplayControls timeline={timeline} />
        </div>
        <label className="toggle demo-live-toggle">
          <input
            type="checkbox"
            checked={props.liveLanes}
            onChange={props.onToggleLiveLanes}
            data-testid="demo-live-lanes"
          />
          Draw the lanes live (off: they appear at the end, leaving the CPU to the demo)
        </label>
        <LaneTimeline
          lanes={timeline.lanes}
          endMs={timeline.endMs}
          phases={run?.phases ?? NO_PHASES}
          status={timelineStatus(timeline, props.liveLanes)}
        />
      </section>
      {outcome ? <DetailsView outcome={outcome} /> : null}
      <CodePanes python={meta.python} typescript={outcome?.code.typescript ?? null} />
    </article>
  );
}

const NO_PHASES: never[] = [];

export const DemoPage = memo(DemoPageImpl);
