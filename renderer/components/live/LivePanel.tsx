/** The running experiment: progress, live CPU load, the speedup charts filling in, and a way to stop. */
import { memo, useMemo } from 'react';
import type { WorkloadMeta } from '../../../electron/common/config';
import { useThrottled } from '../../hooks/useThrottled';
import type { ExperimentState } from '../../state/experiment';
import { SpeedupGrid } from '../results/SpeedupGrid';
import { CpuChart } from './CpuChart';
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
 * What arrives during a run lands here about once a second (useExperiment gathers events); the progress bar
 * follows it, and so does the CPU chart, which is hand-drawn and cheap to redraw. The speedup charts are
 * recharts, whose redraw costs tens of milliseconds of CPU (it recomputes every selector of every chart), all
 * of it taken from the workers being timed: they redraw at most every five seconds. With live charts off
 * nothing of the charts redraws.
 */
const CPU_REDRAW_MS = 1000;
const SPEEDUP_REDRAW_MS = 5000;

const LiveProgress = memo(ProgressBar);
const LiveCpu = memo(CpuChart);
const LiveSpeedups = memo(SpeedupGrid);
const NO_FITS: never[] = [];

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
  // With live charts off the charts keep their last data and are hidden, so they never redraw.
  const samples = useThrottled(state.samples, liveCharts ? CPU_REDRAW_MS : Infinity);
  const results = useThrottled(state.results, liveCharts ? SPEEDUP_REDRAW_MS : Infinity);
  // Chart every workload of the run from the start, in the order it was configured. A user's own file is in
  // no catalog: its chart appears with its first result, which says its kind.
  const config = state.config;
  const workloads = useMemo(
    () =>
      (config?.workloads ?? []).flatMap((w) => {
        const kind =
          catalog.find((m) => m.name === w.name)?.kind ?? results.find((r) => r.workload === w.name)?.kind;
        return kind ? [{ name: w.name, kind }] : [];
      }),
    [config, catalog, results],
  );
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
        <LiveCpu samples={samples} cores={cores} />
        <LiveSpeedups
          results={results}
          fits={NO_FITS}
          cores={cores}
          titles={titles}
          showFit={false}
          workloads={workloads.length ? workloads : undefined}
          live
        />
      </div>
    </section>
  );
}
