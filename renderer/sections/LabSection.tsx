/**
 * The Lab section: the headline experiment, the builder, then either the running experiment or the last
 * results. State lives in hooks; this component only decides what is visible.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExperimentConfigInput } from '../../electron/common/config';
import { Builder } from '../components/builder/Builder';
import { ErrorAlert } from '../components/common/ErrorAlert';
import { Headline } from '../components/Headline';
import { QuietBanner } from '../components/QuietBanner';
import { LivePanel } from '../components/live/LivePanel';
import { MachinePanel } from '../components/results/MachinePanel';
import { ResultsView } from '../components/results/ResultsView';
import { useExperiment } from '../hooks/useExperiment';
import { useQuietStart } from '../hooks/useQuietStart';
import type { LabInfo } from '../../electron/common/api';
import { formFromConfig } from '../state/builder';
import { headlineConfig, headlineHasPython, type HeadlineSize } from '../state/headline';
import { estimateRun, historyTimings } from '../state/estimate';
import { useHistory } from '../hooks/useHistory';
import type { SectionProps } from './section';

// Engine events re-render the page many times a second during a run; the parts that do not depend on them
// skip those renders, so the UI takes as little CPU as possible from the workers being measured.
const StaticHeadline = memo(Headline);
const StaticBuilder = memo(Builder);
const StaticResults = memo(ResultsView);

export function LabSection({ info, prefs, editInBuilder, builderPreset = null }: SectionProps) {
  const exp = useExperiment();
  const { join, start } = exp;
  // Every start goes through the quiet check first: the banner holds it while other programs are busy.
  const quiet = useQuietStart(start);
  const { request } = quiet;
  const [origin, setOrigin] = useState<'headline' | 'builder'>('headline');
  const cores = info?.machine.logicalCores ?? 1;

  const withPython = headlineHasPython(info.python);
  const history = useHistory();
  const timings = useMemo(() => historyTimings(history.entries), [history.entries]);
  const estimates = useMemo(
    () => ({
      quick: estimateRun(headlineConfig(cores, 'quick', withPython), info, timings),
      full: estimateRun(headlineConfig(cores, 'full', withPython), info, timings),
    }),
    [cores, withPython, info, timings],
  );

  const runHeadline = useCallback(
    (size: HeadlineSize) => {
      setOrigin('headline');
      request(headlineConfig(cores, size, withPython));
    },
    [request, cores, withPython],
  );
  const runBuilt = useCallback(
    (input: ExperimentConfigInput) => {
      setOrigin('builder');
      request(input);
    },
    [request],
  );

  useEffect(() => {
    if (info?.running) join(info.running.runId, info.running.config);
  }, [info, join]);

  // A report's settings re-opened: the builder starts again from them, opened and in view.
  const presetForm = useMemo(
    () => (builderPreset ? formFromConfig(builderPreset.config, info) : undefined),
    [builderPreset, info],
  );
  const builderPanel = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const panel = builderPanel.current;
    if (!builderPreset || !panel) return;
    panel.open = true;
    panel.scrollIntoView?.({ block: 'start' });
  }, [builderPreset]);

  const titles = useMemo(
    () => Object.fromEntries((info?.workloads ?? []).map((w) => [w.name, w.title])),
    [info],
  );

  const { state } = exp;
  const running = state.status === 'running';
  const busy = running || exp.starting || info.readOnly || quiet.gate.phase !== 'idle';

  return (
    <>
      {info.readOnly ? (
        <p className="banner" data-testid="read-only">
          You are watching: runs started on the lab machine appear here live, but this screen cannot start
          them.
        </p>
      ) : null}
      <StaticHeadline
        cores={cores}
        disabled={busy}
        withPython={withPython}
        pythonNote={headlinePythonNote(info.python, withPython)}
        estimates={estimates}
        onRun={runHeadline}
      />
      <QuietBanner
        gate={quiet.gate}
        onRunAnyway={quiet.runAnyway}
        onWait={quiet.waitUntilQuiet}
        onCancel={quiet.cancel}
      />
      {origin === 'headline' && exp.startError ? (
        <ErrorAlert error={exp.startError} order={exp.sentOrder} onDismiss={exp.clearStartError} />
      ) : null}
      <details className="panel builder-panel" ref={builderPanel}>
        <summary>
          <h2 id="builder-heading">Build your own experiment</h2>
        </summary>
        <StaticBuilder
          key={builderPreset?.key ?? 0}
          initial={presetForm}
          info={info}
          disabled={busy}
          startError={origin === 'builder' ? exp.startError : null}
          sentOrder={exp.sentOrder}
          timings={timings}
          onStart={runBuilt}
        />
      </details>
      {running ? (
        <LivePanel
          state={state}
          cores={cores}
          catalog={info.workloads}
          canCancel={!info.readOnly}
          onCancel={() => void exp.cancel()}
          liveCharts={prefs.liveCharts}
          onToggleLiveCharts={prefs.toggleLiveCharts}
        />
      ) : null}
      {state.status === 'failed' && state.error ? (
        <ErrorAlert
          error={{ message: state.error.message, issues: state.error.issues }}
          title="The experiment failed"
        />
      ) : null}
      {state.report && !running ? (
        <StaticResults report={state.report} titles={titles} onEditSettings={editInBuilder} />
      ) : null}
      {!state.report && !running ? (
        <MachinePanel machine={info.machine} python={info.python ?? PROBING} />
      ) : null}
    </>
  );
}

/** Why the headline runs without Python, when it does. */
function headlinePythonNote(python: LabInfo['python'], withPython: boolean): string | null {
  if (withPython) return null;
  if (!python) return 'Looking for Python: until it is found, the experiment runs the Node models only.';
  if (python.interpreters.length === 0)
    return 'Python was not found on this machine, so the experiment runs the Node models only (see This machine).';
  const why = python.unavailable['py-threads'] ?? python.unavailable['py-processes'] ?? 'unavailable';
  return `Python's threads and processes cannot run here (${why}), so the experiment runs the Node models only.`;
}

/** What the machine panel says until the lab has finished looking for Python. */
const PROBING = { interpreters: [], reason: null, probing: true } as const;
