/** The running experiment: progress, live CPU load, the speedup charts filling in, and a way to stop. */
import { memo, useMemo } from 'react';
import type { WorkloadMeta } from '../../../electron/common/config';
import { workloadsOf, type WorkloadKindName } from '../../charts/shape';
import type { ExperimentState } from '../../state/experiment';
import { CpuChart } from './CpuChart';
import { LiveSpeedupGrid } from './LiveSpeedupChart';
import { ProgressBar } from './ProgressBar';

interface Props {
  readonly state: ExperimentState;
  readonly cores: number;
  readonly catalog: readonly WorkloadMeta[];
  readonly canCancel: boolean;
  readonly onCancel: () => void;
  readonly liveCharts: boolean;
  readonly onToggleLiveCharts: () => void;
}

/**
 * What arrives during a run lands here about once a second (the transport gathers events), and the whole
 * live view follows it: the charts are hand-drawn SVG, cheap to redraw, and each speedup chart redraws only
 * when its own figures change. With live charts off they keep their last data, hidden, and never redraw.
 */
const LiveProgress = memo(ProgressBar);
/** Redrawn when the samples change, not when only a result has (each speedup chart has its own test). */
const LiveCpuChart = memo(CpuChart);
const LiveCharts = memo(
  function LiveCharts({
    samples,
    results,
    workloads,
    cores,
    titles,
  }: {
    readonly samples: ExperimentState['samples'];
    readonly results: ExperimentState['results'];
    readonly workloads: readonly { name: string; kind: WorkloadKindName }[];
    readonly cores: number;
    readonly titles: Readonly<Record<string, string>>;
    readonly shown: boolean;
  }) {
    return (
      <>
        <LiveCpuChart samples={samples} cores={cores} />
        <LiveSpeedupGrid results={results} workloads={workloads} cores={cores} titles={titles} />
      </>
    );
  },
  // Hidden charts are not redrawn at all; shown, they redraw when what they show changes.
  (a, b) =>
    (!a.shown && !b.shown) ||
    (a.shown === b.shown &&
      a.samples === b.samples &&
      a.results === b.results &&
      a.workloads === b.workloads &&
      a.cores === b.cores &&
      a.titles === b.titles),
);

export function LivePanel({
  state,
  cores,
  catalog,
  canCancel,
  onCancel,
  liveCharts,
  onToggleLiveCharts,
}: Props) {
  const titles = useMemo(() => Object.fromEntries(catalog.map((w) => [w.name, w.title])), [catalog]);
  const results = state.results;
  // Chart every workload of the run from the start, in the order it was configured. A user's own file is in
  // no catalog: its chart appears with its first result, which says its kind. Without a configuration,
  // the workloads of the results so far.
  const config = state.config;
  const workloads = useMemo(() => {
    const configured = (config?.workloads ?? []).flatMap((w) => {
      const kind =
        catalog.find((m) => m.name === w.name)?.kind ?? results.find((r) => r.workload === w.name)?.kind;
      return kind ? [{ name: w.name, kind }] : [];
    });
    return configured.length ? configured : workloadsOf(results);
  }, [config, catalog, results]);
  return (
    <section className="panel live" aria-labelledby="live-heading" data-testid="live-panel">
      <div className="panel-head">
        <h2 id="live-heading">Running: {state.config?.label || 'experiment'}</h2>
        <label className="toggle push-right">
          <input
            type="checkbox"
            checked={liveCharts}
            onChange={onToggleLiveCharts}
            data-testid="toggle-live-charts"
          />
          Live charts
        </label>
        {canCancel ? (
          <button
            type="button"
            className="button button-danger"
            onClick={onCancel}
            disabled={state.cancelling}
            data-testid="cancel"
          >
            {state.cancelling ? 'Stopping…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <LiveProgress progress={state.progress} />
      {liveCharts ? null : (
        <p className="note">
          Live charts are off, leaving every core to the experiment. The results appear when it finishes.
        </p>
      )}
      <div className="live-grid" hidden={!liveCharts}>
        <LiveCharts
          samples={state.samples}
          results={results}
          workloads={workloads}
          cores={cores}
          titles={titles}
          shown={liveCharts}
        />
      </div>
    </section>
  );
}
